package engram.analysis;

import engram.analysis.consistency.Consistency;
import engram.analysis.consistency.SplitHalf;
import engram.core.format.Manifest;
import engram.analysis.io.Responses;
import engram.analysis.io.RunRecord;
import engram.analysis.io.Study;
import engram.analysis.recognition.Recognition;
import engram.analysis.recognition.RecognitionResult;
import engram.analysis.scores.ImageScore;
import engram.analysis.scores.ParticipantScore;
import engram.analysis.scores.Scoring;
import engram.analysis.stats.CohensD;
import engram.analysis.stats.Correlation;
import engram.analysis.stats.Descriptive;
import engram.analysis.stats.KruskalWallisTest;
import engram.analysis.stats.MannWhitneyUTest;
import engram.analysis.stats.OneWayAnova;
import engram.analysis.stats.PairedTTest;
import engram.analysis.stats.TestResult;
import engram.analysis.stats.WilcoxonSignedRankTest;
import engram.analysis.vms.VmsMaps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The model study's analysis of one export: participant and image scores, VMS maps, split-half consistency and
 * the tests between conditions. Entry point for the webapp and the CLI:
 * {@code Analysis.of(study).with(options).withProgress(System.err::println).run()}.
 */
public final class Analysis {
    /** The measures compared between conditions and pairs. */
    public static final List<String> MEASURES = List.of("hit_rate", "false_alarm_rate", "dprime", "vms_true_intensity");

    private final Study study;
    private final AnalysisOptions options;
    private final Consumer<String> progress;
    private final LongConsumer splitsDone;

    private Analysis(Study study, AnalysisOptions options, Consumer<String> progress, LongConsumer splitsDone) {
        this.study = study;
        this.options = options;
        this.progress = progress;
        this.splitsDone = splitsDone;
    }

    /** @return an analysis of the study with default options and no progress output */
    public static Analysis of(Study study) {
        return new Analysis(study, AnalysisOptions.defaults(), s -> { }, null);
    }

    /** @return a copy with these options */
    public Analysis with(AnalysisOptions o) {
        return new Analysis(study, o, progress, splitsDone);
    }

    /** @return a copy reporting progress lines to the consumer */
    public Analysis withProgress(Consumer<String> p) {
        return new Analysis(study, options, p, splitsDone);
    }

    /**
     * @return a copy that tells {@code counter} the number of split-halves done after each one (of
     *     {@link AnalysisOptions#splits()}), instead of a progress line every 10%
     */
    public Analysis withSplitProgress(LongConsumer counter) {
        return new Analysis(study, options, progress, counter);
    }

    /** Runs every step. */
    public AnalysisResult run() {
        Manifest m = study.manifest();
        Responses r = study.responses();
        ParticipantScore[] participants = Scoring.participants(r, options.minVigilanceHitRate(), options.maxFalseAlarmRate());
        boolean[] included = new boolean[participants.length];
        int includedCount = 0;
        for (int p = 0; p < participants.length; p++) {
            included[p] = !participants[p].excluded();
            includedCount += included[p] ? 1 : 0;
        }
        progress.accept("participants: " + participants.length + ", excluded: " + (participants.length - includedCount));
        Scoring.ImageCounts counts = Scoring.imageCounts(r, m.size(), included);
        VmsMaps vms = VmsMaps.compute(r, study.boxes(), counts, included, m.size(), options.grid());
        progress.accept("image scores and VMS maps done");
        ImageScore[] images = Scoring.images(m, counts, vms.trueIntensity(), vms.falseIntensity());
        List<GroupSummary> conditions = summaries(images, ImageScore::condition, true);
        List<GroupSummary> categories = summaries(images, ImageScore::category, false);
        List<TestRow> tests = tests(images);
        progress.accept("tests done; split-halves: " + options.splits());
        SplitHalf.Result split = SplitHalf.of(r, included, m.size(), options.vmsConsistency() ? vms.hitCoverage() : null, options.grid())
            .run(options.splits(), options.seed(), options.threads(), progress, splitsDone);
        List<Consistency> consistency = List.of(split.hitRate(), split.vmsTrue());
        java.util.Set<String> excludedIds = new java.util.HashSet<>();
        for (ParticipantScore s : participants) {
            if (s.excluded()) {
                excludedIds.add(s.participantId());
            }
        }
        RecognitionResult recognition = Recognition.of(r.testTrials(), m, excludedIds, options.pairConditions(),
            options.grid());
        if (!recognition.isEmpty()) {
            progress.accept("study and test phases: " + recognition.phases().size() + " phases, "
                + recognition.participants().stream().map(s -> s.participantId()).distinct().count() + " participants scored");
        }
        return new AnalysisResult(study, options, List.of(participants), List.of(images), conditions, categories,
            tests, consistency, vms, split.firstSplitHalfA(), split.firstSplitHalfB(), exclusions(participants), recognition);
    }

