package engram;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The webapp's package rules (docs/architecture.md, "Package rules"); no import breaks them and none is excused. */
class WebappArchitectureTest {

    private static final JavaClasses WEBAPP = new ClassFileImporter().importPath(Path.of("target/classes"));

    /**
     * The feature packages, engram.&lt;feature&gt;, by floor, top first (docs/architecture.md, the webapp's floors): app is the
     * composition root on top, platform the ground floor. A feature imports only features on floors below its own.
     */
    static final List<List<String>> FLOORS = List.of(
            List.of("app"),
            List.of("workspace", "demo"),
            List.of("results"),
            List.of("export"),
            List.of("run"),
            List.of("archive"),
            List.of("experiment"),
            List.of("stimuli"),
            List.of("audit"),
            List.of("accounts"),
            List.of("platform"));

    private static final List<String> FEATURES = FLOORS.stream().flatMap(List::stream).sorted().toList();

    @Test
    void featurePackagesAreTheDocumentedOnes() {
        Set<String> found = WEBAPP.stream().map(JavaClass::getPackageName)
                .map(p -> p.split("\\.")[1]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(FEATURES), found, "a new feature package: add it to FLOORS and docs/architecture.md");
    }

    @Test
    void everyFeaturePackageSaysWhatItDoes() {
        for (String feature : FEATURES) {
            Path info = Path.of("src/main/java/engram", feature, "package-info.java");
            assertTrue(Files.isRegularFile(info), info + ": what the feature does, needs and leaves out");
        }
    }

    @Test
    void platformImportsNoFeature() {
        String[] features = FEATURES.stream().filter(f -> !f.equals("platform")).map(f -> "engram." + f + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage("engram.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .because("platform is the webapp's ground floor")
                .check(WEBAPP);
    }

    @Test
    void noFeatureImportsTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("engram.app..")
                .should().dependOnClassesThat().resideInAPackage("engram.app..")
                .because("engram.app is the webapp's top floor")
                .check(WEBAPP);
    }

    @Test
    void participantSideNeverImportsTheWorkspace() {
        noClasses().that().resideInAPackage("engram.run..")
                .should().dependOnClassesThat().resideInAPackage("engram.workspace..")
                .check(WEBAPP);
    }

    @Test
    void workspaceNeverImportsTheParticipantSide() {
        noClasses().that().resideInAPackage("engram.workspace..")
                .should().dependOnClassesThat().resideInAPackage("engram.run..")
                .because("the participant side and the experimenter side never depend on each other")
                .check(WEBAPP);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("engram.(*)..").should().beFreeOfCycles().check(WEBAPP);
    }

    @Test
    void everyImportPointsToALowerFloor() {
        Set<String> notDown = new TreeSet<>();
        for (JavaClass c : WEBAPP) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String from = feature(d.getOriginClass());
                String to = feature(d.getTargetClass());
                if (from != null && to != null && !from.equals(to) && floor(to) <= floor(from)) {
                    notDown.add(outer(d.getOriginClass().getName()) + " -> " + outer(d.getTargetClass().getName()));
                }
            }
        }
        assertEquals(Set.of(), notDown, "imports that do not point down the floors (WebappArchitectureTest.FLOORS, docs/architecture.md)");
    }

    /** The webapp feature a class belongs to, or null for a class of another module or library. */
    private static String feature(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        return parts.length > 1 && parts[0].equals("engram") && FEATURES.contains(parts[1]) ? parts[1] : null;
    }

    /** The floor's index, 0 at the top. */
    private static int floor(String feature) {
        for (int i = 0; i < FLOORS.size(); i++) {
            if (FLOORS.get(i).contains(feature)) {
                return i;
            }
        }
        throw new IllegalArgumentException(feature);
    }

    private static String outer(String name) {
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }
}
