package engram.generator.model;

import engram.generator.StimulusException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start the CUDA build of ONNX Runtime (Maven profile {@code gpu}) on a host without an NVIDIA driver:
 * there, onnxruntime_gpu 1.29.0 crashes the whole JVM (SIGSEGV) while it creates its environment, before any
 * Java exception can say why.
 */
final class GpuRuntimeCheck {
    private static final String CUDA_PROVIDER = "ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so";
    private static volatile boolean passed;

    private GpuRuntimeCheck() {
    }

    /** Throws a {@link StimulusException} when this host cannot run the ONNX Runtime on the classpath. */
    static void requireUsableRuntime() {
        if (passed) {
            return;
        }
        boolean gpuBuild = GpuRuntimeCheck.class.getClassLoader().getResource(CUDA_PROVIDER) != null;
        Optional<String> problem = problem(gpuBuild, Path.of("/proc/driver/nvidia/version"), libraryDirs());
        if (problem.isPresent()) {
            throw new StimulusException(problem.get());
        }
        passed = true;
    }

    /**
     * Why the runtime cannot start here, if it cannot: the GPU build is on the classpath but neither the driver's
     * proc file nor libcuda.so.1 in any of {@code libraryDirs} exists.
     */
    static Optional<String> problem(boolean gpuBuild, Path driverProcFile, List<Path> libraryDirs) {
        if (!gpuBuild || Files.exists(driverProcFile)) {
            return Optional.empty();
        }
        for (Path dir : libraryDirs) {
            if (Files.exists(dir.resolve("libcuda.so.1"))) {
                return Optional.empty();
            }
        }
        return Optional.of("this generator build carries onnxruntime_gpu (Maven profile gpu), which needs an NVIDIA driver, CUDA 12"
                + " and cuDNN, but this host has no NVIDIA driver (" + driverProcFile + " is missing and no libcuda.so.1 in "
                + libraryDirs + "); rebuild the CPU runtime with: rm -rf generator/target/lib && mvn -q -pl generator -am package"
                + " -DskipTests");
    }

    private static List<Path> libraryDirs() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
                Path.of("/usr/local/nvidia/lib64"), Path.of("/usr/local/cuda/lib64"), Path.of("/usr/lib/wsl/lib")));
        String fromEnvironment = System.getenv("LD_LIBRARY_PATH");
        if (fromEnvironment != null) {
            for (String entry : fromEnvironment.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        return dirs;
    }
}
