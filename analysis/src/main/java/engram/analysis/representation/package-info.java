/**
 * Model representations against each other and against targets: CKA and RSA between feature folders
 * ({@link engram.analysis.representation.Compare}) and cross-validated ridge predictivity with noise ceilings and
 * partial correlations ({@link engram.analysis.representation.Predict}), with seeded bootstrap CIs and permutation tests;
 * reads and writes .npy feature folders. Needs Commons Math (eigen-decompositions for ridge and PCA), stats and the
 * report's number formatting. Out of scope: running models to get the features (the generator's features package).
 */
package engram.analysis.representation;
