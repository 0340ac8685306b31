package engram.generator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Floor 2: generator/ uses core/, analysis/ and libraries, never Jakarta, the webapp or the simulator. */
class GeneratorArchitectureTest {

    private static final JavaClasses GENERATOR = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void generatorIsFreeOfJakarta() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.persistence..")
                .check(GENERATOR);
    }

    @Test
    void generatorImportsNoWebappCode() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        // webapp features (docs/architecture.md) and the simulator, its neighbour on floor 2
                        "engram.accounts..", "engram.archive..", "engram.audit..", "engram.demo..", "engram.experiment..",
                        "engram.export..", "engram.platform..", "engram.results..", "engram.run..",
                        "engram.stimuli..", "engram.workspace..", "engram.simulate..", "engram.study..")
                .because("generator/ is floor 2 (docs/architecture.md, The floors)")
                .check(GENERATOR);
    }

    @Test
    void everyPackageSaysWhatItDoes() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(Path.of("src/main/java"))) {
            java.util.List<Path> missing = files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct()
                    .filter(d -> !java.nio.file.Files.isRegularFile(d.resolve("package-info.java"))).sorted().toList();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), missing,
                    "each package needs a package-info.java: what it does, what it needs, what is out of scope");
        }
    }

    /**
     * Libraries name their parameters, never a command's flags (docs/architecture.md, One command-line contract): no
     * string literal outside the commands (a cli package, *Main, *Command) holds a {@code --flag}.
     * Readout.java is left out: its report.html shows the user the command lines that use the saved readout.
     */
    @Test
    void librariesNameNoFlags() throws java.io.IOException {
        java.util.regex.Pattern flagInLiteral = java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*--[a-z]");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(Path.of("src/main/java"))) {
            java.util.List<String> found = new java.util.ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (f.toString().contains("/cli/") || name.endsWith("Main.java") || name.endsWith("Command.java") || name.equals("Readout.java")) {
                    continue;
                }
                java.util.List<String> lines = java.nio.file.Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (flagInLiteral.matcher(lines.get(i)).find()) {
                        found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), found,
                    "write the parameter in backquotes (`name`); the command maps it to its flag with Cli.flags");
        }
    }
}
