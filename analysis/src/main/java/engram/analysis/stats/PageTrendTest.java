package engram.analysis.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Page's L test for an ordered trend across n ≥ 3 related samples (Page 1963), one-sided, as
 * {@code scipy.stats.page_trend_test} with its default predicted ranks 1, …, n.
 *
 * <p>The columns are given in the order of increasing predicted value. Each of the m subjects' n values are ranked
 * among themselves (average ranks for ties) and L = Σ_j j·R_j, R_j the rank sum of column j. The p-value is
 * P(L′ ≥ L) under the null hypothesis that every order within a subject is equally likely:
 * <ul>
 *   <li>{@link Method#EXACT}: from the exact distribution of L, the m-fold convolution of the distribution of
 *       Σ_j j·π(j) over the n! permutations π (the recursion of Odeh 1977), evaluated at ⌊L⌋ as SciPy does, so with
 *       ties (L a half-integer) it is conservative and not tie-corrected;</li>
 *   <li>{@link Method#ASYMPTOTIC}: 1 − Φ((L − E₀)/√V₀) with E₀ = m n (n+1)²/4 and V₀ = m n² (n+1)(n² − 1)/144
 *       (no tie correction);</li>
 *   <li>{@link Method#AUTO}: SciPy's choice, exact unless n &gt; 8, or m &gt; 12 and n &gt; 3, or m &gt; 20.</li>
 * </ul>
 * Commons Statistics 1.1 has no Page test; the ranks are the library's ({@link Ranks}) and the normal distribution
 * its own. There is no effect size.
 */
public final class PageTrendTest {
    /** How the p-value is computed. */
    public enum Method { AUTO, EXACT, ASYMPTOTIC }

    /** The largest number of columns for the exact distribution (n! rows are enumerated). */
    public static final int MAX_EXACT_COLUMNS = 8;

    private static final NormalDistribution Z = NormalDistribution.of(0, 1);

    private PageTrendTest() {
    }

    /** @return SciPy's automatic choice for m subjects and n columns: {@link Method#EXACT} or {@link Method#ASYMPTOTIC} */
    public static Method choose(int m, int n) {
        return n > 8 || (m > 12 && n > 3) || m > 20 ? Method.ASYMPTOTIC : Method.EXACT;
    }

    /** As {@link #test(double[][], Method)} with {@link Method#AUTO}. */
    public static TestResult test(double[][] data) {
        return test(data, Method.AUTO);
    }

    /**
     * @param data   data[i][j], subject i under treatment j, columns in the order of increasing predicted value: at
     *               least 2 subjects, at least 3 columns, every row the same length, finite values
     * @param method how the p-value is computed ({@link Method#EXACT} needs at most {@value #MAX_EXACT_COLUMNS} columns)
     * @return the test result {@code page_trend}: statistic L, one-sided p, n = m subjects, no df and no effect size
     */
    public static TestResult test(double[][] data, Method method) {
        int n = Arguments.checkTable(data, 2, 3);
        int m = data.length;
        Method used = method == Method.AUTO ? choose(m, n) : method;
        Arguments.check(used != Method.EXACT || n <= MAX_EXACT_COLUMNS,
            "the exact distribution of Page's L is computed for at most " + MAX_EXACT_COLUMNS + " columns, got " + n);
        double l = 0;
        for (double[] row : data) {
            double[] r = Ranks.of(row).ranksNoCopy();
            for (int j = 0; j < n; j++) {
                l += (j + 1) * r[j];
            }
        }
        double p = used == Method.EXACT ? exactSurvival((long) Math.floor(l), m, n) : asymptoticSurvival(l, m, n);
        return new TestResult("page_trend", l, null, p, null, null, m, null);
    }

    static double asymptoticSurvival(double l, int m, int n) {
        double e0 = m * n * (n + 1.0) * (n + 1.0) / 4;
        double v0 = m * (double) n * n * (n + 1.0) * ((double) n * n - 1) / 144;
        return Z.survivalProbability((l - e0) / Math.sqrt(v0));
    }

    /** P(L ≥ l) for m independent rows, each a uniformly random permutation of 1..n. */
    static double exactSurvival(long l, int m, int n) {
        int a = n * (n + 1) * (n + 2) / 6;
        int b = n * (n + 1) * (2 * n + 1) / 6;
        double[] row = rowDistribution(n, a, b);
        double[] pmf = row;
        for (int i = 1; i < m; i++) {
            double[] next = new double[pmf.length + row.length - 1];
            for (int x = 0; x < pmf.length; x++) {
                if (pmf[x] == 0) {
                    continue;
                }
                for (int y = 0; y < row.length; y++) {
                    next[x + y] += pmf[x] * row[y];
                }
            }
            pmf = next;
        }
        long low = (long) m * a;
        double p = 0;
        for (int x = pmf.length - 1; x >= 0 && x + low >= l; x--) {
            p += pmf[x];
        }
        return Math.min(1, p);
    }

    /** The distribution of Σ_j j·π(j) over the permutations π of 1..n, indexed from its minimum a to its maximum b. */
    private static double[] rowDistribution(int n, int a, int b) {
        long[] counts = new long[b - a + 1];
        int[] perm = new int[n];
        boolean[] used = new boolean[n + 1];
        enumerate(perm, used, 0, 0, counts, a);
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] p = new double[counts.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (double) counts[i] / total;
        }
        return p;
    }

    private static void enumerate(int[] perm, boolean[] used, int position, int sum, long[] counts, int a) {
        int n = perm.length;
        if (position == n) {
            counts[sum - a]++;
            return;
        }
        for (int v = 1; v <= n; v++) {
            if (!used[v]) {
                used[v] = true;
                perm[position] = v;
                enumerate(perm, used, position + 1, sum + (position + 1) * v, counts, a);
                used[v] = false;
            }
        }
    }
}
