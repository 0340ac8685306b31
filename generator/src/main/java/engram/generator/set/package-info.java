/** The stimulus-set folder: manifest rows, images, generation.json, written to a temporary folder and moved into place. */
package engram.generator.set;
