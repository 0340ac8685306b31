/**
 * The command-line contract every engram command follows (picocli): {@code --help} and {@code --version} on stdout
 * with exit 0; a usage error on stderr as {@code engram <command>: …} with exit 2; a failed run on stderr with exit 1;
 * one progress display with an ETA on stderr, quiet when not a terminal. It lives in engram-core, below every
 * module that has a command. Out of scope: what any command computes.
 */
package engram.cli;
