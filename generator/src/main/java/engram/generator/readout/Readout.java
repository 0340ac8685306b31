package engram.generator.readout;

import engram.core.csv.CsvWriter;

import engram.analysis.report.Fmt;
import engram.analysis.representation.CvRidge;
import engram.analysis.stats.Correlation;
import engram.generator.OutputFolder;
import engram.generator.StimulusException;
import engram.generator.features.FeatureExtraction;
import engram.generator.model.ImageModel;
import engram.generator.model.ModelCard;
import engram.generator.model.ModelCards;
import engram.generator.model.ModelRole;
import engram.generator.onnx.ReadoutHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A lab's own memorability readout: one layer of an image model → per-image human memorability (hit rate or VMS
 * intensity) by the cross-validated ridge of {@link CvRidge}. Reported as the held-out Spearman ρ (with a seeded
 * bootstrap CI over images) beside the human split-half ceiling, as the memorability literature does (e.g. Needell
 * &amp; Bainbridge: LaMem 0.67, MemCat 0.78). The final readout is fitted on all images (λ by leave-one-out) and saved
 * as a score-predictor model: the base ONNX with the linear head appended ({@link ReadoutHead}) and a card.
 */
public final class Readout {
    /** Name of the readout's output in the saved model. */
    public static final String OUTPUT = "readout_score";
    private final ImageModel model;
    private final String layer;
    private CvRidge ridge = CvRidge.withDefaults();
    private int bootstrap = 1000;

    private Readout(ImageModel model, String layer) {
        this.model = model;
        this.layer = layer;
        ModelCard card = model.card();
        ModelCard.TensorSpec spec = card.outputs().stream().filter(o -> o.name().equals(layer)).findFirst().orElseThrow(() ->
            new StimulusException("model card " + ModelCards.cardPathFor(model.model().file()) + ": no layer (output) '" + layer
                + "'; the card's outputs are: " + String.join(", ", card.outputs().stream().map(ModelCard.TensorSpec::name).toList())));
        if (List.of("score", "vms_map", "logits").contains(spec.kind()) && !identity(card.outputScaling())) {
            throw new StimulusException("model card " + ModelCards.cardPathFor(model.model().file()) + ": layer '" + layer
                + "' is rescaled by the card's outputScaling, which the saved readout could not reproduce; use a 'features' layer");
        }
    }

    private static boolean identity(ModelCard.OutputScaling s) {
        return s == null || (s.activation() == null || s.activation().equals("none")) && (s.scale() == null || s.scale() == 1)
            && (s.offset() == null || s.offset() == 0);
    }

    public static Readout of(ImageModel model, String layer) {
        return new Readout(model, layer);
    }

    public Readout withRidge(CvRidge value) {
        this.ridge = value;
        return this;
    }

    public Readout withBootstrap(int value) {
        this.bootstrap = value;
        return this;
    }

    /**
     * The fitted readout.
     *
     * @param images      image ids used (those of the set with a finite human value), set order
     * @param human       their human values
     * @param heldOut     cross-validated predictions
     * @param full        predictions of the final readout (fitted on all images)
     * @param rho         held-out Spearman ρ
     * @param rhoCi       its bootstrap percentile 95% CI
     * @param pearson     held-out Pearson r
     * @param skipped     set images without a finite human value
     */
    public record Result(String layer, List<String> images, double[] human, double[] heldOut, double[] full, double rho,
                         double[] rhoCi, double pearson, CvRidge.Linear linear, HumanScores scores, int skipped,
                         Readout readout) {

        /** @return ρ / ceiling (NaN without a ceiling) */
        public double rhoOverCeiling() {
            return rho / scores.ceiling();
        }
    }

    /** Extracts the layer for the set's images, fits and cross-validates. */
    public Result fit(List<FeatureExtraction.Source> set, HumanScores human, engram.generator.ProgressListener progress) {
        Scored scored = Scored.of(set, human);
        if (scored.images().size() < 2 * ridge.folds()) {
            throw new StimulusException(human.source() + ": " + scored.images().size() + " images with a " + human.measure()
                + " are too few for " + ridge.folds() + " folds (need at least " + 2 * ridge.folds() + ")");
        }
        FeatureExtraction.Features f = FeatureExtraction.withModel(model).withLayers(List.of(layer)).withProgress(progress)
            .extract(scored.images());
        double[][] x = toDouble(f.layers().get(layer));
        double[] yv = scored.values();
        double[][] ym = new double[yv.length][1];
        for (int i = 0; i < yv.length; i++) {
            ym[i][0] = yv[i];
        }
        double[][] cv = ridge.fit(x, ym).predictions();
        double[] held = new double[yv.length];
        for (int i = 0; i < held.length; i++) {
            held[i] = cv[i][0];
        }
        CvRidge.Linear linear = ridge.fitAll(x, ym);
        double[] full = new double[yv.length];
        for (int i = 0; i < full.length; i++) {
            full[i] = linear.predict(x[i])[0];
        }
        return new Result(layer, scored.images().stream().map(FeatureExtraction.Source::id).toList(), yv, held, full,
            Correlation.spearman(held, yv), bootstrapRhoCi(held, yv), Correlation.pearson(held, yv), linear, human,
            scored.skipped(), this);
    }

