package engram.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.io.ImageSource;
import engram.core.format.Manifest;
import engram.analysis.io.Responses;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.scores.ImageScore;
import engram.analysis.scores.ParticipantScore;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Edge cases: rates of 0 and 1, a single participant, an empty condition, vigilance handling, exclusion. */
class AnalysisEdgeCaseTest {
    static final String MANIFEST = "image_id,file,pair_id,condition,category\n"
        + "a,a.jpg,p1,high,x\nb,b.jpg,p1,low,x\nc,c.jpg,,empty,y\nv,v.jpg,,vig,y\n";
    static final String HEADER = "participant_id,sequence_id,trial_index,image_id,presentation,kind,lag,responded,rt_ms,onset_ms,duration_ms\n";

    static Study study(String rows) throws Exception {
        StudyReader reader = StudyReader.create();
        Manifest m = reader.readManifest(new StringReader(MANIFEST), "manifest.csv");
        Responses r = reader.readResponses(new StringReader(HEADER + rows), "responses.csv", m);
        return new Study(m, r, reader.readBoxes(new StringReader(
            "participant_id,trial_index,image_id,box_index,x,y,width,height\n"), "boxes.csv", r, m), ImageSource.NONE);
    }

    @Test
    void singleParticipantWithPerfectAndZeroRates() throws Exception {
        AnalysisResult r = Analysis.of(study(
            "P1,S1,0,a,1,target,,0,,0,1000\n"
            + "P1,S1,1,b,1,target,,0,,0,1000\n"
            + "P1,S1,2,v,1,vigilance,,1,300,0,1000\n"
            + "P1,S1,3,a,2,target,3,1,300,0,1000\n"
            + "P1,S1,4,b,2,target,3,0,,0,1000\n"
            + "P1,S1,5,v,2,vigilance,3,1,300,0,1000\n"))
            .with(AnalysisOptions.defaults().withSplits(20)).run();
        ParticipantScore p = r.participants().get(0);
        assertEquals(1, p.hits());
        assertEquals(1, p.misses());
        // first showings include the vigilance one: 1 FA of 3
        assertEquals(1, p.falseAlarms());
        assertEquals(2, p.correctRejections());
        assertEquals(1.0, p.vigilanceHitRate());
        assertFalse(p.excluded());
        ImageScore a = r.images().get(0);
        ImageScore b = r.images().get(1);
        assertEquals(1.0, a.hitRate());
        assertEquals(0.0, a.falseAlarmRate());
        assertEquals(0.0, b.hitRate());
        // log-linear: z(1.5/2) − z(0.5/2) = 2·0.6744897501960817
        assertEquals(2 * 0.6744897501960817, a.dprime(), 1e-12);
        assertEquals(0.0, b.dprime(), 1e-12);
        ImageScore c = r.images().get(2);
        assertTrue(Double.isNaN(c.hitRate()) && Double.isNaN(c.falseAlarmRate()) && Double.isNaN(c.dprime()));
        // vigilance never enters image scores
        ImageScore v = r.images().get(3);
        assertEquals(0, v.hits() + v.misses() + v.falseAlarms() + v.correctRejections());
        // one participant: no split has two non-empty halves
        assertEquals(0, r.consistency().get(0).splits());
        // the empty condition is left out of the between-condition tests
        assertTrue(r.tests().stream().noneMatch(t -> t.groups().contains("empty")));
    }

    @Test
    void exclusionRuleAndNoVigilanceTrials() throws Exception {
        AnalysisResult r = Analysis.of(study(
            "P1,S1,0,a,1,target,,1,300,0,1000\n"   // FAR 1/2 = 0.5 ≥ 0.4: excluded
            + "P1,S1,1,b,1,target,,0,,0,1000\n"
            + "P1,S1,2,a,2,target,2,1,300,0,1000\n"
            + "P2,S1,0,a,1,target,,0,,0,1000\n"    // no vigilance trials: not excluded by that rule
            + "P2,S1,1,b,1,target,,0,,0,1000\n"
            + "P2,S1,2,a,2,target,2,0,,0,1000\n"
            + "P3,S2,0,v,1,vigilance,,0,,0,1000\n" // vigilance 0/1 < 0.6: excluded
            + "P3,S2,1,v,2,vigilance,1,0,,0,1000\n"))
            .with(AnalysisOptions.defaults().withSplits(5)).run();
        assertTrue(r.participants().get(0).excluded());
        assertTrue(r.participants().get(0).exclusionReason().startsWith("false_alarm_rate"));
        assertFalse(r.participants().get(1).excluded());
        assertTrue(Double.isNaN(r.participants().get(1).vigilanceHitRate()));
        assertTrue(r.participants().get(2).excluded());
        assertTrue(r.participants().get(2).exclusionReason().startsWith("vigilance_hit_rate"));
        ImageScore a = r.images().get(0);
        assertEquals(0, a.hits());
        assertEquals(1, a.misses());
        assertEquals(0, a.falseAlarms());
    }
}
