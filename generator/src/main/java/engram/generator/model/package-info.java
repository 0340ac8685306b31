/**
 * Model cards (JSON beside each .onnx) and the DJL/ONNX Runtime runner: loading from local files, checking the
 * card against the model's declared inputs and outputs, batched inference, image preprocessing and output
 * scaling.
 */
package engram.generator.model;
