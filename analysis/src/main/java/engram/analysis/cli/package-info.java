/**
 * Thin picocli command {@code ./engram analyse}: maps the flags and the experiment's attention rule to
 * {@link engram.analysis.AnalysisOptions}, runs {@link engram.analysis.Analysis} and writes the outputs, following
 * engram's CLI contract ({@link engram.cli.Cli}). Out of scope: any computation of its own.
 */
package engram.analysis.cli;
