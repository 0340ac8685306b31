/**
 * Sequences for the repeat-recognition memory game: reproducible, seeded streams of images in which some
 * target images and vigilance (attention-check) images are shown twice at controlled lags and the others once.
 * Requires the stimuli as pairs (two versions of one scene, e.g. high and low memorability) plus unpaired foils.
 * Needs engram.core.format (the stimuli and the Sequence/Position/Kind it builds) and engram.core.random; nothing else.
 * Out of scope: storing sequences and assigning them to participants (the webapp does that).
 * See docs/sequences.md for the rules and the algorithm.
 */
package engram.core.design;
