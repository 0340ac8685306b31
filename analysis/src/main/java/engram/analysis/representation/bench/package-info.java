/**
 * A timing harness for CKA (docs/benchmarks/representation.md), run by hand with a main method; not a test and not
 * part of any command.
 */
package engram.analysis.representation.bench;
