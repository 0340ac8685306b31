/** Predicted memorability and VMS heatmaps for a folder of images. */
package engram.generator.score;
