package engram.workspace.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import engram.core.design.DesignInfeasibleException;
import engram.core.design.DesignParameters;
import engram.core.design.SequenceBuilder;
import engram.core.design.Stimulus;
import org.junit.jupiter.api.Test;

class DesignAdviceTest {

    /** Like the demo set: 12 high/low pairs and 24 foils. */
    private static List<Stimulus> demoLike() {
        List<Stimulus> pool = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            pool.add(new Stimulus("p" + i + "h", "p" + i, "high", "scene"));
            pool.add(new Stimulus("p" + i + "l", "p" + i, "low", "scene"));
        }
        for (int i = 1; i <= 24; i++) {
            pool.add(new Stimulus("foil" + i, null, "foil", "scene"));
        }
        return pool;
    }

    @Test
    void theSetIsDescribedWithItsRealConditionsAndPairs() {
        DesignParameters p = DesignParameters.withDefaults();
        DesignAdvice.SetFacts facts = DesignAdvice.facts(demoLike(), p);
        assertEquals(Map.of("foil", 24, "high", 12, "low", 12), facts.imagesByCondition());
        assertEquals("The stimulus set has 48 images for the sequences (practice images left out), by condition: 'foil' 24, 'high' 12, 'low' 12;"
                + " 12 pairs, 12 of them with one 'high' and one 'low' member; 24 unpaired images (foils).", facts.describe(p));
        DesignParameters medium = p.withTargetConditions(List.of("high", "medium"));
        assertEquals(0, DesignAdvice.facts(demoLike(), medium).matchingPairs());
    }

    @Test
    void theModelStudyOnTheDemoSetIsExplainedBesideTheFieldsInTheFormsWords() {
        DesignParameters p = DesignParameters.withDefaults().withSequences(10).withAllowRepeatedFillers(false);
        DesignInfeasibleException e = assertThrows(DesignInfeasibleException.class, () -> SequenceBuilder.of(p).build(demoLike()));
        List<DesignAdvice.Finding> findings = DesignAdvice.explain(e.reasons(), p, DesignAdvice.facts(demoLike(), p));
        Map<String, String> byField = DesignAdvice.byField(findings);
        assertEquals(List.of("repeats", "length", "allowRepeatedFillers"), List.copyOf(byField.keySet()), findings.toString());
        assertTrue(byField.get("repeats").endsWith("Lower “Repeated targets per sequence” to at most 12, or import a set with more such pairs."),
                byField.get("repeats"));
        assertTrue(byField.get("allowRepeatedFillers").contains("“Fillers may recur across sequences” is not ticked"), byField.get("allowRepeatedFillers"));
        for (DesignAdvice.Finding f : findings) {
            for (String internal : List.of("minLag", "allowRepeatedFillers", "targetConditions", "fillerConditions")) {
                assertTrue(!f.message().contains(internal), internal + " in " + f.message());
            }
        }
    }

    @Test
    void lagReasonsNameTheirOwnLagFields() {
        DesignParameters p = DesignParameters.withDefaults().withSequences(1).withLength(20).withRepeats(2).withLag(30, 40)
                .withVigilanceRepeats(1).withVigilanceLag(9, 3);
        DesignInfeasibleException e = assertThrows(DesignInfeasibleException.class, () -> SequenceBuilder.of(p).build(demoLike()));
        Map<String, String> byField = DesignAdvice.byField(DesignAdvice.explain(e.reasons(), p, DesignAdvice.facts(demoLike(), p)));
        assertTrue(byField.get("minLag").startsWith("“Target lag: at least” 30 is larger than"), byField.toString());
        assertTrue(byField.get("vigilanceMinLag").startsWith("“Vigilance lag: at least” 9 is larger than “Vigilance lag: at most” 3"), byField.toString());
    }

    @Test
    void aRefusedParameterGoesBesideItsField() {
        DesignAdvice.Finding f = DesignAdvice.parameter(assertThrows(IllegalArgumentException.class,
                () -> DesignParameters.withDefaults().withMinLag(0)).getMessage());
        assertEquals("minLag", f.field());
        assertTrue(f.message().startsWith("“Target lag: at least” must"), f.message());
        assertEquals("sequencesCount", DesignAdvice.parameter("sequences must be at least 1, but it is 0").field());
    }
}
