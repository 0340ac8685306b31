/** The MEMGAN procedure: one latent rendered under high and low target maps, kept when predictors agree. */
package engram.generator.pairs;
