/**
 * Sentence embeddings for semantic similarity in pair selection: the built-in all-MiniLM-L6-v2 model run with ONNX
 * Runtime ({@link engram.generator.semantic.MiniLm}) and its WordPiece tokenizer. Needs DJL/ONNX Runtime and the model
 * files on the classpath; nothing is downloaded. Out of scope: word vectors and WordNet (select package).
 */
package engram.generator.semantic;
