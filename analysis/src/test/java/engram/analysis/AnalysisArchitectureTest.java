package engram.analysis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Floor 1: analysis/ uses core/ and libraries, never Jakarta, the webapp or a module above it. */
class AnalysisArchitectureTest {

    private static final JavaClasses ANALYSIS = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void analysisIsFreeOfJakarta() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.persistence..")
                .check(ANALYSIS);
    }

    @Test
    void analysisImportsNothingAboveItsFloor() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        // webapp features (docs/architecture.md), generator/ and simulator/
                        "engram.accounts..", "engram.archive..", "engram.audit..", "engram.demo..", "engram.experiment..",
                        "engram.export..", "engram.platform..", "engram.results..", "engram.run..",
                        "engram.stimuli..", "engram.workspace..", "engram.generator..", "engram.simulate..", "engram.study..")
                .because("analysis/ is floor 1 (docs/architecture.md, The floors)")
                .check(ANALYSIS);
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
     */
    @Test
    void librariesNameNoFlags() throws java.io.IOException {
        java.util.regex.Pattern flagInLiteral = java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*--[a-z]");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(Path.of("src/main/java"))) {
            java.util.List<String> found = new java.util.ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (f.toString().contains("/cli/") || name.endsWith("Main.java") || name.endsWith("Command.java")) {
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
