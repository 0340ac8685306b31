package engram.analysis.cli;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.report.OutputWriter;
import engram.cli.Cli;
import engram.cli.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Thin command line for {@code ./engram analyse}: maps the flags to {@link AnalysisOptions}, runs {@link Analysis}, writes the outputs. */
@Command(name = "engram analyse", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
    description = {"Scores, tests, VMS maps and an HTML report from an engram export (or its three CSV files).",
        "Writes images.csv, participants.csv, conditions.csv, categories.csv, tests.csv, consistency.csv, vms/ and",
        "report.html into the output folder, all or nothing. See docs/analysis.md.",
        "With --export, runs that did not complete are left out unless --include-incomplete is given, and the",
        "experiment's attention rule (experiment.json) applies unless --min-vigilance/--max-far override it."})
public final class AnalyseMain implements Callable<Integer> {
    /** The export, or its three files given one by one. */
    static final class Input {
        @Option(names = "--export", required = true, paramLabel = "export.zip", description = "an engram export")
        Path export;
        @ArgGroup(exclusive = false, multiplicity = "1")
        Files files;
    }

    /** responses.csv, boxes.csv and manifest.csv, given together. */
    static final class Files {
        @Option(names = "--responses", required = true, paramLabel = "R", description = "responses.csv")
        Path responses;
        @Option(names = "--boxes", required = true, paramLabel = "B", description = "boxes.csv")
        Path boxes;
        @Option(names = "--manifest", required = true, paramLabel = "M", description = "manifest.csv")
        Path manifest;
    }

