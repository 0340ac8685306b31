/**
 * Thin picocli commands {@code ./engram compare} and {@code ./engram predict}: flags to the library's settings, the
 * shared progress bar, and engram's CLI contract ({@link engram.cli.Cli}). Out of scope: any computation.
 */
package engram.analysis.representation.cli;
