package engram.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ground floor: core/ depends on the JDK and picocli only, never on Jakarta or another engram module. */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void coreDependsOnlyOnTheJdkPicocliAndItself() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "picocli..", "engram.core..", "engram.cli..")
                .because("core/ is the ground floor (docs/architecture.md, The floors)")
                .check(CORE);
    }
}
