package engram.analysis.cli;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.analysis.io.InputException;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.report.OutputWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Thin command line for {@code ./engram analyse}: parses the options, runs {@link Analysis}, writes the outputs. */
public final class AnalyseMain {
    static final String USAGE = "usage: engram analyse (--export export.zip [--include-incomplete] | --responses R --boxes B --manifest M)"
        + " --out DIR [--splits S] [--seed N] [--pairs high,low] [--grid G] [--smooth SIGMA] [--max-heatmaps K] [--threads T]"
        + " [--min-vigilance 0.60] [--max-far 0.40] [--outlier-sd 2] [--vms-consistency true|false]\n"
        + "  With --export, runs that did not complete are left out unless --include-incomplete is given, and the\n"
        + "  experiment's attention rule (experiment.json) applies unless --min-vigilance/--max-far override it.";
    private static final Set<String> OPTIONS = Set.of("--export", "--responses", "--boxes", "--manifest", "--out",
        "--splits", "--seed", "--pairs", "--grid", "--smooth", "--max-heatmaps", "--threads", "--min-vigilance",
        "--max-far", "--outlier-sd", "--vms-consistency");
    /** Options without a value. */
    private static final Set<String> FLAGS = Set.of("--include-incomplete");

    private AnalyseMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** @return the exit code: 0 ok, 2 bad input or usage, 1 internal error */
    public static int run(String[] args, PrintStream err) {
        Map<String, String> opts;
        AnalysisOptions options;
        try {
            opts = parse(args);
            options = options(opts);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Consumer<String> progress = line -> err.println("[analyse] " + line);
        try {
            StudyReader reader = StudyReader.withProgress(progress);
            Study study;
            if (opts.containsKey("--export")) {
                study = reader.readExport(existing(opts.get("--export")), opts.containsKey("--include-incomplete"));
                options = withStudyRule(options, opts, study, progress);
            } else {
                study = reader.readFiles(existing(opts.get("--responses")), existing(opts.get("--boxes")),
                    existing(opts.get("--manifest")));
            }
            AnalysisResult result = Analysis.of(study).with(options).withProgress(progress).run();
            OutputWriter.writeAtomically(result, Path.of(opts.get("--out")), progress);
            progress.accept("done: " + Path.of(opts.get("--out")).toAbsolutePath().normalize());
            return 0;
        } catch (InputException | UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("error: " + e);
            return 2;
        } catch (RuntimeException | OutOfMemoryError e) {
            err.println("internal error: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The experiment's attention rule from experiment.json, for each threshold not given as a flag. */
    static AnalysisOptions withStudyRule(AnalysisOptions options, Map<String, String> opts, Study study, Consumer<String> progress) {
        if (study.settings() == null) {
            return options;
        }
        double minVig = opts.containsKey("--min-vigilance") ? options.minVigilanceHitRate() : study.settings().minVigilanceHitRate();
        double maxFar = opts.containsKey("--max-far") ? options.maxFalseAlarmRate() : study.settings().maxFalseAlarmRate();
        progress.accept("attention rule: vigilance hit rate >= " + minVig + (opts.containsKey("--min-vigilance") ? " (--min-vigilance)" : " (experiment.json)")
            + ", false-alarm rate < " + maxFar + (opts.containsKey("--max-far") ? " (--max-far)" : " (experiment.json)"));
        return options.withExclusion(minVig, maxFar);
    }

    private static Path existing(String file) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new UsageException("no such file: " + file);
        }
        return p;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (FLAGS.contains(a)) {
                if (value != null) {
                    throw new UsageException(a + " takes no value");
                }
                if (opts.put(a, "true") != null) {
                    throw new UsageException(a + " given twice");
                }
                continue;
            }
            if (!OPTIONS.contains(a)) {
                throw new UsageException("unknown argument '" + args[i] + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                value = args[++i];
            }
            if (opts.put(a, value) != null) {
                throw new UsageException(a + " given twice");
            }
        }
        boolean export = opts.containsKey("--export");
        boolean files = opts.containsKey("--responses") || opts.containsKey("--boxes") || opts.containsKey("--manifest");
        if (export == files) {
            throw new UsageException("give either --export or all of --responses, --boxes and --manifest");
        }
        if (files && !(opts.containsKey("--responses") && opts.containsKey("--boxes") && opts.containsKey("--manifest"))) {
            throw new UsageException("--responses, --boxes and --manifest go together");
        }
        if (files && opts.containsKey("--include-incomplete")) {
            throw new UsageException("--include-incomplete goes with --export (three files given by hand are analysed as they are)");
        }
        if (!opts.containsKey("--out")) {
            throw new UsageException("--out DIR is required");
        }
        return opts;
    }

    static AnalysisOptions options(Map<String, String> o) {
        AnalysisOptions options = AnalysisOptions.defaults();
        try {
            if (o.containsKey("--splits")) {
                options = options.withSplits(integer(o, "--splits"));
            }
            if (o.containsKey("--seed")) {
                options = options.withSeed(Long.parseLong(o.get("--seed")));
            }
            if (o.containsKey("--grid")) {
                options = options.withGrid(integer(o, "--grid"));
            }
            if (o.containsKey("--pairs")) {
                String[] p = o.get("--pairs").split(",", -1);
                if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                    throw new UsageException("--pairs takes two conditions, e.g. high,low");
                }
                options = options.withPairConditions(p[0].trim(), p[1].trim());
            }
            if (o.containsKey("--smooth")) {
                options = options.withSmoothing(Double.parseDouble(o.get("--smooth")));
            }
            if (o.containsKey("--max-heatmaps")) {
                options = options.withMaxHeatmaps(integer(o, "--max-heatmaps"));
            }
            if (o.containsKey("--threads")) {
                options = options.withThreads(integer(o, "--threads"));
            }
            double minVig = o.containsKey("--min-vigilance") ? fraction(o, "--min-vigilance") : options.minVigilanceHitRate();
            double maxFar = o.containsKey("--max-far") ? fraction(o, "--max-far") : options.maxFalseAlarmRate();
            options = options.withExclusion(minVig, maxFar);
            if (o.containsKey("--vms-consistency")) {
                String v = o.get("--vms-consistency");
                if (!v.equals("true") && !v.equals("false")) {
                    throw new UsageException("--vms-consistency takes true or false");
                }
                options = options.withVmsConsistency(Boolean.parseBoolean(v));
            }
            if (o.containsKey("--outlier-sd")) {
                options = options.withOutlierSd(Double.parseDouble(o.get("--outlier-sd")));
            }
        } catch (NumberFormatException e) {
            throw new UsageException("not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            if (e instanceof UsageException u) {
                throw u;
            }
            throw new UsageException(e.getMessage());
        }
        return options;
    }

    private static double fraction(Map<String, String> o, String key) {
        double v;
        try {
            v = Double.parseDouble(o.get(key));
        } catch (NumberFormatException e) {
            throw new UsageException(key + " takes a number between 0 and 1, got '" + o.get(key) + "'");
        }
        if (!(v >= 0 && v <= 1)) {
            throw new UsageException(key + " must be between 0 and 1, got " + o.get(key));
        }
        return v;
    }

    private static int integer(Map<String, String> o, String key) {
        try {
            return Integer.parseInt(o.get(key));
        } catch (NumberFormatException e) {
            throw new UsageException(key + " takes an integer, got '" + o.get(key) + "'");
        }
    }

    /** Bad command line. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
