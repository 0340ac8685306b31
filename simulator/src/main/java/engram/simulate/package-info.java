/**
 * {@code engram simulate}: synthetic participants that drive the participant API (docs/participant-api.md) over
 * HTTP, for pilots and load tests.
 *
 * <p>Entry points: {@link engram.simulate.Simulation} (library, used in-process by integration tests) and
 * {@link engram.simulate.SimulateMain} (the command line on picocli, following {@link engram.cli.Cli}).
 * Requires only Java 17 and jackson-databind. Out of scope: the participant page's practice trials and images, which
 * the API never sees, and real browser timing.
 */
package engram.simulate;
