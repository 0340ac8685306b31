package engram.simulate;

import engram.core.format.ManifestException;
import engram.core.format.ManifestProblem;
import engram.core.format.ManifestReader;
import engram.core.format.ManifestRow;

import engram.cli.Cli;
import engram.cli.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engram simulate}: drives the participant API with synthetic participants. Exit 0 when every participant
 * that did not drop out completed, 1 otherwise (or when the run fails), 2 on usage errors.
 */
@Command(name = "engram simulate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
    description = {"Drives the participant API with synthetic participants (pilots, load tests); see docs/simulate.md.",
        "Plays every task of an experiment with phases, and returns for later sessions (--returns).",
        "Exit 0 when every participant ended as planned (completed, dropped out, missed a session on purpose or not waited for),",
        "1 otherwise, 2 on usage errors."})
public final class SimulateMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--url", required = true, paramLabel = "URL", description = "the server, e.g. http://127.0.0.1:8080/")
    String url;
    @Option(names = "--experiment", required = true, paramLabel = "SLUG", description = "the experiment's slug")
    String experiment;
    @Option(names = "--participants", required = true, paramLabel = "N", description = "synthetic participants")
    int participants;
    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "C", description = "participants at once (default ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--seed", paramLabel = "S", description = "seed (default: drawn and printed)")
    Long seed;
    @Option(names = "--manifest", paramLabel = "manifest.csv", description = "maps image ids to conditions (for per-condition hit rates)")
    Path manifest;
    @Option(names = "--hit-rate", paramLabel = "0.7|high=0.75,low=0.55,...", description = "hit rate, or one per condition (needs --manifest)")
    String hitRate;
    @Option(names = "--false-alarm-rate", paramLabel = "P", description = "false-alarm rate (default 0.1)")
    Double falseAlarmRate;
    @Option(names = "--similar-rate", paramLabel = "P", description = "old-similar-new: probability of 'similar' for an image not answered 'old' (default 0.3)")
    Double similarRate;
    @Option(names = "--rt-mean", defaultValue = "700", paramLabel = "MS", description = "mean reaction time in ms (default ${DEFAULT-VALUE})")
    double rtMean;
    @Option(names = "--rt-sd", defaultValue = "150", paramLabel = "MS", description = "sd of the reaction time in ms (default ${DEFAULT-VALUE})")
    double rtSd;
    @Option(names = "--dropout", paramLabel = "P", description = "probability that a participant leaves mid-run (default 0)")
    Double dropout;
    @Option(names = "--reload", paramLabel = "P", description = "probability of a page reload per participant (default 0)")
    Double reload;
    @Option(names = "--trial-delay-ms", paramLabel = "MS", description = "pause between trials (default 0)")
    Long trialDelayMs;
    @Option(names = "--ramp-up-s", paramLabel = "S", description = "spread the starts over this many seconds (default 0)")
    Long rampUpS;
    @Option(names = "--log", paramLabel = "acks.csv", description = "write every acknowledgement to this CSV file")
    Path log;
    @Option(names = "--pilot", description = "pilot runs: no Prolific parameters")
    boolean pilot;
    @Option(names = "--study-id", paramLabel = "ID", description = "Prolific STUDY_ID (default engram-sim)")
    String studyId;
    @Option(names = "--returns", paramLabel = "on-time|early|late|mix", description = "sessions: when participants come back through the session link"
        + " (early: refused, then again on time; late: after the window, the session is missed; mix: on-time, early, late by turns; default on-time)")
    String returns;
    @Option(names = "--max-wait-s", paramLabel = "S", description = "longest real wait for a session's window or a break's minimum;"
        + " longer ones are reported as not waited (default 180)")
    Long maxWaitS;
    @Option(names = "--clock-offset-file", paramLabel = "PATH", description = "TEST SERVERS ONLY: the server's engram.test.clock-offset-file;"
        + " the simulator moves the server's clock forward through it instead of waiting")
    Path clockOffsetFile;
    @Option(names = "--retry-budget-s", paramLabel = "S", description = "how long a request is retried (default 600)")
    Long retryBudgetS;
    @Option(names = "--request-timeout-ms", paramLabel = "MS", description = "timeout of one request (default 30000)")
    Long requestTimeoutMs;

    long chosenSeed;

    SimulateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code */
    public static int run(String... args) {
        return Cli.execute(new SimulateMain(), args);
    }

    /** Runs with the given streams (in-process callers and tests). */
    static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        return Cli.execute(new SimulateMain(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Simulation simulation = simulation();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seed == null) {
            err.println("engram simulate: seed " + chosenSeed + " (pass --seed " + chosenSeed + " to repeat)");
            err.flush();
        }
        Progress progress = Progress.onTerminal();
        SimulationReport report = simulation.progress((done, total) -> progress.update("participants", done, total)).run();
        progress.close();
        out.print(report.summary());
        out.flush();
        report.outcomes().stream()
                .filter(o -> o.status() == ParticipantOutcome.Status.FAILED)
                .limit(10)
                .forEach(o -> err.println("participant " + o.index() + " (" + o.participantId() + ") failed: "
                        + o.failureCode() + ": " + Cli.flags(o.failureMessage(), spec)));
        report.outcomes().stream()
                .filter(o -> o.status() == ParticipantOutcome.Status.NOT_WAITED)
                .limit(3)
                .forEach(o -> err.println("participant " + o.index() + " (" + o.participantId() + ") not waited for: "
                        + Cli.flags(o.failureMessage(), spec)));
        err.flush();
        return report.allNonDroppedCompleted() ? 0 : 1;
    }

    /** The simulation these options describe; a value a setting rejects is a usage error naming its flag. */
    Simulation simulation() {
        URI base;
        try {
            base = new URI(url);
        } catch (URISyntaxException e) {
            throw Cli.usage(spec, "--url: not a URL: " + url);
        }
        Simulation s = set("--url", () -> Simulation.against(base));
        Simulation current = s;
        s = set("--experiment", () -> current.experiment(experiment));
        s = with(s, "--participants", x -> x.participants(participants));
        s = with(s, "--concurrency", x -> x.concurrency(concurrency));
        chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1L << 48);
        s = s.seed(chosenSeed);
        s = hitRates(s);
        if (falseAlarmRate != null) {
            s = with(s, "--false-alarm-rate", x -> x.falseAlarmRate(finite("--false-alarm-rate", falseAlarmRate)));
        }
        if (similarRate != null) {
            s = with(s, "--similar-rate", x -> x.similarRate(finite("--similar-rate", similarRate)));
        }
        if (returns != null) {
            Returns chosen = set("--returns", () -> Returns.parse(returns));
            s = s.returns(chosen);
        }
        if (maxWaitS != null) {
            s = with(s, "--max-wait-s", x -> x.maxWait(Duration.ofSeconds(maxWaitS)));
        }
        if (clockOffsetFile != null) {
            s = with(s, "--clock-offset-file", x -> x.clockOffsetFile(clockOffsetFile));
        }
        s = with(s, "--rt-mean", x -> x.reactionTime(finite("--rt-mean", rtMean), 1));
        s = with(s, "--rt-sd", x -> x.reactionTime(rtMean, finite("--rt-sd", rtSd)));
        if (dropout != null) {
            s = with(s, "--dropout", x -> x.dropout(dropout));
        }
        if (reload != null) {
            s = with(s, "--reload", x -> x.reload(reload));
        }
        if (trialDelayMs != null) {
            s = with(s, "--trial-delay-ms", x -> x.trialDelay(Duration.ofMillis(trialDelayMs)));
        }
        if (rampUpS != null) {
            s = with(s, "--ramp-up-s", x -> x.rampUp(Duration.ofSeconds(rampUpS)));
        }
        if (retryBudgetS != null) {
            s = with(s, "--retry-budget-s", x -> x.retryBudget(Duration.ofSeconds(retryBudgetS)));
        }
        if (requestTimeoutMs != null) {
            s = with(s, "--request-timeout-ms", x -> x.requestTimeout(Duration.ofMillis(requestTimeoutMs)));
        }
        if (log != null) {
            Path parent = log.toAbsolutePath().getParent();
            if (Files.isDirectory(log) || parent == null || !Files.isDirectory(parent)) {
                throw Cli.usage(spec, "--log: cannot write " + log + " (not a file in an existing folder)");
            }
            s = s.ackLog(log);
        }
        if (pilot && studyId != null) {
            throw Cli.usage(spec, "--study-id: pilot mode leaves the Prolific parameters out, so it has no effect");
        }
        if (pilot && reload != null && reload > 0) {
            throw Cli.usage(spec, "--reload: a reload finds its run by the Prolific parameters, which --pilot leaves out");
        }
        s = s.pilot(pilot);
        if (studyId != null) {
            s = with(s, "--study-id", x -> x.studyId(studyId));
        }
        Simulation complete = s;
        set("--hit-rate", complete::validate);
        return s;
    }

    private Simulation hitRates(Simulation s) {
        Map<String, String> conditions = null;
        if (manifest != null) {
            try {
                conditions = new LinkedHashMap<>();
                // engram-core's manifest reader: the format's every rule, quoted commas and line breaks included
                for (ManifestRow row : ManifestReader.read(Files.readAllBytes(manifest), manifest.toString()).rows()) {
                    conditions.put(row.imageId(), row.condition());
                }
            } catch (IOException e) {
                throw Cli.usage(spec, "--manifest: cannot read " + manifest + ": " + e);
            } catch (ManifestException e) {
                throw Cli.usage(spec, "--manifest: " + String.join("; ", e.problems().stream().map(ManifestProblem::message).toList()));
            } catch (IllegalArgumentException e) {
                throw Cli.usage(spec, "--manifest: " + e.getMessage());
            }
        }
        if (hitRate == null) {
            return s;
        }
        if (!hitRate.contains("=")) {
            double rate = number("--hit-rate", hitRate);
            return with(s, "--hit-rate", x -> x.hitRate(rate));
        }
        if (conditions == null) {
            throw Cli.usage(spec, "--hit-rate: rates per condition need --manifest to map image ids to conditions");
        }
        Map<String, Double> byCondition = new LinkedHashMap<>();
        for (String entry : hitRate.split(",", -1)) {
            int equals = entry.indexOf('=');
            String condition = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (condition.isEmpty()) {
                throw Cli.usage(spec, "--hit-rate: expected condition=rate, got '" + entry + "'");
            }
            String text = entry.substring(equals + 1).strip();
            double rate;
            try {
                rate = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw Cli.usage(spec, "--hit-rate: rate of " + condition + " is not a number: '" + text + "'");
            }
            if (byCondition.put(condition, rate) != null) {
                throw Cli.usage(spec, "--hit-rate: condition " + condition + " given more than once");
            }
        }
        Map<String, String> byImage = conditions;
        return with(s, "--hit-rate", x -> x.hitRates(byCondition, byImage));
    }

    private double number(String flag, String text) {
        try {
            return finite(flag, Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            throw Cli.usage(spec, flag + ": expected a number, got '" + text + "'");
        }
    }

    private double finite(String flag, double value) {
        if (!Double.isFinite(value)) {
            throw Cli.usage(spec, flag + ": expected a number, got '" + value + "'");
        }
        return value;
    }

    private Simulation with(Simulation s, String flag, java.util.function.UnaryOperator<Simulation> setting) {
        return set(flag, () -> setting.apply(s));
    }

    private <T> T set(String flag, Supplier<T> setting) {
        try {
            return setting.get();
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, flag + ": " + e.getMessage());
        }
    }
}
