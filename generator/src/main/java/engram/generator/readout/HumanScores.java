package engram.generator.readout;

import engram.analysis.Analysis;
import engram.analysis.AnalysisResult;
import engram.analysis.consistency.Consistency;
import engram.core.csv.CsvReader;
import engram.analysis.io.StudyReader;
import engram.analysis.scores.ImageScore;
import engram.generator.StimulusException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-image human memorability (hit rate, or VMS true intensity) and its split-half ceiling (Spearman–Brown
 * corrected, as engram's analysis reports it), from an analysis output folder or from an export.
 *
 * @param measure  {@code hit_rate} or {@code vms_true_intensity}
 * @param values   image_id → value (NaN where the image has no data)
 * @param ceiling  the measure's split-half Spearman–Brown reliability (NaN when not available)
 * @param source   where the values came from (for reports)
 */
public record HumanScores(String measure, Map<String, Double> values, double ceiling, String source) {

    /** The measures a readout can be fitted to. */
    public static final java.util.List<String> MEASURES = java.util.List.of("hit_rate", "vms_true_intensity");

    static String consistencyName(String measure) {
        return measure.equals("vms_true_intensity") ? "vms_true" : measure;
    }

    static void checkMeasure(String measure) {
        if (!MEASURES.contains(measure)) {
            throw new IllegalArgumentException("`measure` must be hit_rate or vms_true_intensity, not '" + measure + "'");
        }
    }

    /** Reads {@code images.csv} (image_id, measure) and {@code consistency.csv} (the ceiling) of {@code engram analyse}. */
    public static HumanScores fromAnalysis(Path dir, String measure) throws IOException {
        checkMeasure(measure);
        Path images = dir.resolve("images.csv");
        Map<String, Double> values = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(images, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r, images.toString())) {
            int id = csv.require("image_id");
            int col = csv.require(measure);
            while (csv.next()) {
                values.put(csv.string(id).trim(), csv.isBlank(col) ? Double.NaN : csv.parseDouble(col));
            }
        } catch (NoSuchFileException e) {
            throw new StimulusException("analysis output " + dir + ": no images.csv (run ./engram analyse first)");
        }
        double ceiling = Double.NaN;
        Path consistency = dir.resolve("consistency.csv");
        if (Files.isRegularFile(consistency)) {
            try (Reader r = Files.newBufferedReader(consistency, StandardCharsets.UTF_8);
                 CsvReader csv = new CsvReader(r, consistency.toString())) {
                int m = csv.require("measure");
                int sb = csv.require("spearman_brown");
                while (csv.next()) {
                    if (csv.string(m).trim().equals(consistencyName(measure)) && !csv.isBlank(sb)) {
                        ceiling = csv.parseDouble(sb);
                    }
                }
            }
        }
        return new HumanScores(measure, values, ceiling, images.toString());
    }

    /** Runs engram's analysis (default options, the given seed) on an export zip. */
    public static HumanScores fromExport(Path zip, String measure, long seed) throws IOException {
        checkMeasure(measure);
        AnalysisResult result = Analysis.of(StudyReader.withProgress(s -> { }).readExport(zip))
            .with(engram.analysis.AnalysisOptions.defaults().withSeed(seed)).run();
        Map<String, Double> values = new LinkedHashMap<>();
        for (ImageScore s : result.images()) {
            values.put(s.imageId(), measure.equals("hit_rate") ? s.hitRate() : s.vmsTrueIntensity());
        }
        double ceiling = result.consistency().stream().filter(c -> c.measure().equals(consistencyName(measure)))
            .mapToDouble(Consistency::spearmanBrown).findFirst().orElse(Double.NaN);
        return new HumanScores(measure, values, ceiling, zip.toString());
    }
}