    /** Every exclusion: first the runs left out before scoring (did not complete), then the attention rule's, by participant. */
    private List<Exclusion> exclusions(ParticipantScore[] participants) {
        int expected = study.settings() == null ? 0 : study.settings().sequenceLength();
        double minVig = options.minVigilanceHitRate();
        double maxFar = options.maxFalseAlarmRate();
        List<Exclusion> out = new ArrayList<>();
        for (RunRecord run : study.leftOut()) {
            out.add(new Exclusion(run.participantId(), run.runId(), Exclusion.NOT_COMPLETED, run.state(), run.trialsSaved(), expected,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        Map<String, List<RunRecord>> analysedRuns = new LinkedHashMap<>();
        java.util.Set<RunRecord> leftOut = new java.util.HashSet<>(study.leftOut());
        for (RunRecord run : study.runs()) {
            if (!leftOut.contains(run)) {
                analysedRuns.computeIfAbsent(run.participantId(), k -> new ArrayList<>()).add(run);
            }
        }
        Responses r = study.responses();
        for (int p = 0; p < participants.length; p++) {
            ParticipantScore s = participants[p];
            List<RunRecord> runs = analysedRuns.getOrDefault(s.participantId(), List.of());
            String runId = String.join(";", runs.stream().map(RunRecord::runId).toList());
            String state = String.join(";", runs.stream().map(RunRecord::state).toList());
            int trials = r.offset(p + 1) - r.offset(p);
            if (!Double.isNaN(s.vigilanceHitRate()) && s.vigilanceHitRate() < minVig) {
                out.add(new Exclusion(s.participantId(), runId, Exclusion.LOW_VIGILANCE, state, trials, expected,
                    s.vigilanceHitRate(), minVig, s.falseAlarmRate(), maxFar));
            }
            if (!Double.isNaN(s.falseAlarmRate()) && s.falseAlarmRate() >= maxFar) {
                out.add(new Exclusion(s.participantId(), runId, Exclusion.HIGH_FALSE_ALARMS, state, trials, expected,
                    s.vigilanceHitRate(), minVig, s.falseAlarmRate(), maxFar));
            }
        }
        return List.copyOf(out);
    }

    private List<GroupSummary> summaries(ImageScore[] images, java.util.function.Function<ImageScore, String> key,
                                         boolean conditions) {
        Map<String, List<ImageScore>> groups = new LinkedHashMap<>();
        for (ImageScore s : images) {
            groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s);
        }
        List<GroupSummary> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            List<ImageScore> list = e.getValue();
            long h = 0;
            long mi = 0;
            long fa = 0;
            long cr = 0;
            int withRepeats = 0;
            for (ImageScore s : list) {
                h += s.hits();
                mi += s.misses();
                fa += s.falseAlarms();
                cr += s.correctRejections();
                withRepeats += s.hits() + s.misses() > 0 ? 1 : 0;
            }
            double[] pd = new double[0];
            if (conditions) {
                double[] all = Scoring.participantDprimeInCondition(study.responses(), study.manifest(), e.getKey());
                pd = includedFinite(all);
            }
            out.add(new GroupSummary(e.getKey(), list.size(), withRepeats, h, mi, fa, cr,
                mean(list, ImageScore::hitRate), sd(list, ImageScore::hitRate),
                mean(list, ImageScore::falseAlarmRate), sd(list, ImageScore::falseAlarmRate),
                mean(list, ImageScore::correctedRecognition), mean(list, ImageScore::dprime),
                mean(list, ImageScore::vmsTrueIntensity), mean(list, ImageScore::vmsFalseIntensity),
                pd.length, conditions ? Descriptive.mean(pd) : Double.NaN, conditions ? Descriptive.sd(pd) : Double.NaN));
        }
        return out;
    }

    private double[] includedFinite(double[] perParticipant) {
        ParticipantScore[] ps = Scoring.participants(study.responses(), options.minVigilanceHitRate(),
            options.maxFalseAlarmRate());
        double[] out = new double[perParticipant.length];
        int n = 0;
        for (int p = 0; p < perParticipant.length; p++) {
            if (!ps[p].excluded() && Double.isFinite(perParticipant[p])) {
                out[n++] = perParticipant[p];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double[] values(List<ImageScore> list, ToDoubleFunction<ImageScore> f) {
        return list.stream().mapToDouble(f).filter(Double::isFinite).toArray();
    }

    private static double mean(List<ImageScore> list, ToDoubleFunction<ImageScore> f) {
        return Descriptive.mean(values(list, f));
    }

    private static double sd(List<ImageScore> list, ToDoubleFunction<ImageScore> f) {
        return Descriptive.sd(values(list, f));
    }

    /** The measure of an image by name. */
    static double measure(ImageScore s, String measure) {
        switch (measure) {
            case "hit_rate": return s.hitRate();
            case "false_alarm_rate": return s.falseAlarmRate();
            case "dprime": return s.dprime();
            case "vms_true_intensity": return s.vmsTrueIntensity();
            case "predicted_memorability": return s.predicted();
            default: throw new IllegalArgumentException("unknown measure " + measure);
        }
    }

    private List<TestRow> tests(ImageScore[] images) {
        String first = options.pairConditions().get(0);
        String second = options.pairConditions().get(1);
        List<int[]> pairs = pairs(images, first, second);
        List<TestRow> rows = new ArrayList<>();
        List<String> pairedMeasures = new ArrayList<>(MEASURES);
        pairedMeasures.add("predicted_memorability");
        String pairedGroups = first + "-" + second;
        for (String measure : pairedMeasures) {
            List<double[]> xy = new ArrayList<>();
            for (int[] p : pairs) {
                double a = measure(images[p[0]], measure);
                double b = measure(images[p[1]], measure);
                if (Double.isFinite(a) && Double.isFinite(b)) {
                    xy.add(new double[] {a, b});
                }
            }
            if (xy.isEmpty() && measure.equals("predicted_memorability")) {
                continue;
            }
            double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
            double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
            rows.add(new TestRow(measure, pairedGroups, PairedTTest.test(x, y)));
            rows.add(new TestRow(measure, pairedGroups, WilcoxonSignedRankTest.test(x, y)));
        }
        List<String> conditionNames = new ArrayList<>();
        for (ImageScore s : images) {
            if (!conditionNames.contains(s.condition())) {
                conditionNames.add(s.condition());
            }
        }
        for (String measure : MEASURES) {
            betweenConditions(images, measure, first, second, conditionNames, Double.NaN, rows);
            if (options.outlierSd() > 0) {
                betweenConditions(images, measure, first, second, conditionNames, options.outlierSd(), rows);
            }
        }
        List<double[]> pv = new ArrayList<>();
        for (ImageScore s : images) {
            if (Double.isFinite(s.predicted()) && Double.isFinite(s.hitRate())) {
                pv.add(new double[] {s.predicted(), s.hitRate()});
            }
        }
        if (!pv.isEmpty()) {
            rows.add(new TestRow("predicted_memorability~hit_rate", "images",
                Correlation.spearmanTest(pv.stream().mapToDouble(v -> v[0]).toArray(),
                    pv.stream().mapToDouble(v -> v[1]).toArray())));
        }
        return rows;
    }

    private static void betweenConditions(ImageScore[] images, String measure, String first, String second,
                                          List<String> conditionNames, double trimSd, List<TestRow> rows) {
        String suffix = Double.isNaN(trimSd) ? "" : String.format(Locale.ROOT, " (outliers beyond %.4g SD removed)", trimSd);
        List<String> names = new ArrayList<>();
        List<double[]> groups = new ArrayList<>();
        for (String c : conditionNames) {
            double[] v = Arrays.stream(images).filter(s -> s.condition().equals(c)).mapToDouble(s -> measure(s, measure))
                .filter(Double::isFinite).toArray();
            if (!Double.isNaN(trimSd)) {
                v = trim(v, trimSd);
            }
            if (v.length > 0) {
                names.add(c);
                groups.add(v);
            }
        }
        int a = names.indexOf(first);
        int b = names.indexOf(second);
        if (a >= 0 && b >= 0) {
            TestResult u = MannWhitneyUTest.test(groups.get(a), groups.get(b));
            rows.add(new TestRow(measure, first + " vs " + second + suffix, u));
        }
        if (groups.size() >= 2) {
            String all = String.join("|", names) + suffix;
            rows.add(new TestRow(measure, all, KruskalWallisTest.test(groups.toArray(double[][]::new))));
            rows.add(new TestRow(measure, all, OneWayAnova.test(groups.toArray(double[][]::new))));
        }
    }

    /** Drops values further than k SD (n − 1) from the mean; groups of fewer than 3 are kept. */
    static double[] trim(double[] v, double k) {
        if (v.length < 3) {
            return v;
        }
        double mean = Descriptive.mean(v);
        double sd = Descriptive.sd(v);
        return Arrays.stream(v).filter(x -> Math.abs(x - mean) <= k * sd).toArray();
    }

    /** Pairs (first-condition image, second-condition image) by pair_id, in order of the first member in the manifest. */
    static List<int[]> pairs(ImageScore[] images, String first, String second) {
        Map<String, int[]> byPair = new LinkedHashMap<>();
        for (int i = 0; i < images.length; i++) {
            String pid = images[i].pairId();
            if (pid == null || pid.isEmpty()) {
                continue;
            }
            int[] p = byPair.computeIfAbsent(pid, k -> new int[] {-1, -1});
            if (images[i].condition().equals(first) && p[0] < 0) {
                p[0] = i;
            } else if (images[i].condition().equals(second) && p[1] < 0) {
                p[1] = i;
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int[] p : byPair.values()) {
            if (p[0] >= 0 && p[1] >= 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** @return Cohen's d (pooled) between the two pair conditions' image values of a measure, NaN when undefined */
    public static double cohensD(List<ImageScore> images, String measure, String first, String second) {
        double[] a = images.stream().filter(s -> s.condition().equals(first)).mapToDouble(s -> measure(s, measure))
            .filter(Double::isFinite).toArray();
        double[] b = images.stream().filter(s -> s.condition().equals(second)).mapToDouble(s -> measure(s, measure))
            .filter(Double::isFinite).toArray();
        return CohensD.pooled(a, b);
    }
}
