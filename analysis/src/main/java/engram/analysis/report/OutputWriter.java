package engram.analysis.report;

import engram.core.csv.CsvWriter;

import engram.analysis.AnalysisResult;
import engram.analysis.Exclusion;
import engram.analysis.GroupSummary;
import engram.analysis.TestRow;
import engram.analysis.consistency.Consistency;
import engram.core.format.Manifest;
import engram.analysis.scores.ImageScore;
import engram.analysis.scores.ParticipantScore;
import engram.analysis.stats.TestResult;
import engram.analysis.vms.VmsMaps;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes an analysis into a folder: images.csv, participants.csv, exclusions.csv, conditions.csv, categories.csv,
 * tests.csv, headline.csv, consistency.csv, vms/maps.csv, vms/*.png and report.html. Nothing is written outside the folder, and the same
 * result always gives the same bytes.
 */
public final class OutputWriter {
    private OutputWriter() {
    }

    /**
     * Writes into {@code out} atomically: everything goes to a temporary sibling folder that is renamed to
     * {@code out} at the end (an existing {@code out} is replaced); on failure the temporary folder is removed.
     */
    public static void writeAtomically(AnalysisResult result, Path out, Consumer<String> progress) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            write(result, tmp, progress);
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old);
                Files.move(tmp, target);
                deleteTree(old);
            } else {
                Files.move(tmp, target);
            }
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** Deletes a folder and its content, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes every output file into an existing folder. */
    public static void write(AnalysisResult result, Path dir, Consumer<String> progress) throws IOException {
        writeImages(result, dir.resolve("images.csv"));
        writeParticipants(result, dir.resolve("participants.csv"));
        writeExclusions(result, dir.resolve("exclusions.csv"));
        writeGroups(result.conditions(), "condition", true, dir.resolve("conditions.csv"));
        writeGroups(result.categories(), "category", false, dir.resolve("categories.csv"));
        writeTests(result.tests(), dir.resolve("tests.csv"));
        writeHeadline(Headline.of(result), dir.resolve("headline.csv"));
        writeConsistency(result.consistency(), dir.resolve("consistency.csv"));
        Path vms = Files.createDirectories(dir.resolve("vms"));
        writeMaps(result, vms.resolve("maps.csv"));
        RecognitionWriter.write(result.recognition(), dir);
        progress.accept("csv files written");
        List<String> missing = writeHeatmaps(result, vms);
        progress.accept("heatmaps written");
        if (!missing.isEmpty()) {
            progress.accept("images not available (drawn on grey): " + missing.size());
        }
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(result, missing), StandardCharsets.UTF_8);
    }

    private static BufferedWriter open(Path p) throws IOException {
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
    }

    private static void line(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(CsvWriter.neutraliseAndQuote(fields[i]));
        }
        w.write('\n');
    }

    static void writeImages(AnalysisResult r, Path p) throws IOException {
        Manifest m = r.study().manifest();
        try (BufferedWriter w = open(p)) {
            List<String> header = new ArrayList<>(List.of("image_id", "condition", "pair_id", "category", "hits", "misses",
                "hit_rate", "false_alarms", "correct_rejections", "false_alarm_rate", "corrected_recognition", "dprime",
                "vms_true_intensity", "vms_false_intensity", "predicted_memorability"));
            List<String> extraColumns = m.extraColumns();
            header.addAll(extraColumns);
            line(w, header.toArray(String[]::new));
            for (int i = 0; i < r.images().size(); i++) {
                ImageScore s = r.images().get(i);
                List<String> f = new ArrayList<>(List.of(s.imageId(), s.condition(), s.pairId(), s.category(),
                    Integer.toString(s.hits()), Integer.toString(s.misses()), Fmt.num(s.hitRate()),
                    Integer.toString(s.falseAlarms()), Integer.toString(s.correctRejections()), Fmt.num(s.falseAlarmRate()),
                    Fmt.num(s.correctedRecognition()), Fmt.num(s.dprime()), Fmt.num(s.vmsTrueIntensity()),
                    Fmt.num(s.vmsFalseIntensity()), Fmt.num(s.predicted())));
                for (String column : extraColumns) {
                    f.add(m.row(i).extra().getOrDefault(column, ""));
                }
                line(w, f.toArray(String[]::new));
            }
        }
    }

    static void writeParticipants(AnalysisResult r, Path p) throws IOException {
        try (BufferedWriter w = open(p)) {
            line(w, "participant_id", "sequence_id", "hits", "misses", "false_alarms", "correct_rejections", "hit_rate",
                "false_alarm_rate", "dprime", "criterion", "vigilance_hit_rate", "excluded", "exclusion_reason");
            for (ParticipantScore s : r.participants()) {
                line(w, s.participantId(), s.sequenceId(), Integer.toString(s.hits()), Integer.toString(s.misses()),
                    Integer.toString(s.falseAlarms()), Integer.toString(s.correctRejections()), Fmt.num(s.hitRate()),
                    Fmt.num(s.falseAlarmRate()), Fmt.num(s.dprime()), Fmt.num(s.criterion()),
                    Fmt.num(s.vigilanceHitRate()), s.excluded() ? "true" : "false", s.exclusionReason());
            }
        }
    }

    /** The columns of exclusions.csv (docs/analysis.md). */
    public static final List<String> EXCLUSION_COLUMNS = List.of("participant_id", "run_id", "reason", "state", "trials",
        "trials_expected", "vigilance_hit_rate", "min_vigilance_hit_rate", "false_alarm_rate", "max_false_alarm_rate");

    static void writeExclusions(AnalysisResult r, Path p) throws IOException {
        try (BufferedWriter w = open(p)) {
            line(w, EXCLUSION_COLUMNS.toArray(String[]::new));
            for (Exclusion e : r.exclusions()) {
                line(w, e.participantId(), e.runId(), e.reason(), e.state(), Integer.toString(e.trials()),
                    e.trialsExpected() > 0 ? Integer.toString(e.trialsExpected()) : "", blankIfNaN(e.vigilanceHitRate()),
                    blankIfNaN(e.minVigilanceHitRate()), blankIfNaN(e.falseAlarmRate()), blankIfNaN(e.maxFalseAlarmRate()));
            }
        }
    }

    private static String blankIfNaN(double v) {
        return Double.isNaN(v) ? "" : Fmt.num(v);
    }

    static void writeGroups(List<GroupSummary> groups, String name, boolean participants, Path p) throws IOException {
        try (BufferedWriter w = open(p)) {
            List<String> header = new ArrayList<>(List.of(name, "images", "images_with_repeats", "hits", "misses",
                "false_alarms", "correct_rejections", "mean_hit_rate", "sd_hit_rate", "mean_false_alarm_rate",
                "sd_false_alarm_rate", "mean_corrected_recognition", "mean_dprime", "mean_vms_true_intensity",
                "mean_vms_false_intensity"));
            if (participants) {
                header.addAll(List.of("participants", "mean_participant_dprime", "sd_participant_dprime"));
            }
            line(w, header.toArray(String[]::new));
            for (GroupSummary g : groups) {
                List<String> f = new ArrayList<>(List.of(g.group(), Integer.toString(g.images()),
                    Integer.toString(g.imagesWithRepeats()), Long.toString(g.hits()), Long.toString(g.misses()),
                    Long.toString(g.falseAlarms()), Long.toString(g.correctRejections()), Fmt.num(g.meanHitRate()),
                    Fmt.num(g.sdHitRate()), Fmt.num(g.meanFalseAlarmRate()), Fmt.num(g.sdFalseAlarmRate()),
                    Fmt.num(g.meanCorrectedRecognition()), Fmt.num(g.meanDprime()), Fmt.num(g.meanVmsTrueIntensity()),
                    Fmt.num(g.meanVmsFalseIntensity())));
                if (participants) {
                    f.addAll(List.of(Integer.toString(g.participants()), Fmt.num(g.meanParticipantDprime()),
                        Fmt.num(g.sdParticipantDprime())));
                }
                line(w, f.toArray(String[]::new));
            }
        }
    }

    static void writeTests(List<TestRow> tests, Path p) throws IOException {
        try (BufferedWriter w = open(p)) {
            line(w, "measure", "test", "groups", "statistic", "df", "p_value", "effect_size", "effect_size_kind", "n", "bf10");
            for (TestRow t : tests) {
                TestResult r = t.result();
                line(w, t.measure(), r.test(), t.groups(), Fmt.num(r.statistic()), Fmt.num(r.df()), Fmt.num(r.pValue()),
                    Fmt.num(r.effectSize()), r.effectSizeKind() == null ? "" : r.effectSizeKind(),
                    Integer.toString(r.n()), Fmt.num(r.bf10()));
            }
        }
    }

    /** The report's headline comparisons: condition means and the mean paired difference with its 95% CI. */
    static void writeHeadline(List<Headline.Row> rows, Path p) throws IOException {
        try (BufferedWriter w = open(p)) {
            line(w, "measure", "first", "second", "pairs", "mean_first", "mean_second", "mean_difference", "ci95_low",
                "ci95_high");
            for (Headline.Row r : rows) {
                line(w, r.measure(), r.first(), r.second(), Integer.toString(r.pairs()), Fmt.num(r.meanFirst()),
                    Fmt.num(r.meanSecond()), Fmt.num(r.meanDifference()), Fmt.num(r.ciLow()), Fmt.num(r.ciHigh()));
            }
        }
    }

    static void writeConsistency(List<Consistency> list, Path p) throws IOException {
        try (BufferedWriter w = open(p)) {
            line(w, "measure", "splits", "mean_rho", "sd_rho", "spearman_brown");
            for (Consistency c : list) {
                line(w, c.measure(), Integer.toString(c.splits()), Fmt.num(c.meanRho()), Fmt.num(c.sdRho()),
                    Fmt.num(c.spearmanBrown()));
            }
        }
    }

    static void writeMaps(AnalysisResult r, Path p) throws IOException {
        VmsMaps vms = r.vms();
        int g = vms.grid();
        try (BufferedWriter w = new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16)) {
            line(w, "image_id", "map", "row", "col", "value");
            for (int i = 0; i < r.images().size(); i++) {
                ImageScore s = r.images().get(i);
                String id = CsvWriter.neutraliseAndQuote(s.imageId());
                for (int map = 0; map < 2; map++) {
                    boolean isTrue = map == 0;
                    if (Double.isNaN(isTrue ? s.vmsTrueIntensity() : s.vmsFalseIntensity())) {
                        continue;
                    }
                    for (int row = 0; row < g; row++) {
                        for (int col = 0; col < g; col++) {
                            double v = isTrue ? vms.trueValue(i, row, col) : vms.falseValue(i, row, col);
                            if (v != 0) {
                                w.write(id);
                                w.write(isTrue ? ",true," : ",false,");
                                w.write(Integer.toString(row));
                                w.write(',');
                                w.write(Integer.toString(col));
                                w.write(',');
                                w.write(Fmt.fixed6(v));
                                w.write('\n');
                            }
                        }
                    }
                }
            }
        }
    }

    /** @return the images drawn (in manifest order) up to the limit: those with a non-zero true or false map */
    static List<Integer> heatmapImages(AnalysisResult r) {
        List<Integer> out = new ArrayList<>();
        int limit = r.options().maxHeatmaps();
        for (int i = 0; i < r.images().size() && (limit < 0 || out.size() < limit); i++) {
            ImageScore s = r.images().get(i);
            if (s.vmsTrueIntensity() > 0 || s.vmsFalseIntensity() > 0) {
                out.add(i);
            }
        }
        return out;
    }

    /** @return file name of an image's heatmap: the id with characters outside [A-Za-z0-9._-] replaced by '_' */
    public static String heatmapName(String imageId, boolean trueMap) {
        return imageId.replaceAll("[^A-Za-z0-9._-]", "_") + (trueMap ? "_true.png" : "_false.png");
    }

    private static List<String> writeHeatmaps(AnalysisResult r, Path dir) throws IOException {
        List<String> missing = new ArrayList<>();
        int g = r.vms().grid();
        double sigma = r.options().smoothingSigma();
        for (int i : heatmapImages(r)) {
            ImageScore s = r.images().get(i);
            Optional<BufferedImage> img = r.study().images().load(r.study().manifest().row(i).file());
            if (img.isEmpty()) {
                missing.add(s.imageId());
            }
            if (!Double.isNaN(s.vmsTrueIntensity())) {
                Files.write(dir.resolve(heatmapName(s.imageId(), true)),
                    Heatmaps.png(Heatmaps.smooth(r.vms().trueMap(i), g, sigma), g, img));
            }
            if (!Double.isNaN(s.vmsFalseIntensity())) {
                Files.write(dir.resolve(heatmapName(s.imageId(), false)),
                    Heatmaps.png(Heatmaps.smooth(r.vms().falseMap(i), g, sigma), g, img));
            }
        }
        return missing;
    }
}
