/**
 * Split-half consistency of image hit rates and true VMS maps over random halves of the participants, with the
 * Spearman–Brown prophecy ({@link engram.analysis.consistency.SplitHalf}); seeded through engram-core's SplitMix64, so a
 * seed gives the same halves everywhere. Needs io, stats and vms. Out of scope: the other scores and tests.
 */
package engram.analysis.consistency;
