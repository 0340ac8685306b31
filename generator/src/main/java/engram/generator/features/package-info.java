/**
 * Layer activations of an image model for a stimulus set or an image folder, written as a feature folder (images.csv,
 * one .npy per layer) with per-layer statistics, PCA projections and report.html
 * ({@link engram.generator.features.FeatureExtraction}). Needs the model and image packages and the analysis' .npy and
 * PCA code. Out of scope: comparing the features (the analysis' representation package).
 */
package engram.generator.features;
