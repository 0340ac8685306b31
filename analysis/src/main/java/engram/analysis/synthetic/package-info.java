/**
 * Synthetic exports with planted memorability for tests, benchmarks and the worked examples: the continuous game
 * ({@link engram.analysis.synthetic.SyntheticExport}) and a two-session study–test experiment
 * ({@link engram.analysis.synthetic.SyntheticRecognition}). JDK only. Out of scope: realistic participant behaviour
 * over HTTP (that is the simulator).
 */
package engram.analysis.synthetic;
