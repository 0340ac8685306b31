package engram.core.phase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An experiment's phases in order, checked as a whole (docs/sequences.md, "Recognition designs"):
 * <ul>
 * <li>phases are numbered 1..n in order; sessions start at 1, never decrease and step by 1;</li>
 * <li>the first phase of every session after the first has a delay window 0 &lt;= delayMinS &lt;= delayMaxS; no other
 * phase has one;</li>
 * <li>a test phase (old-new, old-similar-new, 2afc) needs an earlier study or continuous phase (the game's targets
 * are what a later test tests);</li>
 * <li>confidenceLevels is null or 2..10, and only on test phases; boxes only on continuous, old-new and
 * old-similar-new;</li>
 * <li>a study phase has displayMs 100..60000 and may have an encoding question (text, 2..6 distinct non-empty
 * answers); break and distractor have minDurationS 0..86400; these fields are null on the other tasks.</li>
 * </ul>
 * Every problem names the phase and the field: "phase 3 (old-new): confidenceLevels must be 2..10, was 12".
 */
public record PhasePlan(List<Phase> phases) {

    public static final int MIN_CONFIDENCE_LEVELS = 2;
    public static final int MAX_CONFIDENCE_LEVELS = 10;
    public static final int MIN_DISPLAY_MS = 100;
    public static final int MAX_DISPLAY_MS = 60_000;
    public static final int MAX_MIN_DURATION_S = 86_400;

    /** @throws PhasePlanException listing every problem of {@link #problems(List)} */
    public PhasePlan {
        List<String> problems = problems(phases);
        if (!problems.isEmpty()) {
            throw new PhasePlanException(problems);
        }
        phases = List.copyOf(phases);
    }

    /** One continuous phase in session 1 with the box step after "old": every experiment made before phases. */
    public static PhasePlan continuousOnly() {
        return new PhasePlan(List.of(new Phase(1, Task.CONTINUOUS, 1, null, null, null, null, null, true, null)));
    }

