package engram.analysis.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.analysis.io.StudyReader;
import engram.analysis.synthetic.SyntheticRecognition;
import engram.analysis.synthetic.SyntheticRecognition.Design;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted structure: exports simulated by {@link SyntheticRecognition} (equal-variance signal detection with known
 * d′) are analysed, and the measures must come back near their model values. Tolerances are about four standard errors
 * of the participant mean (30 participants, 100 targets and 200 foils per participant and phase), plus the small bias
 * of the log-linear correction.
 */
class PlantedRecognitionTest {
    private static final NormalDistribution Z = NormalDistribution.of(0, 1);

    @TempDir
    Path dir;

    RecognitionResult analyse(Design d) throws IOException {
        Path zip = dir.resolve("export.zip");
        SyntheticRecognition.writeZip(d, zip);
        AnalysisResult r = Analysis.of(StudyReader.create().readExport(zip))
            .with(AnalysisOptions.defaults().withSplits(2)).run();
        return r.recognition();
    }

    static double mean(RecognitionResult r, int phase, String groupBy, String group, String measure) {
        return r.summary().stream().filter(s -> s.phase() == phase && s.groupBy().equals(groupBy)
            && s.group().equals(group) && s.measure().equals(measure)).findFirst().orElseThrow().mean();
    }

    @Test
    void oldNewRecoversThePlantedDprimeAucAndForgetting() throws IOException {
        Design d = new Design(30, 400, 400, "old-new", 3, 1.6, 0.9, 0.6, 0.6, 0.3, 0.0, 7);
        RecognitionResult r = analyse(d);
        assertEquals(1.6, mean(r, 2, "condition", "high", "dprime"), 0.1);
        assertEquals(0.9, mean(r, 2, "condition", "low", "dprime"), 0.1);
        assertEquals(1.6 * 0.6, mean(r, 3, "condition", "high", "dprime"), 0.1);
        // equal variance: AUC = Φ(d′/√2)
        assertEquals(Z.cumulativeProbability(1.6 / Math.sqrt(2)), mean(r, 2, "condition", "high", "auc"), 0.02);
        assertEquals(Z.cumulativeProbability(0.9 / Math.sqrt(2)), mean(r, 2, "condition", "low", "auc"), 0.02);
        // a lure's strength is s·d′: p(old | perceptual lure of a high image) = Φ(0.6·1.6 − criterion)
        double criterion = 0.9 / 2;
        assertEquals(1 - Z.cumulativeProbability(criterion - 0.6 * 1.25), mean(r, 2, "lure_type", "perceptual",
            "lure_false_alarm_rate"), 0.03);
        // 2AFC target against its lure: Φ((1 − s)·d′/√2) averaged over high and low
        double pc = (Z.cumulativeProbability(0.4 * 0.96 / Math.sqrt(2)) + Z.cumulativeProbability(0.4 * 0.54 / Math.sqrt(2))) / 2;
        assertEquals(pc, mean(r, 4, "lure_type", "perceptual", "proportion_correct"), 0.03);
        RecognitionTest forgetting = r.tests().stream().filter(t -> t.phases().equals("2;3")
            && t.row().measure().equals("dprime") && t.row().result().test().equals("paired_t")).findFirst().orElseThrow();
        assertTrue(forgetting.row().result().statistic() > 0 && forgetting.row().result().pValue() < 1e-6,
            "d′ falls from session 1 to session 2: " + forgetting);
        RecognitionTest highLow = r.tests().stream().filter(t -> t.phases().equals("2") && t.row().groups().equals("high-low")
            && t.row().measure().equals("dprime") && t.row().result().test().equals("paired_t")).findFirst().orElseThrow();
        assertTrue(highLow.row().result().pValue() < 1e-6, highLow.toString());
        assertEquals(30, highLow.row().result().n());
    }

    @Test
    void oldSimilarNewRecoversThePlantedLdiAndRec() throws IOException {
        Design d = new Design(30, 400, 400, "old-similar-new", 0, 1.6, 0.9, 0.6, 0.6, 0.3, 0.0, 11);
        RecognitionResult r = analyse(d);
        // answers: old when strength > 1.5, similar when in (0.5, 1.5]
        double meanLure = 0.6 * (1.6 + 0.9) / 2;
        double similarLure = Z.cumulativeProbability(1.5 - meanLure) - Z.cumulativeProbability(0.5 - meanLure);
        double similarFoil = Z.cumulativeProbability(1.5) - Z.cumulativeProbability(0.5);
        assertEquals(similarLure - similarFoil, mean(r, 2, "lure_type", "perceptual", "ldi"), 0.03);
        double oldTarget = 1 - (Z.cumulativeProbability(1.5 - 1.6) + Z.cumulativeProbability(1.5 - 0.9)) / 2;
        double oldFoil = 1 - Z.cumulativeProbability(1.5);
        assertEquals(oldTarget - oldFoil, mean(r, 2, "all", "all", "rec"), 0.03);
    }

    static RecognitionTest test(RecognitionResult r, String phases, String measure, String test) {
        return r.tests().stream().filter(t -> t.phases().equals(phases) && t.row().measure().equals(measure)
            && t.row().result().test().equals(test)).findFirst().orElseThrow(() -> new AssertionError(
                "no " + test + " of " + measure + " over phases " + phases));
    }

