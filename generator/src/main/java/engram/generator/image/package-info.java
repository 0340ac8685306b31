/** Image reading/writing, tensors ↔ images, preprocessing, heatmaps and the generator wrapper. */
package engram.generator.image;
