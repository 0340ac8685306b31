package engram.core.random;

import java.util.List;

/**
 * engram's one seeded random stream: SplitMix64 (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number
 * generators"), written out here so that a seed gives the same numbers on every JVM. Not for security.
 *
 * <p>The 64-bit stream ({@link #nextLong()}) and {@link #nextDouble()} equal {@link java.util.SplittableRandom}'s for
 * the same seed. Two bounded-integer rules are kept because each stream in use depends on its own: {@link #nextInt(int)}
 * (rejection sampling on 63 bits; the sequence builder's designs) and {@link #integer(int, int)} (SplittableRandom's
 * 32-bit rule; the generator's target maps and folder shuffles). Gaussians come from the Box–Muller transform (Box and
 * Muller 1958). A golden-value test pins all of them, so stimulus sets and designs stay byte-identical.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian = Double.NaN;

    /** @param seed the seed; equal seeds give equal streams */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        return mix64(nextState());
    }

    /** @return the next 32 random bits (SplittableRandom's {@code nextInt()}) */
    public int nextInt() {
        return mix32(nextState());
    }

    /** @return uniform in [0, 1), from the top 53 bits of {@link #nextLong()} */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** @return uniform in [lo, hi) */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /**
     * Uniform in [0, bound), without modulo bias: rejection sampling on the top 63 bits of {@link #nextLong()}.
     *
     * @throws IllegalArgumentException when bound is not positive
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        long limit = (Long.MAX_VALUE / bound) * bound;
        while (true) {
            long bits = nextLong() >>> 1;
            if (bits < limit) {
                return (int) (bits % bound);
            }
        }
    }

    /**
     * Uniform integer in [lo, hi], by SplittableRandom's rule for {@code nextInt(hi - lo + 1)} (a mask for powers of
     * two, otherwise rejection on 31 bits of {@link #nextInt()}).
     *
     * @throws IllegalArgumentException when hi &lt; lo or the range does not fit an int
     */
    public int integer(int lo, int hi) {
        int bound = hi - lo + 1;
        if (hi < lo || bound <= 0) {
            throw new IllegalArgumentException("need lo <= hi within an int range, got [" + lo + ", " + hi + "]");
        }
        int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) {
            r &= m;
        } else {
            int u = r >>> 1;
            while (u + m - (r = u % bound) < 0) {
                u = nextInt() >>> 1;
            }
        }
        return lo + r;
    }

    /** @return true or false with equal chance (the sign bit of {@link #nextLong()}) */
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** @return standard normal: z = sqrt(-2 ln u1) cos(2 pi u2), with the sine branch kept for the next call */
    public double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** @return {@code n} standard normal values as floats */
    public float[] gaussians(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) gaussian();
        }
        return values;
    }

    /** @return an independent generator seeded with this one's next {@link #nextLong()} */
    public SplitMix64 split() {
        return new SplitMix64(nextLong());
    }

    /** Fisher–Yates shuffle in place, drawing with {@link #nextInt(int)}. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** Fisher–Yates shuffle in place, drawing with {@link #nextInt(int)}. */
    public <T> void shuffle(List<T> values) {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            values.set(i, values.set(j, values.get(i)));
        }
    }

    private long nextState() {
        state += GOLDEN_GAMMA;
        return state;
    }

    /**
     * SplitMix64's output function (the finalizer of Steele, Lea &amp; Flood 2014): {@link #nextLong()} is
     * {@code mix64(state)} after each step. Exposed to hash a seed and an index into a well-mixed 64-bit value.
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
        return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
    }
}