    /** Every problem of this list of phases, in phase order; empty when it is a valid plan. */
    public static List<String> problems(List<Phase> phases) {
        List<String> problems = new ArrayList<>();
        if (phases == null || phases.isEmpty()) {
            problems.add("phases: an experiment needs at least one phase");
            return problems;
        }
        int previousSession = 0;
        boolean studied = false;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            if (phase == null) {
                problems.add("phase " + (i + 1) + ": missing");
                continue;
            }
            String at = phase.label() + ": ";
            if (phase.phase() != i + 1) {
                problems.add(at + "phase must be " + (i + 1) + " (phases are numbered 1, 2, 3, ... in order), was "
                        + phase.phase());
                at = "phase " + (i + 1) + " (" + (phase.task() == null ? "no task" : phase.task().code()) + "): ";
            }
            boolean opensSession = phase.session() > previousSession;
            if (i == 0 && phase.session() != 1) {
                problems.add(at + "session must be 1 (the first phase starts session 1), was " + phase.session());
            } else if (i > 0 && phase.session() != previousSession && phase.session() != previousSession + 1) {
                problems.add(at + "session must be " + previousSession + " or " + (previousSession + 1)
                        + " (sessions never go back and step by 1), was " + phase.session());
            }
            previousSession = phase.session();
            delayWindow(phase, at, i > 0 && opensSession, problems);
            if (phase.task() == null) {
                problems.add(at + "task is missing");
                continue;
            }
            Task task = phase.task();
            if (task.isTest() && !studied) {
                problems.add(at + "a test phase needs an earlier study phase or continuous phase (it tests the images "
                        + "studied or played there)");
            }
            studied |= task == Task.STUDY || task == Task.CONTINUOUS;
            options(phase, task, at, problems);
        }
        return problems;
    }

    private static void delayWindow(Phase phase, String at, boolean opensLaterSession, List<String> problems) {
        Integer min = phase.delayMinS();
        Integer max = phase.delayMaxS();
        if (!opensLaterSession) {
            if (min != null || max != null) {
                problems.add(at + (min != null ? "delayMinS" : "delayMaxS") + " is only for the first phase of a "
                        + "session after session 1 (its delay window), was " + (min != null ? min : max));
            }
            return;
        }
        String session = "session " + phase.session();
        if (min == null || max == null) {
            problems.add(at + (min == null ? "delayMinS" : "delayMaxS") + " is missing: the first phase of "
                    + session + " needs its delay window (delayMinS..delayMaxS seconds after the previous session)");
        } else if (min < 0) {
            problems.add(at + "delayMinS must be >= 0, was " + min);
        } else if (max < min) {
            problems.add(at + "delayMaxS must be >= delayMinS " + min + ", was " + max);
        }
    }

    private static void options(Phase phase, Task task, String at, List<String> problems) {
        Integer levels = phase.confidenceLevels();
        if (levels != null) {
            if (!task.isTest()) {
                problems.add(at + "confidenceLevels is only for old-new, old-similar-new and 2afc phases, was "
                        + levels);
            } else if (levels < MIN_CONFIDENCE_LEVELS || levels > MAX_CONFIDENCE_LEVELS) {
                problems.add(at + "confidenceLevels must be " + MIN_CONFIDENCE_LEVELS + ".." + MAX_CONFIDENCE_LEVELS
                        + ", was " + levels);
            }
        }
        if (phase.boxes() && task != Task.CONTINUOUS && task != Task.OLD_NEW && task != Task.OLD_SIMILAR_NEW) {
            problems.add(at + "boxes is only for continuous, old-new and old-similar-new phases (they follow an "
                    + "'old' answer)");
        }
        Integer display = phase.displayMs();
        if (task == Task.STUDY) {
            if (display == null) {
                problems.add(at + "displayMs is missing: a study phase shows each image for "
                        + MIN_DISPLAY_MS + ".." + MAX_DISPLAY_MS + " ms");
            } else if (display < MIN_DISPLAY_MS || display > MAX_DISPLAY_MS) {
                problems.add(at + "displayMs must be " + MIN_DISPLAY_MS + ".." + MAX_DISPLAY_MS + ", was " + display);
            }
        } else if (display != null) {
            problems.add(at + "displayMs is only for study phases, was " + display);
        }
        if (phase.encodingQuestion() != null) {
            if (task != Task.STUDY) {
                problems.add(at + "encodingQuestion is only for study phases");
            } else {
                question(phase.encodingQuestion(), at, problems);
            }
        }
        Integer duration = phase.minDurationS();
        if (task == Task.BREAK || task == Task.DISTRACTOR) {
            if (duration == null) {
                problems.add(at + "minDurationS is missing: a " + task.code() + " phase lasts at least 0.."
                        + MAX_MIN_DURATION_S + " seconds");
            } else if (duration < 0 || duration > MAX_MIN_DURATION_S) {
                problems.add(at + "minDurationS must be 0.." + MAX_MIN_DURATION_S + ", was " + duration);
            }
        } else if (duration != null) {
            problems.add(at + "minDurationS is only for break and distractor phases, was " + duration);
        }
    }

    private static void question(EncodingQuestion question, String at, List<String> problems) {
        if (question.text() == null || question.text().isBlank()) {
            problems.add(at + "encodingQuestion.text is empty");
        }
        List<String> answers = question.answers() == null ? List.of() : question.answers();
        if (answers.size() < EncodingQuestion.MIN_ANSWERS || answers.size() > EncodingQuestion.MAX_ANSWERS) {
            problems.add(at + "encodingQuestion.answers must have " + EncodingQuestion.MIN_ANSWERS + ".."
                    + EncodingQuestion.MAX_ANSWERS + " answers, has " + answers.size());
        }
        Set<String> seen = new HashSet<>();
        for (int a = 0; a < answers.size(); a++) {
            String answer = answers.get(a);
            if (answer == null || answer.isBlank()) {
                problems.add(at + "encodingQuestion.answers: answer " + (a + 1) + " is empty");
            } else if (!seen.add(answer)) {
                problems.add(at + "encodingQuestion.answers: '" + answer + "' is listed twice");
            }
        }
    }

    /** The phase numbered {@code number} (1-based). */
    public Phase phase(int number) {
        if (number < 1 || number > phases.size()) {
            throw new IllegalArgumentException("phase " + number + " does not exist (the plan has phases 1.."
                    + phases.size() + ")");
        }
        return phases.get(number - 1);
    }

    /** The number of sessions (the last phase's session). */
    public int sessions() {
        return phases.get(phases.size() - 1).session();
    }

    /** The phases of one session, in order. */
    public List<Phase> phasesOf(int session) {
        return phases.stream().filter(p -> p.session() == session).toList();
    }

    /** The first phase of a session. */
    public Phase firstPhaseOf(int session) {
        return phases.stream().filter(p -> p.session() == session).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("session " + session + " does not exist (the plan "
                        + "has sessions 1.." + sessions() + ")"));
    }

    /** Whether this plan is exactly one continuous phase (an experiment as before phases). */
    public boolean isContinuousOnly() {
        return phases.size() == 1 && phases.get(0).task() == Task.CONTINUOUS;
    }
}