    /** The set's images that have a finite human score, in set order, with those scores; how many had none. */
    private record Scored(List<FeatureExtraction.Source> images, double[] values, int skipped) {
        /** @throws StimulusException when a scored image is not in the set */
        static Scored of(List<FeatureExtraction.Source> set, HumanScores human) {
            Map<String, FeatureExtraction.Source> bySet = new LinkedHashMap<>();
            set.forEach(s -> bySet.put(s.id(), s));
            for (String id : human.values().keySet()) {
                if (!bySet.containsKey(id)) {
                    throw new StimulusException(human.source() + ": image '" + id + "' is not in the stimulus set; give the set"
                        + " the experiment used");
                }
            }
            List<FeatureExtraction.Source> used = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            int skipped = 0;
            for (FeatureExtraction.Source s : set) {
                Double v = human.values().get(s.id());
                if (v == null || !Double.isFinite(v)) {
                    skipped++;
                } else {
                    used.add(s);
                    y.add(v);
                }
            }
            return new Scored(used, y.stream().mapToDouble(Double::doubleValue).toArray(), skipped);
        }
    }

    private static double[][] toDouble(float[][] xf) {
        double[][] x = new double[xf.length][];
        for (int i = 0; i < xf.length; i++) {
            x[i] = new double[xf[i].length];
            for (int j = 0; j < xf[i].length; j++) {
                x[i][j] = xf[i][j];
            }
        }
        return x;
    }

    /** @return the 95% percentile interval of Spearman's ρ over {@code bootstrap} resamples of the images (NaNs for 0) */
    private double[] bootstrapRhoCi(double[] held, double[] yv) {
        double[] boots = new double[bootstrap];
        SplittableRandom rng = new SplittableRandom(ridge.seed());
        for (int b = 0; b < bootstrap; b++) {
            double[] hb = new double[yv.length];
            double[] yb = new double[yv.length];
            for (int i = 0; i < yv.length; i++) {
                int k = rng.nextInt(yv.length);
                hb[i] = held[k];
                yb[i] = yv[k];
            }
            boots[b] = Correlation.spearman(hb, yb);
        }
        return bootstrap == 0 ? new double[] {Double.NaN, Double.NaN} : percentiles(boots);
    }

