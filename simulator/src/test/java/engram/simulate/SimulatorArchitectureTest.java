package engram.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conventions of simulator/ (simulate, study): each package says what it does in a package-info.java, and the library
 * names its settings, never the commands' flags.
 */
class SimulatorArchitectureTest {

    @Test
    void everyPackageSaysWhatItDoes() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> missing = files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .filter(d -> !Files.isRegularFile(d.resolve("package-info.java"))).sorted().toList();
            assertEquals(List.of(), missing, "each package needs a package-info.java: what it does, what it needs, what is out of scope");
        }
    }

    /** Library messages name settings in backquotes (`clockOffsetFile`); SimulateMain maps them to flags (Cli.flags). */
    @Test
    void theLibraryNamesNoFlags() throws IOException {
        Pattern flagInLiteral = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*--[a-z]");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().endsWith("Main.java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (flagInLiteral.matcher(lines.get(i)).find()) {
                        found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "write the setting in backquotes (`name`); the command maps it to its flag");
    }
}
