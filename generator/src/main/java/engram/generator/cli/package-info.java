/** The thin command line: {@code ./engram generate (pairs|select|score)}. */
package engram.generator.cli;
