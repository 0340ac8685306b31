/**
 * Trial outcomes (hit, miss, false alarm, correct rejection) and the participant and image scores built from them,
 * with the attention rule's exclusions ({@link engram.analysis.scores.Scoring}). Needs io and stats. Out of scope:
 * VMS maps, consistency and tests between conditions.
 */
package engram.analysis.scores;