    @Test
    void threeDelaysRecoverThePlantedDeclineAndTheOmnibusTestsFindIt() throws IOException {
        // 20 min, 1 d, 7 d with retention 1, 0.7, 0.45; 100 targets (50 per condition), 100 lures, 200 foils per phase
        List<SyntheticRecognition.Delay> delays = List.of(new SyntheticRecognition.Delay(1_200, 1.0),
            new SyntheticRecognition.Delay(86_400, 0.7), new SyntheticRecognition.Delay(604_800, 0.45));
        RecognitionResult r = analyse(new Design(30, 600, 600, "old-new", 3, 1.6, 0.9, 1, 0.6, 0.3, 0.0, 21, delays));
        double[] retention = {1.0, 0.7, 0.45};
        for (int i = 0; i < 3; i++) {
            assertEquals(1.6 * retention[i], mean(r, i + 2, "condition", "high", "dprime"), 0.12, "high, phase " + (i + 2));
            assertEquals(0.9 * retention[i], mean(r, i + 2, "condition", "low", "dprime"), 0.12, "low, phase " + (i + 2));
        }
        for (String measure : List.of("dprime", "hit_rate", "auc")) {
            RecognitionTest friedman = test(r, "2;3;4", measure, "friedman");
            assertEquals("phase2-phase3-phase4", friedman.row().groups());
            assertEquals(30, friedman.row().result().n());
            assertEquals(2.0, friedman.row().result().df());
            assertTrue(friedman.row().result().pValue() < 1e-6, friedman.toString());
            assertTrue(friedman.row().result().effectSize() > 0.5, "Kendall's W: " + friedman);
            RecognitionTest page = test(r, "2;3;4", measure, "page_trend");
            // L's maximum for m = 30, n = 3 is 30·14 = 420 (every participant declining), its null mean 360
            assertTrue(page.row().result().statistic() > 390 && page.row().result().pValue() < 1e-6, page.toString());
        }
        // the pairwise rows stay: each later phase against the first
        assertTrue(test(r, "2;4", "dprime", "paired_t").row().result().pValue() < 1e-6);
    }

    @Test
    void withoutForgettingTheOmnibusTestsFindNoTrend() throws IOException {
        List<SyntheticRecognition.Delay> delays = List.of(new SyntheticRecognition.Delay(1_200, 1.0),
            new SyntheticRecognition.Delay(86_400, 1.0), new SyntheticRecognition.Delay(604_800, 1.0));
        RecognitionResult r = analyse(new Design(30, 600, 600, "old-new", 3, 1.6, 0.9, 1, 0.6, 0.3, 0.0, 22, delays));
        RecognitionTest friedman = test(r, "2;3;4", "dprime", "friedman");
        RecognitionTest page = test(r, "2;3;4", "dprime", "page_trend");
        assertTrue(friedman.row().result().pValue() > 0.01 && page.row().result().pValue() > 0.01,
            friedman + " " + page);
    }

    @Test
    void boxesOnTestTrialsMakeMapsAroundThePlantedCentres() throws IOException {
        RecognitionResult r = analyse(Design.example());
        List<RecognitionVms> boxed = r.vms().stream().filter(v -> v.boxed() > 0).toList();
        assertTrue(boxed.size() > 100, "boxes on old answers of phases 2 and 3: " + boxed.size());
        assertTrue(r.vms().stream().noneMatch(v -> v.phase() == 4), "no maps for 2AFC");
        double area = SyntheticRecognition.BOX_SIZE * SyntheticRecognition.BOX_SIZE;
        long boxes = 0;
        long oldAnswers = 0;
        for (RecognitionVms v : r.vms()) {
            // one box inside the image per boxed trial: the map sums to boxed × area / answers
            assertEquals(v.boxed() * area / v.answers(), v.intensity(), 1e-9, v.imageId() + " " + v.kind());
            if (v.boxed() == 0) {
                continue;
            }
            boxes += v.boxed();
            double[] c = SyntheticRecognition.boxCentre(v.imageId());
            int cell = (int) (c[1] * 10) * 10 + (int) (c[0] * 10);
            // a box is 0.2 wide around the centre moved by at most 0.05, so it covers at least half of the centre's
            // 0.1-wide cell in x and in y: every boxed trial adds at least 1/4 to that cell
            assertTrue(v.map()[cell] >= 0.25 * v.boxed() / v.answers() - 1e-12, v.imageId() + ": centre cell "
                + v.map()[cell] + " of " + v.boxed() + "/" + v.answers() + " boxed");
            // and nothing lies farther than 0.15 from the centre: cells centred more than 0.2 from it stay empty
            for (int k = 0; k < 100; k++) {
                double cx = (k % 10 + 0.5) / 10;
                double cy = (k / 10 + 0.5) / 10;
                if (Math.abs(cx - c[0]) > 0.2 || Math.abs(cy - c[1]) > 0.2) {
                    assertEquals(0.0, v.map()[k], 1e-12, v.imageId() + " cell " + k);
                }
            }
        }
        for (RecognitionImage i : r.images()) {
            oldAnswers += i.task().equals("old-new") ? i.old() : 0;
        }
        // about BOX_RATE of the old answers got a box
        assertEquals(SyntheticRecognition.BOX_RATE, (double) boxes / oldAnswers, 0.03);
    }
}
