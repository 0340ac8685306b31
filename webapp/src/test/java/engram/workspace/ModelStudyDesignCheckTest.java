package engram.workspace;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The export check used by ModelStudyIT passes a good design and catches each broken rule. */
class ModelStudyDesignCheckTest {

    private static final String MANIFEST = """
            image_id,file,pair_id,condition,category,predicted_memorability
            p1_high,images/p1_high.png,p1,high,warm,0.7
            p1_low,images/p1_low.png,p1,low,warm,0.3
            p2_high,images/p2_high.png,p2,high,cool,0.8
            p2_low,images/p2_low.png,p2,low,cool,0.2
            f1,images/f1.png,,foil,warm,
            f2,images/f2.png,,foil,warm,
            f3,images/f3.png,,foil,"green, light",
            f4,images/f4.png,,foil,cool,
            """;

    /** 2 sequences × 6 positions, 2 repeated targets each at lag 3; every pair member a target once. */
    private static final String GOOD = """
            sequence_id,trial_index,image_id,presentation,kind
            1,0,p1_high,1,target
            1,1,p2_low,1,target
            1,2,f1,1,filler
            1,3,p1_high,2,target
            1,4,p2_low,2,target
            1,5,f2,1,filler
            2,0,p2_high,1,target
            2,1,p1_low,1,target
            2,2,f3,1,filler
            2,3,p2_high,2,target
            2,4,p1_low,2,target
            2,5,f4,1,filler
            """;

    @Test
    void aGoodDesignPasses() {
        ModelStudyDesignCheck check = ModelStudyDesignCheck.of(GOOD, MANIFEST);
        assertDoesNotThrow(() -> check.assertModelStudy(6, 2, 3));
        assertTrue(check.summary().contains("lags 3–3"), check.summary());
    }

    @Test
    void aLagBelowTheMinimumFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ModelStudyDesignCheck.of(GOOD, MANIFEST).assertModelStudy(6, 2, 4));
        assertTrue(e.getMessage().contains("has lag 3"), e.getMessage());
    }

    @Test
    void bothMembersOfAPairInOneSequenceFail() {
        String both = GOOD.replace("1,2,f1,1,filler", "1,2,p2_high,1,filler");
        AssertionError e = assertThrows(AssertionError.class, () -> ModelStudyDesignCheck.of(both, MANIFEST).assertModelStudy(6, 2, 3));
        assertTrue(e.getMessage().contains("both members of pair p2"), e.getMessage());
    }

    @Test
    void aMemberThatIsNeverATargetFails() {
        String unequal = GOOD.replace("2,0,p2_high", "2,0,p2_low").replace("2,3,p2_high", "2,3,p2_low").replace("p1_low", "p1_high");
        AssertionError e = assertThrows(AssertionError.class, () -> ModelStudyDesignCheck.of(unequal, MANIFEST).assertModelStudy(6, 2, 3));
        assertTrue(e.getMessage().contains("every pair member is a repeated target somewhere"), e.getMessage());
    }

    @Test
    void aShortSequenceFails() {
        String shorter = GOOD.replace("2,5,f4,1,filler\n", "");
        AssertionError e = assertThrows(AssertionError.class, () -> ModelStudyDesignCheck.of(shorter, MANIFEST).assertModelStudy(6, 2, 3));
        assertTrue(e.getMessage().contains("sequence 2: positions"), e.getMessage());
    }
}
