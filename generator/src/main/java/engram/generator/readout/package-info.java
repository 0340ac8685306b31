/**
 * A lab's own memorability readout ({@link engram.generator.readout.Readout}): one layer of an image model fitted by
 * cross-validated ridge to human scores from an analysis output or an export, reported against the human split-half
 * ceiling and saved as a score-predictor model for {@code generate}. Needs the analysis library, the features package
 * and ONNX Runtime. Out of scope: training the base model.
 */
package engram.generator.readout;
