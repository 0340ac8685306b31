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
}
