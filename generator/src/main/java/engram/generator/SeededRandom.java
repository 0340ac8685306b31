package engram.generator;

import java.util.SplittableRandom;

/**
 * Seeded random numbers whose sequence is fixed by this class (SplitMix64 via {@link SplittableRandom},
 * Gaussians by the Box–Muller transform, Box and Muller 1958), so the same seed gives the same latents and
 * target maps on every JDK.
 */
public final class SeededRandom {
    private final SplittableRandom random;
    private double spareGaussian = Double.NaN;

    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [lo, hi]. */
    public int integer(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /** Standard normal: z = sqrt(-2 ln u1) cos(2 pi u2), with the sine branch kept for the next call. */
    public double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** {@code n} standard normal values as floats. */
    public float[] gaussians(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) gaussian();
        }
        return values;
    }
}
