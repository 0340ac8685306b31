package engram.generator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuRuntimeCheckTest {
    @TempDir
    Path dir;

    @Test
    void theCpuBuildRunsWithoutADriver() {
        assertEquals(Optional.empty(), GpuRuntimeCheck.problem(false, dir.resolve("proc/version"), List.of(dir)));
    }

    @Test
    void theGpuBuildWithoutADriverIsRefusedWithTheFixNamed() {
        Optional<String> problem = GpuRuntimeCheck.problem(true, dir.resolve("proc/version"), List.of(dir.resolve("lib")));
        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("onnxruntime_gpu") && problem.get().contains("proc/version")
                && problem.get().contains("libcuda.so.1") && problem.get().contains("mvn -q -pl generator -am package"), problem.get());
    }

    @Test
    void theGpuBuildRunsWhenTheDriverProcFileOrLibcudaExists() throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc")).resolve("version");
        Files.writeString(proc, "NVRM version: test");
        assertEquals(Optional.empty(), GpuRuntimeCheck.problem(true, proc, List.of()));

        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("libcuda.so.1"), "");
        assertEquals(Optional.empty(), GpuRuntimeCheck.problem(true, dir.resolve("missing"), List.of(dir.resolve("none"), lib)));
    }

    @Test
    void thisMachinesCpuBuildPassesTheRealCheck() {
        GpuRuntimeCheck.requireUsableRuntime();
    }
}
