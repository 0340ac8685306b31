package engram.generator.select;

/** Similarity measures used for pair selection. */
public final class Similarity {
    private Similarity() {
    }

    /** Pearson correlation r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²); 0 when either vector is constant. */
    public static double pearson(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("feature lengths differ: " + x.length + " vs " + y.length);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /**
     * The vector centred and scaled to unit length, so that the dot product of two standardised vectors is
     * their Pearson correlation (0 for a constant vector).
     */
    public static float[] standardised(float[] x) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double norm = 0;
        for (float v : x) {
            norm += (v - mean) * (v - mean);
        }
        norm = Math.sqrt(norm);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = norm == 0 ? 0f : (float) ((x[i] - mean) / norm);
        }
        return out;
    }

    /** Dot product Σ xᵢyᵢ. */
    public static double dot(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("feature lengths differ: " + x.length + " vs " + y.length);
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Cosine similarity x·y / (‖x‖ ‖y‖); 0 when either vector is zero. */
    public static double cosine(float[] x, float[] y) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            dot += (double) x[i] * y[i];
            xx += (double) x[i] * x[i];
            yy += (double) y[i] * y[i];
        }
        return xx == 0 || yy == 0 ? 0 : dot / Math.sqrt(xx * yy);
    }
}
