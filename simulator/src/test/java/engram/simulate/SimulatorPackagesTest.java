package engram.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each package of simulator/ (simulate, study) says what it does in a package-info.java. */
class SimulatorPackagesTest {

    @Test
    void everyPackageSaysWhatItDoes() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> missing = files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .filter(d -> !Files.isRegularFile(d.resolve("package-info.java"))).sorted().toList();
            assertEquals(List.of(), missing, "each package needs a package-info.java: what it does, what it needs, what is out of scope");
        }
    }
}