    private static double[] percentiles(double[] v) {
        double[] s = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (s.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {quantile(s, 0.025), quantile(s, 0.975)};
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Writes readout.onnx + readout.card.json (a score-predictor for generate score / pairs), readout.csv, summary.csv
     * and report.html, staged in a hidden sibling folder and moved into place.
     */
    public static void write(Result r, Path out, boolean overwrite) {
        try (OutputFolder folder = OutputFolder.create(out, overwrite)) {
            Path staging = folder.staging();
            ImageModel model = r.readout().model;
            ModelCard base = model.card();
            float[] w = new float[r.linear().beta().length];
            for (int q = 0; q < w.length; q++) {
                w[q] = (float) r.linear().beta()[q][0];
            }
            if (base.outputs().stream().anyMatch(o -> o.name().equals(OUTPUT))) {
                throw new StimulusException("model " + model.model().file() + ": already has an output named " + OUTPUT);
            }
            byte[] onnx = ReadoutHead.attach(Files.readAllBytes(model.model().file()), r.layer(), w, (float) r.linear().intercept()[0], OUTPUT);
            Files.write(staging.resolve("readout.onnx"), onnx);
            Files.writeString(staging.resolve("readout.card.json"), ModelCards.toJson(card(r, base)) + "\n", StandardCharsets.UTF_8);
            if (base.preprocessing() != null && base.preprocessing().meanImage() != null) {
                Path mean = ModelCards.cardPathFor(model.model().file()).resolveSibling(base.preprocessing().meanImage());
                Files.copy(mean, staging.resolve(base.preprocessing().meanImage()));
            }
            StringBuilder csv = new StringBuilder("image_id," + r.scores().measure() + ",predicted_held_out,predicted_readout\n");
            for (int i = 0; i < r.images().size(); i++) {
                csv.append(CsvWriter.neutraliseAndQuote(r.images().get(i))).append(',').append(Fmt.num(r.human()[i])).append(',')
                    .append(Fmt.num(r.heldOut()[i])).append(',').append(Fmt.num(r.full()[i])).append('\n');
            }
            Files.writeString(staging.resolve("readout.csv"), csv, StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("summary.csv"), summaryCsv(r), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("report.html"), html(r), StandardCharsets.UTF_8);
            folder.commit();
        } catch (IOException e) {
            throw new StimulusException("output " + out + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Columns of summary.csv. */
    public static final List<String> SUMMARY_COLUMNS = List.of("model", "layer", "measure", "n_images", "skipped_images", "folds",
        "spearman_rho", "rho_ci_low", "rho_ci_high", "pearson_r", "split_half_ceiling", "rho_over_ceiling", "lambda");

    static String summaryCsv(Result r) {
        ModelCard base = r.readout().model.card();
        return String.join(",", SUMMARY_COLUMNS) + "\n" + String.join(",", CsvWriter.neutraliseAndQuote(base.name()), CsvWriter.neutraliseAndQuote(r.layer()),
            r.scores().measure(), Integer.toString(r.images().size()), Integer.toString(r.skipped()),
            Integer.toString(r.readout().ridge.folds()), Fmt.num(r.rho()), Fmt.num(r.rhoCi()[0]), Fmt.num(r.rhoCi()[1]),
            Fmt.num(r.pearson()), Fmt.num(r.scores().ceiling()), Fmt.num(r.rhoOverCeiling()), Fmt.num(r.linear().lambda()[0])) + "\n";
    }

    private static ModelCard card(Result r, ModelCard base) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("readout.base", base.name());
        extra.put("readout.baseSha256", engram.generator.model.OnnxModel.sha256(r.readout().model.model().file()));
        extra.put("readout.layer", r.layer());
        extra.put("readout.measure", r.scores().measure());
        extra.put("readout.images", Integer.toString(r.images().size()));
        extra.put("readout.heldOutSpearmanRho", Fmt.num(r.rho()));
        extra.put("readout.splitHalfCeiling", Fmt.num(r.scores().ceiling()));
        extra.put("readout.source", r.scores().source());
        String description = String.format(Locale.ROOT, "Memorability readout: ridge regression from layer '%s' of %s to human %s "
                + "(%d images; held-out Spearman rho %.3f, split-half ceiling %s). Made by engram readout.", r.layer(), base.name(),
            r.scores().measure(), r.images().size(), r.rho(), Double.isNaN(r.scores().ceiling()) ? "n/a"
                : String.format(Locale.ROOT, "%.3f", r.scores().ceiling()));
        return new ModelCard(base.name() + " readout (" + r.layer() + ")", ModelRole.SCORE_PREDICTOR, description, base.demo(),
            base.inputs(), List.of(new ModelCard.TensorSpec(OUTPUT, "score", List.of(-1L, 1L))), null, null, null,
            base.preprocessing(), null, null, null, base.batchSize(), extra);
    }

    private static String html(Result r) {
        StringBuilder h = new StringBuilder(engram.analysis.representation.ReportFiles.pageStart("engram readout"));
        h.append(String.format(Locale.ROOT, "<p>Layer <b>%s</b> of %s → human %s, %d images (%d without data skipped), ridge"
                + " with %d folds.</p>%n<p style=\"font-size:18px\">Held-out Spearman ρ = <b>%.3f</b> [%.3f, %.3f]; human split-half"
                + " ceiling (Spearman–Brown) = <b>%s</b>; ρ / ceiling = %s.</p>%n",
            Fmt.html(r.layer()), Fmt.html(r.readout().model.card().name()), r.scores().measure(), r.images().size(), r.skipped(),
            r.readout().ridge.folds(), r.rho(), r.rhoCi()[0], r.rhoCi()[1], f3(r.scores().ceiling()), f3(r.rhoOverCeiling())));
        h.append(engram.analysis.representation.ReportFiles.scatter("Each image: cross-validated prediction vs human "
            + r.scores().measure(), "held-out prediction", "human " + r.scores().measure(), r.heldOut(), r.human(), null));
        h.append("<p>The saved model (readout.onnx + readout.card.json) is a score-predictor: <code>./engram generate score "
            + "--predictor readout.onnx --images DIR --out DIR</code>, or <code>--predictor readout.onnx</code> in generate pairs.</p>\n");
        return h.append("</body></html>\n").toString();
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