    @Spec
    CommandSpec spec;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;
    @Option(names = "--include-incomplete", description = "with --export: analyse runs that did not complete too")
    boolean includeIncomplete;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;
    @Option(names = "--splits", paramLabel = "S", description = "random split-halves for the consistency (default 1000)")
    Integer splits;
    @Option(names = "--seed", paramLabel = "N", description = "seed of the split-halves (default 1)")
    Long seed;
    @Option(names = "--pairs", paramLabel = "high,low", description = "the two conditions of a pair (default high,low)")
    String pairs;
    @Option(names = "--grid", paramLabel = "G", description = "VMS map grid cells per side (default 10)")
    Integer grid;
    @Option(names = "--smooth", paramLabel = "SIGMA", description = "Gaussian smoothing of the VMS maps, in cells (default 0: none)")
    Double smooth;
    @Option(names = "--max-heatmaps", paramLabel = "K", description = "VMS map images to draw, 0 for none (default all)")
    Integer maxHeatmaps;
    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: the processors)")
    Integer threads;
    @Option(names = "--min-vigilance", paramLabel = "0.60", description = "exclude participants below this vigilance hit rate (default 0.60)")
    Double minVigilance;
    @Option(names = "--max-far", paramLabel = "0.40", description = "exclude participants at or above this false-alarm rate (default 0.40)")
    Double maxFar;
    @Option(names = "--outlier-sd", paramLabel = "2", description = "outlier rule in SDs from the mean (default 2)")
    Double outlierSd;
    @Option(names = "--vms-consistency", arity = "1", paramLabel = "true|false", description = "split-half consistency of the VMS maps (default true)")
    Boolean vmsConsistency;

    AnalyseMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit code: 0 ok, 2 usage error, 1 failed run (bad input included) */
    public static int run(String... args) {
        return Cli.execute(new AnalyseMain(), args);
    }

    /** Runs with stderr going to {@code err} (in-process callers and tests). */
    public static int run(String[] args, PrintStream err) {
        return Cli.execute(new AnalyseMain(), new PrintWriter(System.out, true), new PrintWriter(err, true), args);
    }

    @Override
    public Integer call() throws IOException {
        AnalysisOptions options = options();
        PrintWriter err = spec.commandLine().getErr();
        Progress bar = Progress.onTerminal();
        Consumer<String> progress = line -> {
            bar.close();
            err.println("[analyse] " + Cli.flags(line, spec));
            err.flush();
        };
        StudyReader reader = StudyReader.withProgress(progress);
        Study study;
        if (input.export != null) {
            study = reader.readExport(existing(input.export), includeIncomplete);
            options = withStudyRule(options, study, progress);
        } else {
            study = reader.readFiles(existing(input.files.responses), existing(input.files.boxes), existing(input.files.manifest));
        }
        int splitCount = options.splits();
        AnalysisResult result = Analysis.of(study).with(options).withProgress(progress)
            .withSplitProgress(d -> bar.update("split-halves", d, splitCount)).run();
        OutputWriter.writeAtomically(result, out, progress);
        progress.accept("done: " + out.toAbsolutePath().normalize());
        return 0;
    }

    /** The experiment's attention rule from experiment.json, for each threshold not given as a flag. */
    AnalysisOptions withStudyRule(AnalysisOptions options, Study study, Consumer<String> progress) {
        if (study.settings() == null) {
            return options;
        }
        double minVig = minVigilance != null ? options.minVigilanceHitRate() : study.settings().minVigilanceHitRate();
        double far = maxFar != null ? options.maxFalseAlarmRate() : study.settings().maxFalseAlarmRate();
        progress.accept("attention rule: vigilance hit rate >= " + minVig + (minVigilance != null ? " (--min-vigilance)" : " (experiment.json)")
            + ", false-alarm rate < " + far + (maxFar != null ? " (--max-far)" : " (experiment.json)"));
        return options.withExclusion(minVig, far);
    }

    private static Path existing(Path file) throws java.nio.file.NoSuchFileException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        return file;
    }

    private double fraction(String flag, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw Cli.usage(spec, flag + " must be between 0 and 1, got " + value);
        }
        return value;
    }

    /** The analysis options these flags give; a value the options reject is a usage error naming its flag. */
    AnalysisOptions options() {
        AnalysisOptions o = AnalysisOptions.defaults();
        if (splits != null) {
            AnalysisOptions base = o;
            o = Cli.flag(spec, "--splits", () -> base.withSplits(splits));
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        if (grid != null) {
            AnalysisOptions base = o;
            o = Cli.flag(spec, "--grid", () -> base.withGrid(grid));
        }
        if (pairs != null) {
            String[] p = pairs.split(",", -1);
            if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                throw Cli.usage(spec, "--pairs takes two conditions, e.g. high,low");
            }
            AnalysisOptions base = o;
            o = Cli.flag(spec, "--pairs", () -> base.withPairConditions(p[0].trim(), p[1].trim()));
        }
        if (smooth != null) {
            AnalysisOptions base = o;
            o = Cli.flag(spec, "--smooth", () -> base.withSmoothing(smooth));
        }
        if (maxHeatmaps != null) {
            AnalysisOptions base = o;
            o = Cli.flag(spec, "--max-heatmaps", () -> base.withMaxHeatmaps(maxHeatmaps));
        }
        if (threads != null) {
            AnalysisOptions base = o;
            o = Cli.flag(spec, "--threads", () -> base.withThreads(threads));
        }
        if (input != null && input.files != null && includeIncomplete) {
            throw Cli.usage(spec, "--include-incomplete goes with --export (three files given by hand are analysed as they are)");
        }
        double minVig = minVigilance != null ? fraction("--min-vigilance", minVigilance) : o.minVigilanceHitRate();
        double far = maxFar != null ? fraction("--max-far", maxFar) : o.maxFalseAlarmRate();
        AnalysisOptions beforeExclusion = o;
        o = Cli.flag(spec, "--min-vigilance/--max-far", () -> beforeExclusion.withExclusion(minVig, far));
        if (vmsConsistency != null) {
            o = o.withVmsConsistency(vmsConsistency);
        }
        if (outlierSd != null) {
            AnalysisOptions base = o;
            o = Cli.flag(spec, "--outlier-sd", () -> base.withOutlierSd(outlierSd));
        }
        return o;
    }
}
