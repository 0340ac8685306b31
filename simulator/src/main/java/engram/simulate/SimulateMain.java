package engram.simulate;

import java.io.IOException;
import java.io.PrintStream;

/** {@code engram simulate}: exit 0 when every participant that did not drop out completed, 1 otherwise, 2 on usage errors. */
public final class SimulateMain {

    private SimulateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit code */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("engram simulate: " + e.getMessage());
            err.println("Run 'engram simulate --help' for usage.");
            return 2;
        }
        if (parsed.help()) {
            out.println(CommandLine.USAGE);
            return 0;
        }
        if (!parsed.seedGiven()) {
            err.println("engram simulate: seed " + parsed.seed() + " (pass --seed " + parsed.seed() + " to repeat)");
        }
        try {
            SimulationReport report = parsed.simulation().progress(err).run();
            out.print(report.summary());
            report.outcomes().stream()
                    .filter(o -> o.status() == ParticipantOutcome.Status.FAILED)
                    .limit(10)
                    .forEach(o -> err.println("participant " + o.index() + " (" + o.participantId() + ") failed: "
                            + o.failureCode() + ": " + o.failureMessage()));
            return report.allNonDroppedCompleted() ? 0 : 1;
        } catch (IOException e) {
            err.println("engram simulate: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("engram simulate: interrupted");
            return 1;
        }
    }
}
