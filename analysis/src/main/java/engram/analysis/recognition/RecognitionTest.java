package engram.analysis.recognition;

import engram.analysis.TestRow;

/**
 * One row of recognition/tests.csv: a paired test over participants within a phase (groups such as {@code high-low}
 * or {@code perceptual-semantic}) or across two phases of the same task (forgetting; phases {@code 2;4}), or the
 * Friedman and Page trend tests over three or more phases of one task (phases {@code 2;3;5}).
 *
 * @param phases the phase, or the phases compared joined by ';'
 * @param row    the measure, groups and result
 */
public record RecognitionTest(String phases, TestRow row) {
}
