/**
 * Pair selection from a concept-folder image database (THINGS layout) by perceptual similarity (feature
 * correlation) and semantic similarity (word vectors or WordNet).
 */
package engram.generator.select;
