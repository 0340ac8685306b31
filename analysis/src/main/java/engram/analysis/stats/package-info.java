/**
 * The statistics the analysis reports: signal detection (d′, c, ROC), descriptive statistics, correlations, paired and
 * between-group tests, the JZS Bayes factor and interval estimates; reference values from SciPy in the tests.
 * Built on Apache Commons Statistics where it computes what SciPy does; engram's own code otherwise,
 * with a comment that says why. Out of scope: anything about engram's data (no file or export types here).
 */
package engram.analysis.stats;
