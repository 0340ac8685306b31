package engram.analysis.io;

/**
 * How well the images were displayed, from responses.csv: the measured display durations ({@code duration_ms}) and the
 * frames dropped while an image was up ({@code dropped_frames}, when the export has the column), over the ordinary
 * presentations that were read (rows left out as interrupted or extra showings are not counted). Durations are kept in
 * a 0.1 ms histogram up to 60 s, so quantiles need no list of every trial and are exact to 0.1 ms.
 */
public final class TrialTiming {
    private static final int BINS_PER_MS = 10;
    private static final int MAX_MS = 60_000;

    private final long[] histogram = new long[MAX_MS * BINS_PER_MS + 1];
    private long durations;
    private double mean;
    private double m2;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private long droppedTrials;
    private long droppedFrames;
    private long trialsWithDrops;
    private double displayMs = Double.NaN;

    TrialTiming() {
    }

    /** Adds one trial's measured duration (Welford's update for mean and variance). */
    void addDuration(double ms) {
        if (!Double.isFinite(ms)) {
            return;
        }
        durations++;
        double delta = ms - mean;
        mean += delta / durations;
        m2 += delta * (ms - mean);
        min = Double.isNaN(min) ? ms : Math.min(min, ms);
        max = Double.isNaN(max) ? ms : Math.max(max, ms);
        histogram[(int) Math.max(0, Math.min(histogram.length - 1, Math.round(ms * BINS_PER_MS)))]++;
    }

    /** Adds one trial's dropped-frame count. */
    void addDroppedFrames(long frames) {
        droppedTrials++;
        droppedFrames += frames;
        if (frames > 0) {
            trialsWithDrops++;
        }
    }

    /** Sets the designed display duration (experiment.json's displayMs), against which the bias is measured. */
    void setDisplayMs(double ms) {
        displayMs = ms;
    }

    /** @return the designed display duration in ms, NaN when the input does not say (three files given by hand) */
    public double displayMs() {
        return displayMs;
    }

    /** @return trials with a measured duration */
    public long trials() {
        return durations;
    }

    /** @return mean measured duration in ms (NaN without trials) */
    public double meanMs() {
        return durations == 0 ? Double.NaN : mean;
    }

    /** @return SD (n − 1) of the measured durations in ms (NaN below 2 trials) */
    public double sdMs() {
        return durations < 2 ? Double.NaN : Math.sqrt(m2 / (durations - 1));
    }

    /** @return mean measured minus designed duration in ms (NaN when either is unknown) */
    public double biasMs() {
        return meanMs() - displayMs;
    }

    /** @return shortest and longest measured durations */
    public double minMs() {
        return min;
    }

    /** @return the longest measured duration */
    public double maxMs() {
        return max;
    }

    /**
     * @param q a probability in [0, 1]
     * @return the q-quantile of the durations (the smallest value with at least q·n values at or below it), to 0.1 ms
     */
    public double quantileMs(double q) {
        if (durations == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * durations));
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return (double) i / BINS_PER_MS;
            }
        }
        return max;
    }

    /** @return the share of trials whose duration is within {@code toleranceMs} of the design (NaN when unknown) */
    public double shareWithin(double toleranceMs) {
        if (durations == 0 || Double.isNaN(displayMs)) {
            return Double.NaN;
        }
        int lo = (int) Math.max(0, Math.ceil((displayMs - toleranceMs) * BINS_PER_MS - 1e-9));
        int hi = (int) Math.min(histogram.length - 1, Math.floor((displayMs + toleranceMs) * BINS_PER_MS + 1e-9));
        long in = 0;
        for (int i = lo; i <= hi; i++) {
            in += histogram[i];
        }
        return (double) in / durations;
    }

    /** @return trials with a dropped_frames value (0 when the export has no such column) */
    public long droppedFrameTrials() {
        return droppedTrials;
    }

    /** @return dropped frames summed over those trials */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** @return trials with at least one dropped frame */
    public long trialsWithDroppedFrames() {
        return trialsWithDrops;
    }
}
