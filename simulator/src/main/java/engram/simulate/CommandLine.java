package engram.simulate;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Turns the arguments of {@code engram simulate} into a {@link Simulation}. */
public final class CommandLine {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: engram simulate --url URL --experiment SLUG --participants N [--concurrency C] [--seed S]",
            "         [--manifest manifest.csv] [--hit-rate 0.7 | --hit-rate high=0.75,low=0.55,foil=0.6]",
            "         [--false-alarm-rate 0.1] [--rt-mean 700] [--rt-sd 150] [--dropout 0] [--reload 0]",
            "         [--trial-delay-ms 0] [--ramp-up-s 0] [--log acks.csv] [--pilot] [--study-id engram-sim]",
            "         [--retry-budget-s 600] [--request-timeout-ms 30000]",
            "Drives the participant API with synthetic participants; see docs/simulate.md.");

    private static final Set<String> VALUED = Set.of("--url", "--experiment", "--participants", "--concurrency",
            "--seed", "--manifest", "--hit-rate", "--false-alarm-rate", "--rt-mean", "--rt-sd", "--dropout", "--reload",
            "--trial-delay-ms", "--ramp-up-s", "--log", "--study-id", "--retry-budget-s", "--request-timeout-ms");
    private static final Set<String> SWITCHES = Set.of("--pilot", "--help");

    /**
     * A parsed command line.
     *
     * @param simulation the simulation to run, null when help was asked for
     * @param seed the seed used (drawn at random when --seed is absent)
     * @param seedGiven whether --seed was given
     */
    public record Parsed(Simulation simulation, long seed, boolean seedGiven) {

        /** @return whether --help was asked for */
        public boolean help() {
            return simulation == null;
        }
    }

    private CommandLine() {
    }

    /**
     * @throws UsageException naming the flag when an argument is unknown, missing, repeated or out of range
     */
    public static Parsed parse(String... args) throws UsageException {
        Map<String, String> flags = flags(args);
        if (flags.containsKey("--help")) {
            return new Parsed(null, 0, false);
        }
        String url = required(flags, "--url");
        URI base;
        try {
            base = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--url: not a URL: " + url);
        }
        Simulation simulation = apply("--url", () -> Simulation.against(base));
        Simulation withUrl = simulation;
        String experiment = required(flags, "--experiment");
        simulation = apply("--experiment", () -> withUrl.experiment(experiment));
        simulation = intFlag(simulation, flags, "--participants", true, Simulation::participants);
        if (!flags.containsKey("--concurrency")) {
            flags.put("--concurrency", "4");
        }
        simulation = intFlag(simulation, flags, "--concurrency", true, Simulation::concurrency);
        boolean seedGiven = flags.containsKey("--seed");
        long seed = seedGiven ? longValue(flags, "--seed") : ThreadLocalRandom.current().nextLong(1, 1L << 48);
        simulation = simulation.seed(seed);
        simulation = hitRates(simulation, flags);
        simulation = doubleFlag(simulation, flags, "--false-alarm-rate", Simulation::falseAlarmRate);
        double rtMean = flags.containsKey("--rt-mean") ? doubleValue(flags, "--rt-mean") : 700;
        double rtSd = flags.containsKey("--rt-sd") ? doubleValue(flags, "--rt-sd") : 150;
        Simulation beforeRt = simulation;
        simulation = apply("--rt-mean", () -> beforeRt.reactionTime(rtMean, 1));
        Simulation afterMean = simulation;
        simulation = apply("--rt-sd", () -> afterMean.reactionTime(rtMean, rtSd));
        simulation = doubleFlag(simulation, flags, "--dropout", Simulation::dropout);
        simulation = doubleFlag(simulation, flags, "--reload", Simulation::reload);
        if (flags.containsKey("--trial-delay-ms")) {
            long delay = longValue(flags, "--trial-delay-ms");
            Simulation current = simulation;
            simulation = apply("--trial-delay-ms", () -> current.trialDelay(Duration.ofMillis(delay)));
        }
        if (flags.containsKey("--ramp-up-s")) {
            long seconds = longValue(flags, "--ramp-up-s");
            Simulation current = simulation;
            simulation = apply("--ramp-up-s", () -> current.rampUp(Duration.ofSeconds(seconds)));
        }
        if (flags.containsKey("--retry-budget-s")) {
            long seconds = longValue(flags, "--retry-budget-s");
            Simulation current = simulation;
            simulation = apply("--retry-budget-s", () -> current.retryBudget(Duration.ofSeconds(seconds)));
        }
        if (flags.containsKey("--request-timeout-ms")) {
            long millis = longValue(flags, "--request-timeout-ms");
            Simulation current = simulation;
            simulation = apply("--request-timeout-ms", () -> current.requestTimeout(Duration.ofMillis(millis)));
        }
        if (flags.containsKey("--log")) {
            Path log = Path.of(flags.get("--log"));
            Path parent = log.toAbsolutePath().getParent();
            if (Files.isDirectory(log) || parent == null || !Files.isDirectory(parent)) {
                throw new UsageException("--log: cannot write " + log + " (not a file in an existing folder)");
            }
            simulation = simulation.ackLog(log);
        }
        boolean pilot = flags.containsKey("--pilot");
        if (pilot && flags.containsKey("--study-id")) {
            throw new UsageException("--study-id: pilot mode leaves the Prolific parameters out, so it has no effect");
        }
        if (pilot && flags.containsKey("--reload") && Double.parseDouble(flags.get("--reload")) > 0) {
            throw new UsageException("--reload: a reload finds its run by the Prolific parameters, which --pilot"
                    + " leaves out");
        }
        simulation = simulation.pilot(pilot);
        if (flags.containsKey("--study-id")) {
            String studyId = flags.get("--study-id");
            Simulation current = simulation;
            simulation = apply("--study-id", () -> current.studyId(studyId));
        }
        Simulation complete = simulation;
        apply("--hit-rate", complete::validate);
        return new Parsed(simulation, seed, seedGiven);
    }

    private static Map<String, String> flags(String[] args) throws UsageException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (SWITCHES.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + ": takes no value, got '" + value + "'");
                }
                value = "true";
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException(name + ": needs a value");
                    }
                    value = args[++i];
                }
            } else {
                throw new UsageException(arg.startsWith("--") ? "unknown flag " + name : "unexpected argument '" + arg
                        + "' (flags start with --)");
            }
            if (flags.put(name, value) != null) {
                throw new UsageException(name + ": given more than once");
            }
        }
        return flags;
    }

    private static Simulation hitRates(Simulation simulation, Map<String, String> flags) throws UsageException {
        Map<String, String> manifest = null;
        if (flags.containsKey("--manifest")) {
            Path file = Path.of(flags.get("--manifest"));
            try {
                manifest = Manifest.read(file);
            } catch (IOException e) {
                throw new UsageException("--manifest: cannot read " + file + ": " + e);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--manifest: " + e.getMessage());
            }
        }
        if (!flags.containsKey("--hit-rate")) {
            return simulation;
        }
        String spec = flags.get("--hit-rate");
        if (!spec.contains("=")) {
            double rate = doubleValue(flags, "--hit-rate");
            return apply("--hit-rate", () -> simulation.hitRate(rate));
        }
        if (manifest == null) {
            throw new UsageException("--hit-rate: rates per condition need --manifest to map image ids to conditions");
        }
        Map<String, Double> byCondition = new LinkedHashMap<>();
        for (String entry : spec.split(",", -1)) {
            int equals = entry.indexOf('=');
            String condition = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (condition.isEmpty()) {
                throw new UsageException("--hit-rate: expected condition=rate, got '" + entry + "'");
            }
            double rate;
            try {
                rate = Double.parseDouble(entry.substring(equals + 1).strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--hit-rate: rate of " + condition + " is not a number: '"
                        + entry.substring(equals + 1) + "'");
            }
            if (byCondition.put(condition, rate) != null) {
                throw new UsageException("--hit-rate: condition " + condition + " given more than once");
            }
        }
        Map<String, String> conditions = manifest;
        return apply("--hit-rate", () -> simulation.hitRates(byCondition, conditions));
    }

    private interface Setting {
        Simulation apply() throws IllegalArgumentException;
    }

    private static Simulation apply(String flag, Setting setting) throws UsageException {
        try {
            return setting.apply();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    private interface IntSetter {
        Simulation set(Simulation simulation, int value);
    }

    private interface DoubleSetter {
        Simulation set(Simulation simulation, double value);
    }

    private static Simulation intFlag(Simulation simulation, Map<String, String> flags, String flag, boolean required,
                                      IntSetter setter) throws UsageException {
        if (!flags.containsKey(flag)) {
            if (required) {
                throw new UsageException(flag + ": required");
            }
            return simulation;
        }
        String text = flags.get(flag);
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a whole number, got '" + text + "'");
        }
        return apply(flag, () -> setter.set(simulation, value));
    }

    private static Simulation doubleFlag(Simulation simulation, Map<String, String> flags, String flag,
                                         DoubleSetter setter) throws UsageException {
        if (!flags.containsKey(flag)) {
            return simulation;
        }
        double value = doubleValue(flags, flag);
        return apply(flag, () -> setter.set(simulation, value));
    }

    private static double doubleValue(Map<String, String> flags, String flag) throws UsageException {
        String text = flags.get(flag);
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a number, got '" + text + "'");
        }
    }

    private static long longValue(Map<String, String> flags, String flag) throws UsageException {
        String text = flags.get(flag);
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": expected a whole number, got '" + text + "'");
        }
    }

    private static String required(Map<String, String> flags, String flag) throws UsageException {
        String value = flags.get(flag);
        if (value == null) {
            throw new UsageException(flag + ": required");
        }
        return value;
    }
}
