package engram.analysis.io;

import engram.core.format.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Display-timing figures. References from NumPy here: mean, std(ddof=1), quantile(method='inverted_cdf') of
 * [1000.0, 1016.7, 983.3, 1000.1, 1033.4, 999.9, 1000.0, 1050.2]; tolerance 1e-9 for mean and SD.
 */
class TrialTimingTest {
    private static final double[] DURATIONS = {1000.0, 1016.7, 983.3, 1000.1, 1033.4, 999.9, 1000.0, 1050.2};

    @Test
    void meanSdQuantilesAndShareAgreeWithNumpy() {
        TrialTiming t = new TrialTiming();
        for (double d : DURATIONS) {
            t.addDuration(d);
        }
        t.setDisplayMs(1000);
        assertEquals(8, t.trials());
        assertEquals(1010.45, t.meanMs(), 1e-9);
        assertEquals(21.77738013890301, t.sdMs(), 1e-9);
        assertEquals(10.45, t.biasMs(), 1e-9);
        assertEquals(983.3, t.quantileMs(0.05), 1e-9);
        assertEquals(1000.0, t.quantileMs(0.5), 1e-9);
        assertEquals(1050.2, t.quantileMs(0.95), 1e-9);
        assertEquals(0.5, t.shareWithin(1000.0 / 60), 1e-12, "1016.7 and 983.3 are just outside one 60 Hz frame");
        assertEquals(983.3, t.minMs());
        assertEquals(1050.2, t.maxMs());
    }

    @Test
    void theReaderCountsKeptRowsAndDroppedFrames() throws Exception {
        Manifest manifest = StudyReader.withProgress(s -> { }).readManifest(new StringReader(
            "image_id,file,pair_id,condition,category\na,a.jpg,p,high,x\nb,b.jpg,p,low,x\n"), "manifest.csv");
        String responses = String.join("\n", List.of(
            "participant_id,sequence_id,trial_index,image_id,presentation,kind,lag,responded,rt_ms,onset_ms,duration_ms,dropped_frames,interrupted",
            "P1,1,0,a,1,target,,0,,0,1000.5,0,",
            "P1,1,1,b,1,target,,0,,1000,1033.9,2,",
            "P1,1,2,a,2,target,2,1,500,2000,120,0,display",
            "P1,1,3,b,2,target,2,0,,3000,,,")) + "\n";
        Responses r = StudyReader.withProgress(s -> { }).readResponses(new StringReader(responses), "responses.csv", manifest);
        TrialTiming t = r.timing();
        assertEquals(2, t.trials(), "the interrupted display and the row without a duration are not counted");
        assertEquals(1017.2, t.meanMs(), 1e-9);
        assertEquals(2, t.droppedFrameTrials(), "dropped_frames of the rows kept that have a value");
        assertEquals(2, t.droppedFrames());
        assertEquals(1, t.trialsWithDroppedFrames());
        assertEquals(Double.NaN, t.displayMs());
    }
}
