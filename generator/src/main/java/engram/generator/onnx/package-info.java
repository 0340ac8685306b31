/**
 * Writing and reading ONNX files without generated protobuf code: a wire-format encoder, a graph builder, a
 * signature reader, and the built-in demo models and benchmark model built with them.
 */
package engram.generator.onnx;
