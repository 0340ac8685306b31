/**
 * The one seeded random stream every engram program uses ({@link engram.core.random.SplitMix64}): the generator's
 * latents, target maps and demo weights, and the sequence builder's designs. Out of scope: cryptographic randomness.
 */
package engram.core.random;
