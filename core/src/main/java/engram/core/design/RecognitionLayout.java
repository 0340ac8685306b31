package engram.core.design;

import java.util.ArrayList;
import java.util.List;

import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;

/**
 * How the studied pairs of a recognition design spread over a phase plan, before any image is chosen: slot s (one per
 * studied pair) says in which study phase the pair is studied, in which test phase it is tested and how. Study phases
 * share the pairs evenly (earlier phases take the extra); the tests between two study blocks share the pairs studied
 * since the previous tests round-robin, so every such test draws from every study phase before it. A plan may start
 * with one continuous phase instead of study phases: the game's targets then play the part of the studied images
 * (slot s is the s-th tested target of a list's game).
 */
final class RecognitionLayout {

    /** How a tested pair appears in its test phase. */
    enum Mode {
        /** old-new/old-similar-new: the studied image and its lure. */
        BOTH,
        /** old-new/old-similar-new: the studied image only. */
        TARGET,
        /** old-new/old-similar-new: the lure only. */
        LURE,
        /** 2afc: the studied image beside its lure. */
        VERSUS_LURE,
        /** 2afc: the studied image beside a new image. */
        VERSUS_FOIL
    }

    /** One studied pair's place: the phase that studies it, the phase that tests it and how. */
    record Slot(int studyPhase, int testPhase, Mode mode) {
    }

    final PhasePlan plan;
    final RecognitionParameters parameters;
    final List<Slot> slots = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    final List<Integer> testPhases = new ArrayList<>();
    /** The continuous phase, 0 when the plan has none. */
    final int gamePhase;

    RecognitionLayout(PhasePlan plan, RecognitionParameters parameters) {
        this.plan = plan;
        this.parameters = parameters;
        List<Integer> studyPhases = new ArrayList<>();
        long games = plan.phases().stream().filter(p -> p.task() == Task.CONTINUOUS).count();
        long studies = plan.phases().stream().filter(p -> p.task() == Task.STUDY).count();
        gamePhase = games == 0 ? 0 : plan.phases().stream().filter(p -> p.task() == Task.CONTINUOUS).findFirst()
                .orElseThrow().phase();
        for (Phase phase : plan.phases()) {
            if (phase.task() == Task.CONTINUOUS) {
                if (games > 1) {
                    reasons.add(phase.label() + ": a plan may have one continuous phase; this one has " + games);
                } else if (studies > 0) {
                    reasons.add(phase.label() + ": a continuous phase takes the place of the study phases (its "
                            + "targets are the images a later test tests), so it cannot share a plan with a study "
                            + "phase");
                } else if (phase.phase() != 1) {
                    reasons.add(phase.label() + ": the continuous game must be the plan's first phase");
                } else {
                    studyPhases.add(phase.phase());
                }
            } else if (phase.task() == Task.STUDY) {
                studyPhases.add(phase.phase());
            } else if (phase.task().isTest()) {
                testPhases.add(phase.phase());
            }
        }
        if (studyPhases.isEmpty()) {
            reasons.add("phases: the plan has no study phase, so there is nothing to test");
        }
        int lastTest = testPhases.isEmpty() ? 0 : testPhases.get(testPhases.size() - 1);
        for (int study : studyPhases) {
            if (study > lastTest) {
                reasons.add(plan.phase(study).label() + ": no test phase follows it, so its images would never be "
                        + "tested");
            }
        }
        int pairs = parameters.studyPairs();
        if (gamePhase > 0 && games == 1 && studies == 0) {
            gameReasons(plan.phase(gamePhase));
        }
        if (!studyPhases.isEmpty() && pairs < studyPhases.size()) {
            reasons.add("studyPairs: " + pairs + " studied pairs cannot fill " + studyPhases.size()
                    + " study phases (each needs at least one pair)");
        }
        if (reasons.isEmpty()) {
            place(studyPhases);
        }
    }

    /** The game's numbers that only the recognition design adds: the tested targets come from its repeats. */
    private void gameReasons(Phase phase) {
        DesignParameters game = parameters.gameParameters();
        if (parameters.studyPairs() > game.repeats()) {
            reasons.add("studyPairs: " + phase.label() + " repeats " + game.repeats() + " target images, so at most "
                    + game.repeats() + " of them can be tested, but studyPairs is " + parameters.studyPairs());
        }
        if (!parameters.lureTypes().isEmpty()) {
            reasons.add("lureTypes: " + phase.label() + " draws its targets from every pair, so lureTypes must be "
                    + "empty in a plan with a continuous phase");
        }
    }

