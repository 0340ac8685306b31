package engram.analysis.stats;

/**
 * Result of one hypothesis test or correlation.
 *
 * @param test           the test's name: {@code paired_t}, {@code wilcoxon}, {@code mann_whitney},
 *                       {@code kruskal_wallis}, {@code anova}, {@code spearman}, {@code friedman} or {@code page_trend}
 * @param statistic      the test statistic (t, W = min(R+, R-), U of the first group, H, F, rho, χ²_F or Page's L)
 * @param df             degrees of freedom where the test has them (between-groups df for ANOVA), else null
 * @param pValue         two-sided p-value (Page's trend test: one-sided); NaN when it cannot be computed (too few values)
 * @param effectSize     effect size, or null when the test reports none
 * @param effectSizeKind what {@code effectSize} is, e.g. {@code cohens_dz}, or null
 * @param n              number of pairs (paired tests) or of observations in all groups together
 * @param bf10           JZS Bayes factor for the alternative (paired t only), else null
 */
public record TestResult(String test, double statistic, Double df, double pValue,
                         Double effectSize, String effectSizeKind, int n, Double bf10) {
}
