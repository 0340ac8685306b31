package engram.core.design;

import java.util.ArrayList;
import java.util.List;

/** Synthetic stimulus sets: pairs of a high and a low image, plus unpaired foils. */
final class Fixtures {

    private Fixtures() {
    }

    static List<Stimulus> pairsAndFoils(int pairs, int foils) {
        List<Stimulus> stimuli = new ArrayList<>();
        for (int p = 1; p <= pairs; p++) {
            String pair = String.format("p%03d", p);
            stimuli.add(new Stimulus(pair + "_high", pair, "high", "scene"));
            stimuli.add(new Stimulus(pair + "_low", pair, "low", "scene"));
        }
        for (int f = 1; f <= foils; f++) {
            stimuli.add(new Stimulus(String.format("f%03d", f), null, "foil", "scene"));
        }
        return stimuli;
    }

    /** The model study: 10 sequences of 150, 40 repeats at lag >= 30, from 200 pairs and 300 foils. */
    static final DesignParameters STUDY = DesignParameters.withDefaults();
    static final List<Stimulus> STUDY_STIMULI = pairsAndFoils(200, 300);

    /** The demo: 2 sequences of 30, 8 repeats at lag 4..12, 2 vigilance repeats, from 12 pairs and 24 foils. */
    static final DesignParameters DEMO = DesignParameters.withDefaults().withSequences(2).withLength(30)
            .withRepeats(8).withLag(4, 12).withVigilanceRepeats(2);
    static final List<Stimulus> DEMO_STIMULI = pairsAndFoils(12, 24);
}
