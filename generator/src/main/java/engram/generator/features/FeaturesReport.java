package engram.generator.features;

import engram.analysis.report.Fmt;
import engram.analysis.representation.Pca;
import engram.analysis.representation.ReportFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code engram features} writes beside the arrays: {@code layer_stats.csv} (per layer: its values' mean, SD,
 * range, share of zeros, constant and non-finite counts, and the variance share of its first two principal
 * components), {@code projection.csv} (each image on each layer's first two principal components, with its condition)
 * and {@code report.html} (the table, one plot per layer of the images in PC1 × PC2 coloured by condition, and the
 * timing), in the style of the analysis report.
 */
public final class FeaturesReport {
    /** Columns of layer_stats.csv. */
    public static final List<String> STATS_COLUMNS = List.of("layer", "output", "features", "mean", "sd", "min", "max",
        "zero_fraction", "constant_features", "non_finite", "pc1_variance", "pc2_variance");
    /** Columns of projection.csv. */
    public static final List<String> PROJECTION_COLUMNS = List.of("layer", "image", "condition", "pc1", "pc2");
    /** At most this many points are drawn per plot (every k-th image beyond it; projection.csv keeps all). */
    static final int MAX_POINTS = 5000;

    private FeaturesReport() {
    }

    /**
     * What the run was, for the page.
     *
     * @param model   the card's name
     * @param source  the stimulus set or image folder
     * @param device  cpu or gpu
     * @param seconds wall time of reading, preprocessing and inference
     */
    public record Run(String model, String source, String device, double seconds) {
    }

    /** One layer's summary. */
    record LayerStats(String layer, String output, int features, double mean, double sd, double min, double max,
                      double zeroFraction, int constantFeatures, long nonFinite, Pca pca) {
    }

    /**
     * @param f       the extracted features
     * @param sources the images, in the features' row order (for their conditions)
     * @return file name → content: layer_stats.csv, projection.csv, report.html
     */
    public static Map<String, String> render(FeatureExtraction.Features f, List<FeatureExtraction.Source> sources, Run run) {
        boolean single = f.layers().size() == 1;
        List<LayerStats> stats = new ArrayList<>();
        for (Map.Entry<String, float[][]> e : f.layers().entrySet()) {
            stats.add(stats(single ? "features" : e.getKey(), e.getKey(), e.getValue()));
        }
        List<String> conditions = sources.stream().map(FeatureExtraction.Source::condition).toList();
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder(String.join(",", STATS_COLUMNS)).append('\n');
        for (LayerStats s : stats) {
            csv.append(ReportFiles.row(s.layer(), s.output(), s.features(), s.mean(), s.sd(), s.min(), s.max(), s.zeroFraction(),
                s.constantFeatures(), s.nonFinite(), share(s.pca(), 0), share(s.pca(), 1)));
        }
        files.put("layer_stats.csv", csv.toString());
        StringBuilder proj = new StringBuilder(String.join(",", PROJECTION_COLUMNS)).append('\n');
        for (LayerStats s : stats) {
            if (s.pca() == null) {
                continue;
            }
            for (int i = 0; i < f.images().size(); i++) {
                double[] sc = s.pca().scores()[i];
                proj.append(ReportFiles.row(s.layer(), f.images().get(i), conditions.get(i), sc.length > 0 ? sc[0] : Double.NaN,
                    sc.length > 1 ? sc[1] : Double.NaN));
            }
        }
        files.put("projection.csv", proj.toString());
        files.put("report.html", html(f, stats, conditions, run));
        return files;
    }

    private static double share(Pca pca, int k) {
        return pca == null || pca.variance().length <= k ? Double.NaN : pca.variance()[k];
    }

    static LayerStats stats(String layer, String output, float[][] x) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long zeros = 0;
        long finite = 0;
        for (float[] row : x) {
            for (float v : row) {
                if (Float.isFinite(v)) {
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    finite++;
                    if (v == 0) {
                        zeros++;
                    }
                }
            }
        }
        double mean = finite == 0 ? Double.NaN : sum / finite;
        double ss = 0;
        int constant = 0;
        for (int j = 0; j < p; j++) {
            float first = x[0][j];
            boolean same = true;
            for (float[] row : x) {
                if (Float.isFinite(row[j])) {
                    ss += (row[j] - mean) * (row[j] - mean);
                }
                same &= row[j] == first;
            }
            if (same) {
                constant++;
            }
        }
        long nonFinite = (long) n * p - finite;
        Pca pca = null;
        if (nonFinite == 0 && n >= 2 && p > 0) {
            double[][] d = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    d[i][j] = x[i][j];
                }
            }
            pca = Pca.of(d, 2);
        }
        return new LayerStats(layer, output, p, mean, finite < 2 ? Double.NaN : Math.sqrt(ss / (finite - 1)),
            finite == 0 ? Double.NaN : min, finite == 0 ? Double.NaN : max, finite == 0 ? Double.NaN : (double) zeros / finite,
            constant, nonFinite, pca);
    }

    private static String html(FeatureExtraction.Features f, List<LayerStats> stats, List<String> conditions, Run run) {
        boolean grouped = conditions.stream().distinct().count() > 1;
        StringBuilder h = new StringBuilder(ReportFiles.pageStart("engram features"));
        h.append(String.format(Locale.ROOT, "<p>Model <b>%s</b> on %d images from %s: %d layer(s). %.1f images/s of preprocessing"
                + " and inference on %s; %.1f s in all (reading the images included).</p>%n", Fmt.html(run.model()), f.images().size(),
            Fmt.html(run.source()), stats.size(), f.imagesPerSecond(), Fmt.html(run.device()), run.seconds()));
        h.append("<h2>Layers</h2>\n<table><tr><th>layer</th><th>output</th><th>features</th><th>mean</th><th>SD</th><th>min</th>"
            + "<th>max</th><th>zeros</th><th>constant features</th><th>non-finite</th><th>PC1</th><th>PC2</th></tr>\n");
        for (LayerStats s : stats) {
            h.append("<tr><td>").append(Fmt.html(s.layer())).append("</td><td>").append(Fmt.html(s.output())).append("</td><td>")
                .append(s.features()).append("</td><td>").append(g(s.mean())).append("</td><td>").append(g(s.sd())).append("</td><td>")
                .append(g(s.min())).append("</td><td>").append(g(s.max())).append("</td><td>").append(percent(s.zeroFraction()))
                .append("</td><td>").append(s.constantFeatures()).append("</td><td>").append(s.nonFinite()).append("</td><td>")
                .append(percent(share(s.pca(), 0))).append("</td><td>").append(percent(share(s.pca(), 1))).append("</td></tr>\n");
        }
        h.append("</table>\n<p>PC1, PC2: each principal component's share of the layer's total variance. A layer with non-finite"
            + " values has no projection (compare and predict refuse it).</p>\n");
        int step = (f.images().size() + MAX_POINTS - 1) / MAX_POINTS;
        h.append("<h2>The images in each layer</h2>\n<p>Each point is an image, placed by its scores on the layer's first two"
            + " principal components").append(grouped ? ", coloured by its condition in the set's manifest" : "").append('.')
            .append(step > 1 ? " Every " + step + "th image is drawn; projection.csv holds them all." : "").append("</p>\n");
        for (LayerStats s : stats) {
            if (s.pca() == null || s.pca().variance().length == 0) {
                h.append("<p>").append(Fmt.html(s.layer())).append(": no projection (")
                    .append(s.nonFinite() > 0 ? "non-finite values" : "every feature is constant").append(").</p>\n");
                continue;
            }
            int m = (f.images().size() + step - 1) / step;
            double[] x = new double[m];
            double[] y = new double[m];
            List<String> groups = new ArrayList<>();
            boolean oneD = s.pca().variance().length == 1;
            for (int k = 0; k < m; k++) {
                int i = k * step;
                x[k] = s.pca().scores()[i][0];
                y[k] = oneD ? i + 1 : s.pca().scores()[i][1];
                groups.add(conditions.get(i).isEmpty() ? "(none)" : conditions.get(i));
            }
            String xLabel = oneD ? "value − mean (the layer's one feature)"
                : String.format(Locale.ROOT, "PC1 (%s of variance)", percent(s.pca().variance()[0]));
            String yLabel = oneD ? "image (row of images.csv)" : String.format(Locale.ROOT, "PC2 (%s of variance)",
                percent(s.pca().variance()[1]));
            h.append(ReportFiles.scatter(s.layer() + " (" + s.features() + " features)", xLabel, yLabel, x, y, grouped ? groups : null));
        }
        h.append("<p>Files: images.csv (the row order), one .npy per layer (float32, images × features), layers.csv,"
            + " layer_stats.csv (the table above), projection.csv (the points above).</p>\n</body></html>\n");
        return h.toString();
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
