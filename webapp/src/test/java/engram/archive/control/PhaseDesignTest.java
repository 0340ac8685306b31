package engram.archive.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import engram.core.design.RecognitionParameters;
import engram.core.design.RecognitionValidator;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.experiment.control.ExperimentSteps;
import engram.platform.FieldError;
import engram.experiment.control.PhasesJson;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.Database;
import engram.run.control.RunService;

/**
 * A phase plan set through the editor: study and test lists built by engram-core's recognition design builder and
 * stored with their phase columns, served to a run by session, and carried through a study archive byte for byte.
 */
class PhaseDesignTest {

    static final String PLAN = "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":1500},"
            + "{\"phase\":2,\"task\":\"old-new\",\"session\":1,\"confidenceLevels\":4},"
            + "{\"phase\":3,\"task\":\"2afc\",\"session\":2,\"delayMinS\":600,\"delayMaxS\":86400}]";
    static final RecognitionParameters PARAMETERS = RecognitionParameters.withDefaults().withLists(2).withStudyPairs(8)
            .withFoilsPerTest(3).withSeed(14);

    @TempDir
    Path temp;
    private Database database;
    private StudyArchives archives;
    private ExperimentSteps steps;

    @BeforeEach
    void start() throws IOException {
        database = ArchiveFixture.h2(temp.resolve("data"));
        archives = ArchiveFixture.archives(database);
        steps = ArchiveFixture.steps(database, archives);
        ArchiveFixture.study(database, temp.resolve("set"), "noise");
    }

    @AfterEach
    void stop() {
        database.stop();
    }

    private List<SequenceItem> items(String slug) {
        return database.read(em -> em.createQuery("select i from SequenceItem i where i.experiment.slug = :s order by i.sequenceId, i.trialIndex",
                SequenceItem.class).setParameter("s", slug).getResultList());
    }

    @Test
    void theBuiltListsAreStoredWithTheirPhasesAndServedBySession() {
        List<PhaseList> lists = steps.design().generatePhases("noise", PLAN, PARAMETERS);
        assertEquals(2, lists.size());
        Experiment e = steps.overview().find("noise");
        assertEquals(3, PhasesJson.read(e.phasesJson()).phases().size());
        assertEquals(1, e.sessionCodes().size(), "one code for the end of session 1");
        assertEquals(List.of(), new RecognitionValidator(PhasesJson.read(e.phasesJson()), PARAMETERS, steps.design().recognitionStimuli(e))
                .validateAll(steps.design().phaseLists(e)).stream().map(v -> v.message()).toList());
        engram.experiment.control.LaunchChecklist.Item sequencesItem = steps.lifecycle().checklist(e).stream()
                .filter(i -> i.key().equals("sequences")).findFirst().orElseThrow();
        assertTrue(sequencesItem.passed(), "the launch checklist checks the lists with the recognition rules: " + sequencesItem.detail());
        List<SequenceItem> stored = items("noise");
        assertEquals(lists.stream().mapToInt(PhaseList::length).sum(), stored.size());
        PhaseTrial afc = lists.get(0).trials().stream().filter(PhaseTrial::isTwoAlternative).findFirst().orElseThrow();
        SequenceItem item = stored.stream().filter(i -> i.sequenceId() == 1 && i.trialIndex() == afc.trialIndex()).findFirst().orElseThrow();
        assertEquals(List.of(3, afc.alternativeImageId(), afc.targetSide().csvName()), List.of(item.phase(), item.alternativeImageId(), item.targetSide()));

        database.write(em -> {
            em.find(Experiment.class, e.id()).setStatus(Experiment.Status.LIVE);
            return null;
        });
        RunService runs = new RunService(database, ArchiveFixture.CLOCK);
        RunService.Opened opened = runs.open("noise", "PDESIGN", "STUDY", "S1", false, null, null);
        RunService.Visit visit = runs.visit(opened);
        assertEquals(1, visit.session());
        assertTrue(visit.items().stream().allMatch(i -> i.phase() <= 2), "session 1 serves the study and old-new phases only");
        assertEquals(lists.get(opened.run().sequenceId() - 1).trials().stream().filter(t -> t.phase() <= 2).count(), visit.items().size());
    }

    /** The game in session 1, an old-new test of its images a day later (issue #14). */
    static final String GAME_PLAN = "[{\"phase\":1,\"task\":\"continuous\",\"session\":1,\"boxes\":true},"
            + "{\"phase\":2,\"task\":\"old-new\",\"session\":2,\"delayMinS\":86400,\"delayMaxS\":172800}]";
    static final RecognitionParameters GAME_PARAMETERS = RecognitionParameters.withDefaults().withLists(2).withStudyPairs(4)
            .withFoilsPerTest(3).withSeed(14).withGame(engram.core.design.DesignParameters.withDefaults().withLength(20).withRepeats(4)
                    .withLag(2, 10));

    @Test
    void theGameThenATestOfItsImagesIsBuiltStoredCheckedAndServedBySession() {
        List<PhaseList> lists = steps.design().generatePhases("noise", GAME_PLAN, GAME_PARAMETERS);
        assertEquals(2, lists.size());
        Experiment e = steps.overview().find("noise");
        RecognitionParameters stored = engram.experiment.control.ExperimentDesign.recognitionParameters(e.designJson());
        assertEquals(GAME_PARAMETERS.gameParameters(), stored.gameParameters(), "the game's parameters are stored with the design");
        assertEquals(List.of(), new RecognitionValidator(PhasesJson.read(e.phasesJson()), stored, steps.design().recognitionStimuli(e))
                .validateAll(steps.design().phaseLists(e)).stream().map(v -> v.message()).toList());
        engram.experiment.control.LaunchChecklist.Item sequencesItem = steps.lifecycle().checklist(e).stream()
                .filter(i -> i.key().equals("sequences")).findFirst().orElseThrow();
        assertTrue(sequencesItem.passed(), "the launch checklist checks the game and the test: " + sequencesItem.detail());
        List<SequenceItem> stored1 = items("noise").stream().filter(i -> i.sequenceId() == 1).toList();
        assertEquals(List.of("target", "filler"), stored1.stream().filter(i -> i.phase() == 1).map(SequenceItem::kind).distinct().sorted(
                java.util.Comparator.reverseOrder()).toList(), "phase 1 stores the game's kinds");

        database.write(em -> {
            em.find(Experiment.class, e.id()).setStatus(Experiment.Status.LIVE);
            return null;
        });
        RunService runs = new RunService(database, ArchiveFixture.CLOCK);
        RunService.Opened opened = runs.open("noise", "PGAME", "STUDY", "S1", false, null, null);
        RunService.Visit visit = runs.visit(opened);
        assertEquals(1, visit.session());
        assertEquals(20, visit.items().size(), "session 1 serves the game only");
        assertTrue(visit.items().stream().allMatch(i -> i.phase() == 1));
    }

    @Test
    void aPlanThatBreaksARuleIsRefusedNamingThePhaseAndFieldAndChangesNothing() {
        List<SequenceItem> before = items("noise");
        FieldError refused = assertThrows(FieldError.class, () -> steps.design().generatePhases("noise",
                PLAN.replace("\"confidenceLevels\":4", "\"confidenceLevels\":12"), PARAMETERS));
        assertEquals("invalid_phases", refused.code());
        assertTrue(refused.getMessage().contains("phase 2") && refused.getMessage().contains("confidenceLevels"), refused.getMessage());
        assertEquals(before.size(), items("noise").size());
        assertEquals(null, steps.overview().find("noise").phasesJson());
    }

    @Test
    void aStudyArchiveCarriesThePlanAndTheListsByteForByte() throws IOException {
        archiveRoundTrip(PLAN, PARAMETERS);
    }

    @Test
    void aStudyArchiveCarriesTheGameThenTestPlanItsGameParametersAndItsLists() throws IOException {
        archiveRoundTrip(GAME_PLAN, GAME_PARAMETERS);
        assertEquals(GAME_PARAMETERS.gameParameters(), engram.experiment.control.ExperimentDesign.recognitionParameters(
                steps.overview().find("noise-copy").designJson()).gameParameters());
    }

    private void archiveRoundTrip(String plan, RecognitionParameters parameters) throws IOException {
        steps.design().generatePhases("noise", plan, parameters);
        byte[] zip = ArchiveFixture.archive(archives, "noise");
        String sequences = new String(ArchiveFixture.entry(zip, StudyArchiveLayout.SEQUENCES), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(sequences.startsWith("sequence_id,trial_index,image_id,presentation,kind,phase,alternative_image_id,target_side"), sequences);
        Path file = Files.createTempFile(temp, "archive", ".zip");
        Files.write(file, zip);
        StudyArchives.Imported imported = archives.importArchive(file, "phases.zip", "noise-copy", archives.protocolHash("noise"));
        assertEquals(archives.protocolHash("noise"), imported.protocolHash());
        Experiment copy = steps.overview().find("noise-copy");
        assertEquals(steps.overview().find("noise").phasesJson(), copy.phasesJson());
        assertEquals(steps.overview().find("noise").sessionCodes(), copy.sessionCodes());
        List<SequenceItem> a = items("noise");
        List<SequenceItem> b = items("noise-copy");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(List.of(a.get(i).phase(), String.valueOf(a.get(i).alternativeImageId()), String.valueOf(a.get(i).targetSide()),
                    String.valueOf(a.get(i).lureType()), a.get(i).kind()), List.of(b.get(i).phase(), String.valueOf(b.get(i).alternativeImageId()),
                    String.valueOf(b.get(i).targetSide()), String.valueOf(b.get(i).lureType()), b.get(i).kind()), "position " + i);
        }
    }
}
