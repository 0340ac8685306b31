/**
 * The model study's analysis of one export: {@link engram.analysis.Analysis} turns a read
 * {@link engram.analysis.io.Study} into participant and image scores, VMS maps, split-half consistency, tests between
 * conditions and the recognition results of study and test phases ({@link engram.analysis.AnalysisResult}).
 * Needs engram-core's formats and the subpackages below; no Jakarta, usable by the webapp and the CLI alike.
 * Out of scope: reading files (io), writing outputs (report) and the command line (cli).
 */
package engram.analysis;
