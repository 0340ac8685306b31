/**
 * Stimulus sets for memory experiments from ONNX models (DJL + ONNX Runtime, local files only): generate
 * high/low memorability pairs ({@link engram.generator.pairs.Pairs}), select pairs from a concept-folder
 * database ({@link engram.generator.select.PairSelection}) and score images
 * ({@link engram.generator.score.Scoring}). Every mode returns a {@link engram.generator.set.StimulusSet}
 * written atomically as images + manifest.csv + generation.json. Requires Java 17; no Jakarta EE. Out of
 * scope: training models, downloading weights.
 */
package engram.generator;
