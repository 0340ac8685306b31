package engram.design.control;

/**
 * SplitMix64 (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators"), written out here so
 * that a seed gives the same sequences on every JVM version. Not for security.
 */
final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), without modulo bias (rejection sampling on 63 bits). */
    int nextInt(int bound) {
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

    boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** An independent generator seeded from this one. */
    SeededRandom split() {
        return new SeededRandom(nextLong());
    }

    /** Fisher-Yates shuffle in place. */
    void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    <T> void shuffle(java.util.List<T> values) {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            values.set(i, values.set(j, values.get(i)));
        }
    }
}
