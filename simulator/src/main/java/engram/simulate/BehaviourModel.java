package engram.simulate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 */
public final class BehaviourModel {

    /** Shortest reaction time the model produces, in ms. */
    public static final double MIN_RT_MS = 150;
    private static final int GRID = 1024;
    private static final int MIN_SIDE = 52;
    private static final int MAX_SIDE = 512;

    private final HitRates hitRates;
    private final double falseAlarmRate;
    private final double rtMeanMs;
    private final double rtSdMs;
    private final double dropout;
    private final double reload;

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

    private static List<Box> boxes(RunLayout layout, RandomGenerator random) {
        int fewest = Math.max(1, layout.minBoxes());
        int most = Math.max(fewest, Math.min(3, layout.maxBoxes()));
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
