package engram.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The synthetic participant's behaviour in a continuous recognition task.
 *
 * <p>Walking the positions in order, the participant remembers which image ids it has been shown in this run. On a
 * repeat (an image already seen) it responds with the hit rate of that image (per condition when a manifest is
 * given); on a first showing it responds with the false-alarm rate. The reaction time is drawn from
 * normal(rtMean, rtSd) and clamped to [150, displayMs + isiMs]. A response carries between max(1, minBoxes) and
 * max(that, min(3, maxBoxes)) boxes, each with width and height in [52/1024, 512/1024] and corners on a 1/1024 grid, so
 * every box lies inside the image with positive area, exactly in binary floating point. Onsets start at a random time
 * in [1000, 5000) ms and advance by displayMs + isiMs; a displayed duration is displayMs ± 2 ms.
 *
 * <p>With probability {@code dropout} the participant stops before a uniformly drawn position; with probability
 * {@code reload} it reloads the page before a uniformly drawn position. All draws come from the generator passed in,
 * in a fixed order, so a plan is a function of the seed and the run's layout alone.
 *
 * <p><b>Experiments with phases</b> ({@link #planSession}). The participant holds every image of a study phase as
 * studied (across sessions). A study trial answers the encoding question, when there is one, uniformly among its
 * answers (responded, with a reaction time); without one it is not responded. At a test, a studied image is
 * <em>remembered</em> with its hit rate: old-new and old-similar-new answer 'old' to a remembered image; any other image
 * (a lure, a foil, or a studied image not remembered) gets 'old' with the false-alarm rate, else, in old-similar-new,
 * 'similar' with {@code similarRate}, else 'new'. A 2AFC trial chooses the studied image when one of the two is studied
 * and remembered (hit rate), else a side with probability 1/2. With a confidence scale of L levels (1 = guess … L = sure),
 * a false alarm or a guessed 2AFC choice draws its confidence uniformly from 1..⌈L/2⌉, every other answer from
 * ⌈L/2⌉+1..L. Boxes (as in the continuous game) follow an 'old' answer when the phase asks for them. A test image stays
 * until the answer: its duration is the reaction time (clamped to [150, 10000] ms) plus 400 ms when a confidence follows.
 * A distractor phase reports max(1, ⌊minDurationS / 4⌋) problems, each right with probability
 * {@value #DISTRACTOR_ACCURACY}. A continuous phase inside a plan plays as above within the phase. Dropout and reload
 * positions are drawn among the session's positions.
 */
public final class BehaviourModel {

    /** Shortest reaction time the model produces, in ms. */
    public static final double MIN_RT_MS = 150;
    private static final int GRID = 1024;
    private static final int MIN_SIDE = 52;
    private static final int MAX_SIDE = 512;
    /** Probability of each distractor problem being answered right. */
    public static final double DISTRACTOR_ACCURACY = 0.9;
    private static final double MAX_TEST_RT_MS = 10_000;
    private static final double CONFIDENCE_MS = 400;

    private final HitRates hitRates;
    private final double falseAlarmRate;
    private final double rtMeanMs;
    private final double rtSdMs;
    private final double dropout;
    private final double reload;
    private final double similarRate;

    /**
     * @param hitRates probability of responding to a repeat
     * @param falseAlarmRate probability of responding to a first showing
     * @param rtMeanMs mean reaction time
     * @param rtSdMs standard deviation of the reaction time
     * @param dropout probability that a participant drops out
     * @param reload probability that a participant reloads the page once
     */
    public BehaviourModel(HitRates hitRates, double falseAlarmRate, double rtMeanMs, double rtSdMs,
                          double dropout, double reload) {
        this(hitRates, falseAlarmRate, rtMeanMs, rtSdMs, dropout, reload, 0.3);
    }

    /**
     * @param similarRate probability of answering 'similar' (old-similar-new) to an image not answered 'old'
     * @see #BehaviourModel(HitRates, double, double, double, double, double)
     */
    public BehaviourModel(HitRates hitRates, double falseAlarmRate, double rtMeanMs, double rtSdMs,
                          double dropout, double reload, double similarRate) {
        this.similarRate = Arguments.probability("similar rate", similarRate);
        this.hitRates = hitRates;
        this.falseAlarmRate = Arguments.probability("false-alarm rate", falseAlarmRate);
        this.rtMeanMs = Arguments.positive("RT mean", rtMeanMs);
        this.rtSdMs = Arguments.nonNegative("RT sd", rtSdMs);
        this.dropout = Arguments.probability("dropout", dropout);
        this.reload = Arguments.probability("reload", reload);
    }

    /** @return the whole plan of one participant for a run with this layout */
    public ParticipantPlan plan(RunLayout layout, RandomGenerator random) {
        int n = layout.imageIds().size();
        boolean dropsOut = random.nextDouble() < dropout;
        int dropoutAt = dropsOut && n > 0 ? random.nextInt(n) : -1;
        boolean reloads = random.nextDouble() < reload;
        int reloadAt = reloads && n > 0 ? random.nextInt(n) : -1;
        double soa = layout.displayMs() + layout.isiMs();
        double onset = tenths(1000 + 4000 * random.nextDouble());
        Set<String> seen = new HashSet<>();
        List<TrialAnswer> answers = new ArrayList<>(n);
        for (int position = 0; position < n; position++) {
            String imageId = layout.imageIds().get(position);
            boolean repeat = !seen.add(imageId);
            double rate = repeat ? hitRates.forImage(imageId) : falseAlarmRate;
            boolean responded = random.nextDouble() < rate;
            double duration = tenths(layout.displayMs() + 4 * random.nextDouble() - 2);
            Double rt = null;
            List<Box> boxes = List.of();
            if (responded) {
                rt = Math.min(soa, Math.max(MIN_RT_MS, tenths(rtMeanMs + rtSdMs * random.nextGaussian())));
                boxes = boxes(layout, random);
            }
            double thisOnset = tenths(onset + position * soa);
            answers.add(new TrialAnswer(position, imageId, repeat, responded, rt, thisOnset,
                    tenths(thisOnset + duration), duration, boxes));
        }
        return new ParticipantPlan(answers, dropoutAt, reloadAt);
    }

    /**
     * The plan of one session of an experiment with phases.
     *
     * @param memory the images the participant studied in earlier sessions
     */
    public SessionPlan planSession(SessionLayout layout, Set<String> memory, RandomGenerator random) {
        List<PhaseTrial> trials = layout.trials();
        int n = trials.size();
        boolean dropsOut = random.nextDouble() < dropout;
        int dropoutAt = dropsOut && n > 0 ? trials.get(random.nextInt(n)).position() : -1;
        boolean reloads = random.nextDouble() < reload;
        int reloadAt = reloads && n > 0 ? trials.get(random.nextInt(n)).position() : -1;
        Set<String> studied = new HashSet<>(memory);
        Set<String> seenInPhase = new HashSet<>();
        int continuousPhase = -1;
        double onset = tenths(1000 + 4000 * random.nextDouble());
        List<TrialAnswer> answers = new ArrayList<>(n);
        for (PhaseTrial trial : trials) {
            PhaseSpec phase = layout.phase(trial.phase());
            int displayMs = phase.displayMs() != null ? phase.displayMs() : layout.displayMs();
            TrialAnswer answer = switch (trial.task()) {
                case "study" -> study(trial, phase, displayMs, layout, onset, random);
                case "old-new", "old-similar-new" -> test(trial, phase, layout, studied, onset, random);
                case "2afc" -> choice(trial, phase, studied, onset, random);
                case "continuous" -> {
                    if (continuousPhase != trial.phase()) {
                        continuousPhase = trial.phase();
                        seenInPhase.clear();
                    }
                    yield continuous(trial, displayMs, layout, seenInPhase, onset, random);
                }
                default -> throw new IllegalArgumentException("position " + trial.position() + ": unknown task '"
                        + trial.task() + "'");
            };
            if ("study".equals(trial.task())) {
                studied.add(trial.imageId());
            }
            answers.add(answer);
            onset = tenths(answer.offsetMs() + layout.isiMs());
        }
        Map<Integer, SessionPlan.DistractorScore> scores = new LinkedHashMap<>();
        for (PhaseSpec phase : layout.sessionPhases()) {
            if ("distractor".equals(phase.task())) {
                int problems = Math.max(1, (phase.minDurationS() == null ? 0 : phase.minDurationS()) / 4);
                int correct = 0;
                for (int i = 0; i < problems; i++) {
                    correct += random.nextDouble() < DISTRACTOR_ACCURACY ? 1 : 0;
                }
                scores.put(phase.phase(), new SessionPlan.DistractorScore(problems, correct));
            }
        }
        return new SessionPlan(answers, dropoutAt, reloadAt, scores, studied);
    }

    private TrialAnswer study(PhaseTrial trial, PhaseSpec phase, int displayMs, SessionLayout layout, double onset,
                              RandomGenerator random) {
        double duration = tenths(displayMs + 4 * random.nextDouble() - 2);
        List<String> choices = phase.encodingAnswers();
        String answer = null;
        Double rt = null;
        if (!choices.isEmpty()) {
            answer = choices.get(random.nextInt(choices.size()));
            rt = Math.min(displayMs + layout.isiMs(), reactionTime(random));
        }
        return new TrialAnswer(trial.position(), trial.imageId(), false, answer != null, rt, onset,
                tenths(onset + duration), duration, List.of(), trial.phase(), answer, null, null, null);
    }

    private TrialAnswer test(PhaseTrial trial, PhaseSpec phase, SessionLayout layout, Set<String> studied,
                             double onset, RandomGenerator random) {
        String imageId = trial.imageId();
        boolean isStudied = studied.contains(imageId);
        boolean remembered = isStudied && random.nextDouble() < hitRates.forImage(imageId);
        String answer;
        boolean guess = false;
        if (remembered) {
            answer = "old";
        } else if (random.nextDouble() < falseAlarmRate) {
            answer = "old";
            guess = true;
        } else if ("old-similar-new".equals(trial.task()) && random.nextDouble() < similarRate) {
            answer = "similar";
        } else {
            answer = "new";
        }
        double rt = Math.min(MAX_TEST_RT_MS, reactionTime(random));
        Integer confidence = confidence(phase, guess, random);
        List<Box> boxes = phase.boxes() && "old".equals(answer) ? boxes(layout.minBoxes(), layout.maxBoxes(), random)
                : List.of();
        double duration = tenths(rt + (confidence == null ? 0 : CONFIDENCE_MS));
        return new TrialAnswer(trial.position(), imageId, isStudied, true, rt, onset, tenths(onset + duration),
                duration, boxes, trial.phase(), answer, confidence, null, null);
    }

    private TrialAnswer choice(PhaseTrial trial, PhaseSpec phase, Set<String> studied, double onset,
                               RandomGenerator random) {
        boolean leftStudied = studied.contains(trial.left());
        boolean rightStudied = studied.contains(trial.right());
        String studiedSide = leftStudied == rightStudied ? null : leftStudied ? "left" : "right";
        String studiedImage = "left".equals(studiedSide) ? trial.left() : trial.right();
        boolean remembered = studiedSide != null && random.nextDouble() < hitRates.forImage(studiedImage);
        String side = remembered ? studiedSide : random.nextDouble() < 0.5 ? "left" : "right";
        String chosen = "left".equals(side) ? trial.left() : trial.right();
        double rt = Math.min(MAX_TEST_RT_MS, reactionTime(random));
        Integer confidence = confidence(phase, !remembered, random);
        double duration = tenths(rt + (confidence == null ? 0 : CONFIDENCE_MS));
        return new TrialAnswer(trial.position(), chosen, studiedSide != null, true, rt, onset,
                tenths(onset + duration), duration, List.of(), trial.phase(), null, confidence, side, chosen);
    }

    private TrialAnswer continuous(PhaseTrial trial, int displayMs, SessionLayout layout, Set<String> seen,
                                   double onset, RandomGenerator random) {
        boolean repeat = !seen.add(trial.imageId());
        double rate = repeat ? hitRates.forImage(trial.imageId()) : falseAlarmRate;
        boolean responded = random.nextDouble() < rate;
        double duration = tenths(displayMs + 4 * random.nextDouble() - 2);
        Double rt = null;
        List<Box> boxes = List.of();
        if (responded) {
            rt = Math.min(displayMs + layout.isiMs(), reactionTime(random));
            boxes = boxes(layout.minBoxes(), layout.maxBoxes(), random);
        }
        return new TrialAnswer(trial.position(), trial.imageId(), repeat, responded, rt, onset,
                tenths(onset + duration), duration, boxes, trial.phase(), null, null, null, null);
    }

    private static Integer confidence(PhaseSpec phase, boolean guess, RandomGenerator random) {
        Integer levels = phase.confidenceLevels();
        if (levels == null || levels < 1) {
            return null;
        }
        int half = (levels + 1) / 2;
        if (guess || half == levels) {
            return 1 + random.nextInt(half);
        }
        return half + 1 + random.nextInt(levels - half);
    }

    private double reactionTime(RandomGenerator random) {
        return Math.max(MIN_RT_MS, tenths(rtMeanMs + rtSdMs * random.nextGaussian()));
    }

    private static List<Box> boxes(RunLayout layout, RandomGenerator random) {
        return boxes(layout.minBoxes(), layout.maxBoxes(), random);
    }

    private static List<Box> boxes(int minBoxes, int maxBoxes, RandomGenerator random) {
        int fewest = Math.max(1, minBoxes);
        int most = Math.max(fewest, Math.min(3, maxBoxes));
        int count = fewest + random.nextInt(most - fewest + 1);
        List<Box> boxes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int width = MIN_SIDE + random.nextInt(MAX_SIDE - MIN_SIDE + 1);
            int height = MIN_SIDE + random.nextInt(MAX_SIDE - MIN_SIDE + 1);
            int x = random.nextInt(GRID - width + 1);
            int y = random.nextInt(GRID - height + 1);
            boxes.add(new Box((double) x / GRID, (double) y / GRID, (double) width / GRID, (double) height / GRID));
        }
        return boxes;
    }

    private static double tenths(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
