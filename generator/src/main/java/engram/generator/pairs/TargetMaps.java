package engram.generator.pairs;

import engram.core.random.SplitMix64;
import engram.generator.model.ModelCard;

/**
 * Target conditions for the high and low member of a pair, drawn like MEMGAN's target VMS maps: random
 * rectangles of random intensity on a G×G grid (Kyle-Davidson, Bors and Evans, MEMGAN). With condition
 * values low &lt; neutral &lt; high from the card and the midpoints mh = (neutral + high) / 2 and
 * ml = (low + neutral) / 2: the high map has a background ~ U(neutral, mh) and 1–4 rectangles of side 2–G/2
 * cells with intensities ~ U(mh, high); the low map has the same rectangles with background ~ U(ml, neutral)
 * and intensities ~ U(low, ml). A scalar condition uses {@code high} and {@code low} directly; foils use
 * {@code neutral} everywhere.
 */
public final class TargetMaps {
    private final ModelCard.Condition condition;
    private final int size;

    /**
     * @param condition the card's condition (null: unconditional generator)
     * @param size      number of values per condition (G·G for a map, 1 for a scalar, 0 for none)
     */
    public TargetMaps(ModelCard.Condition condition, int size) {
        this.condition = condition;
        this.size = size;
    }

    double low() {
        return condition.low() == null ? 0.0 : condition.low();
    }

    double high() {
        return condition.high() == null ? 1.0 : condition.high();
    }

    double neutral() {
        return condition.neutral() == null ? (low() + high()) / 2 : condition.neutral();
    }

    /** The high (index 0) and low (index 1) condition for one pair. */
    public float[][] pair(SplitMix64 rng) {
        if (size == 0) {
            return new float[][] {new float[0], new float[0]};
        }
        if (!"map".equals(condition.type())) {
            return new float[][] {{(float) high()}, {(float) low()}};
        }
        int g = condition.grid();
        double midHigh = (neutral() + high()) / 2;
        double midLow = (low() + neutral()) / 2;
        float[] hi = new float[g * g];
        float[] lo = new float[g * g];
        java.util.Arrays.fill(hi, (float) rng.uniform(neutral(), midHigh));
        java.util.Arrays.fill(lo, (float) rng.uniform(midLow, neutral()));
        int rectangles = rng.integer(1, 4);
        int maxSide = Math.max(2, g / 2);
        for (int r = 0; r < rectangles; r++) {
            int w = rng.integer(2, maxSide);
            int h = rng.integer(2, maxSide);
            int x0 = rng.integer(0, g - w);
            int y0 = rng.integer(0, g - h);
            float hiValue = (float) rng.uniform(midHigh, high());
            float loValue = (float) rng.uniform(low(), midLow);
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    hi[y * g + x] = hiValue;
                    lo[y * g + x] = loValue;
                }
            }
        }
        return new float[][] {hi, lo};
    }

    /** The neutral condition (foils). */
    public float[] neutralCondition() {
        float[] c = new float[size];
        java.util.Arrays.fill(c, size == 0 ? 0f : (float) neutral());
        return c;
    }
}
