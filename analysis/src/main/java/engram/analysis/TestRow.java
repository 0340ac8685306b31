package engram.analysis;

import engram.analysis.stats.TestResult;

/**
 * One row of tests.csv.
 *
 * @param measure the measure tested, e.g. {@code hit_rate}
 * @param groups  the groups compared, e.g. {@code high-low} (paired), {@code high vs low}, {@code high|low|foil}
 * @param result  the test result
 */
public record TestRow(String measure, String groups, TestResult result) {
}
