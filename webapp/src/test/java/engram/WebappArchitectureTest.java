package engram;

import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The webapp's package rules (docs/architecture.md, "Package rules"). Imports that break a rule today are listed in
 * {@link #FROZEN}, one "origin -> target" class pair each; the list may only shrink, and an entry that no longer
 * occurs fails {@link #everyFrozenImportStillExists()} so that it is taken out.
 */
class WebappArchitectureTest {

    private static final JavaClasses WEBAPP = new ClassFileImporter().importPath(Path.of("target/classes"));

    /** The feature packages, engram.&lt;feature&gt;; platform is the webapp's ground floor, app its composition root on top. */
    private static final List<String> FEATURES = List.of("accounts", "app", "archive", "audit", "demo", "experiment", "export",
            "platform", "results", "run", "stimuli", "workspace");

    /** Known imports against the rules below (top-level class names, nested classes count as their outer class). */
    static final Set<String> FROZEN = Set.of(
            // the experimenter's monitor counts a sequence's fill with the participant side's rule
            "engram.workspace.control.Monitor -> engram.run.control.SequenceFill",
            // cycles that came with study archives (archive reads experiments and writes their CSVs the export's way;
            // the experiment's editors and export's resource call archive back)
            "engram.experiment.control.ExperimentStep -> engram.archive.control.ProtocolVersions",
            "engram.experiment.control.DisplayEditor -> engram.archive.control.ProtocolVersions",
            "engram.archive.control.StudyArchives -> engram.export.control.ExportCsv",
            // the scripts' API answers the monitor's counts with the workspace's query (export <-> workspace)
            "engram.export.boundary.ExperimentsResource -> engram.workspace.control.Monitor");

    @Test
    void featurePackagesAreTheDocumentedOnes() {
        Set<String> found = WEBAPP.stream().map(JavaClass::getPackageName)
                .map(p -> p.split("\\.")[1]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(FEATURES), found, "a new feature package: add it to FEATURES and docs/architecture.md");
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
        classes().that().resideInAPackage("engram.platform..")
                .should(onlyHaveDependenciesWhere(notInto(features)))
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
        classes().that().resideInAPackage("engram.workspace..")
                .should(onlyHaveDependenciesWhere(notInto("engram.run..")))
                .because("the participant side and the experimenter side never depend on each other")
                .check(WEBAPP);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        SliceRule rule = slices().matching("engram.(*)..").should().beFreeOfCycles();
        for (String pair : FROZEN) {
            String[] ends = pair.split(" -> ");
            rule = rule.ignoreDependency(topLevel(ends[0]), topLevel(ends[1]));
        }
        rule.check(WEBAPP);
    }

    @Test
    void everyFrozenImportStillExists() {
        Set<String> actual = WEBAPP.stream().flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .map(WebappArchitectureTest::pair).collect(Collectors.toSet());
        Set<String> gone = new TreeSet<>(FROZEN);
        gone.removeAll(actual);
        assertEquals(Set.of(), gone, "fixed imports: take them out of WebappArchitectureTest.FROZEN");
    }

    /** A dependency is allowed when its target lies outside the packages, or when it is frozen. */
    private static DescribedPredicate<Dependency> notInto(String... packages) {
        return DescribedPredicate.describe("target outside " + String.join(", ", packages) + " (or frozen)",
                d -> !inAny(d.getTargetClass(), packages) || FROZEN.contains(pair(d)));
    }

    private static boolean inAny(JavaClass c, String... packages) {
        for (String p : packages) {
            String root = p.substring(0, p.length() - 2);
            if (c.getPackageName().equals(root) || c.getPackageName().startsWith(root + ".")) {
                return true;
            }
        }
        return false;
    }

    private static String pair(Dependency d) {
        return outer(d.getOriginClass().getName()) + " -> " + outer(d.getTargetClass().getName());
    }

    private static String outer(String name) {
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static DescribedPredicate<JavaClass> topLevel(String name) {
        return DescribedPredicate.describe(name, c -> outer(c.getName()).equals(name));
    }
}
