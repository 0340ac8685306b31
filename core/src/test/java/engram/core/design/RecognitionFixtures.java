package engram.core.design;

import java.util.ArrayList;
import java.util.List;

import engram.core.phase.EncodingQuestion;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;

/** Synthetic stimulus sets and phase plans for the recognition design tests. */
final class RecognitionFixtures {

    private RecognitionFixtures() {
    }

    /** Pairs p001.. of a high and a low image, lure types perceptual and semantic in turn, plus unpaired foils. */
    static List<RecognitionStimulus> pairsAndFoils(int pairs, int foils) {
        List<RecognitionStimulus> stimuli = new ArrayList<>();
        for (int p = 1; p <= pairs; p++) {
            String pair = String.format("p%03d", p);
            String lureType = p % 2 == 0 ? "semantic" : "perceptual";
            stimuli.add(new RecognitionStimulus(pair + "_high", pair, "high", lureType));
            stimuli.add(new RecognitionStimulus(pair + "_low", pair, "low", lureType));
        }
        for (int f = 1; f <= foils; f++) {
            stimuli.add(new RecognitionStimulus(String.format("f%03d", f), null, "foil", null));
        }
        return stimuli;
    }

    static Phase study(int number, int session) {
        return new Phase(number, Task.STUDY, session, null, null, 2000, null, null, false, null);
    }

    static Phase test(int number, Task task, int session, Integer delayMin, Integer delayMax) {
        return new Phase(number, task, session, delayMin, delayMax, null, null, null, false, null);
    }

    static Phase pause(int number, Task task, int session) {
        return new Phase(number, task, session, null, null, null, null, null, false, 120);
    }

    /** demo-recognition: study, a 2-minute break, a 2AFC test with lures. */
    static final PhasePlan STUDY_BREAK_2AFC = new PhasePlan(List.of(
            new Phase(1, Task.STUDY, 1, null, null, 2000,
                    new EncodingQuestion("Indoor or outdoor?", List.of("indoor", "outdoor")), null, false, null),
            pause(2, Task.BREAK, 1), test(3, Task.TWO_AFC, 1, null, null)));

    static final PhasePlan STUDY_OLD_NEW = new PhasePlan(List.of(study(1, 1), test(2, Task.OLD_NEW, 1, null, null)));

    /** study, distractor, an immediate old-similar-new test, a 2AFC test a day later (the two tests share pairs). */
    static final PhasePlan TWO_SESSIONS = new PhasePlan(List.of(study(1, 1), pause(2, Task.DISTRACTOR, 1),
            test(3, Task.OLD_SIMILAR_NEW, 1, null, null), test(4, Task.TWO_AFC, 2, 86_400, 172_800)));

    /** two study-test blocks. */
    static final PhasePlan TWO_BLOCKS = new PhasePlan(List.of(study(1, 1), test(2, Task.OLD_NEW, 1, null, null),
            study(3, 1), test(4, Task.OLD_SIMILAR_NEW, 1, null, null)));

    /** two study phases, then three tests. */
    static final PhasePlan TWO_STUDIES_THREE_TESTS = new PhasePlan(List.of(study(1, 1), study(2, 1),
            test(3, Task.OLD_NEW, 1, null, null), test(4, Task.TWO_AFC, 2, 600, 3600),
            test(5, Task.OLD_SIMILAR_NEW, 3, 0, 86_400)));
}