    /** Whether the plan starts with the continuous game (it then takes the place of the study phases). */
    boolean hasGame() {
        return gamePhase > 0;
    }

    private void place(List<Integer> studyPhases) {
        int pairs = parameters.studyPairs();
        int[] studyOf = new int[pairs];
        int next = 0;
        for (int i = 0; i < studyPhases.size(); i++) {
            int share = pairs / studyPhases.size() + (i < pairs % studyPhases.size() ? 1 : 0);
            for (int n = 0; n < share; n++) {
                studyOf[next++] = studyPhases.get(i);
            }
        }
        int[] testOf = new int[pairs];
        List<Integer> open = new ArrayList<>();
        List<Integer> block = new ArrayList<>();
        for (Phase phase : plan.phases()) {
            if (phase.task().isTest()) {
                block.add(phase.phase());
            } else if (phase.task() == Task.STUDY || phase.task() == Task.CONTINUOUS) {
                if (!block.isEmpty()) {
                    shareBlock(open, block, testOf);
                }
                for (int s = 0; s < pairs; s++) {
                    if (studyOf[s] == phase.phase()) {
                        open.add(s);
                    }
                }
            }
        }
        shareBlock(open, block, testOf);
        int[] indexInTest = new int[plan.phases().size() + 1];
        int[] testedIn = new int[plan.phases().size() + 1];
        for (int s = 0; s < pairs; s++) {
            testedIn[testOf[s]]++;
        }
        for (int s = 0; s < pairs; s++) {
            int test = testOf[s];
            Mode mode = mode(plan.phase(test).task(), indexInTest[test]++, testedIn[test]);
            slots.add(new Slot(studyOf[s], test, mode));
        }
        for (int test : testPhases) {
            if (testedIn[test] == 0) {
                reasons.add(plan.phase(test).label() + ": it would test no studied pair (the pairs studied before it "
                        + "are shared by the test phases between two study phases; studyPairs is " + pairs + ")");
            } else if (plan.phase(test).task() == Task.TWO_AFC && parameters.foilsPerTest() > testedIn[test]) {
                reasons.add(plan.phase(test).label() + ": it tests " + testedIn[test] + " studied pairs, so at most "
                        + testedIn[test] + " studied images can stand beside a new image, but foilsPerTest is "
                        + parameters.foilsPerTest());
            }
        }
    }

    /** The test phases of {@code block} share the {@code open} pairs round-robin; both lists are emptied. */
    private static void shareBlock(List<Integer> open, List<Integer> block, int[] testOf) {
        for (int n = 0; n < open.size(); n++) {
            testOf[open.get(n)] = block.get(n % block.size());
        }
        open.clear();
        block.clear();
    }

    private Mode mode(Task task, int index, int tested) {
        if (task == Task.TWO_AFC) {
            long foils = parameters.foilsPerTest();
            boolean versusFoil = (index + 1) * foils / tested > index * foils / tested;
            return versusFoil ? Mode.VERSUS_FOIL : Mode.VERSUS_LURE;
        }
        if (parameters.testBothMembers()) {
            return Mode.BOTH;
        }
        return index % 2 == 0 ? Mode.TARGET : Mode.LURE;
    }

    /** Trials of a phase: one per studied pair in a study phase; per tested pair and per foil in a test phase. */
    int expectedTrials(int phase) {
        Task task = plan.phase(phase).task();
        if (task == Task.CONTINUOUS) {
            return parameters.gameParameters().length();
        }
        int count = 0;
        for (Slot slot : slots) {
            if (task == Task.STUDY && slot.studyPhase() == phase) {
                count++;
            } else if (slot.testPhase() == phase) {
                count += slot.mode() == Mode.BOTH ? 2 : 1;
            }
        }
        if (task == Task.OLD_NEW || task == Task.OLD_SIMILAR_NEW) {
            count += parameters.foilsPerTest();
        }
        return count;
    }

    /** Foils a list needs: foilsPerTest in every test phase. */
    int foilsPerList() {
        return parameters.foilsPerTest() * testPhases.size();
    }
}
