package engram.analysis.representation;

import engram.core.csv.CsvWriter;

import engram.analysis.report.Fmt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes a {@link Compare.Result}: {@code cka.csv}, {@code rsa.csv}, the layer × layer matrices
 * {@code cka_linear_matrix.csv}, {@code cka_rbf_matrix.csv}, {@code rsa_matrix.csv}, and {@code report.html}.
 */
public final class CompareReport {
    /** Columns of cka.csv. */
    public static final List<String> CKA_COLUMNS = List.of("layer_a", "layer_b", "n_images", "linear_cka", "linear_cka_ci_low",
        "linear_cka_ci_high", "linear_cka_p", "rbf_cka", "rbf_cka_ci_low", "rbf_cka_ci_high", "rbf_cka_p", "rbf_sigma_fraction");
    /** Columns of rsa.csv. */
    public static final List<String> RSA_COLUMNS = List.of("layer_a", "layer_b", "n_images", "rdm", "rsa_spearman",
        "rsa_ci_low", "rsa_ci_high", "rsa_p");

    private CompareReport() {
    }

    /** @return file name → content of every output */
    public static Map<String, String> render(Compare.Result r, String nameA, String nameB) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder cka = new StringBuilder(String.join(",", CKA_COLUMNS)).append('\n');
        StringBuilder rsa = new StringBuilder(String.join(",", RSA_COLUMNS)).append('\n');
        for (Compare.PairResult p : r.pairs()) {
            cka.append(ReportFiles.row(p.layerA(), p.layerB(), r.images(), p.linear().value(), p.linear().ciLow(),
                p.linear().ciHigh(), p.linear().p(), p.rbf().value(), p.rbf().ciLow(), p.rbf().ciHigh(), p.rbf().p(),
                r.options().rbfFraction()));
            rsa.append(ReportFiles.row(p.layerA(), p.layerB(), r.images(), r.options().distance().label(), p.rsa().value(),
                p.rsa().ciLow(), p.rsa().ciHigh(), p.rsa().p()));
        }
        files.put("cka.csv", cka.toString());
        files.put("rsa.csv", rsa.toString());
        files.put("cka_linear_matrix.csv", matrixCsv(r, matrix(r, p -> p.linear().value())));
        files.put("cka_rbf_matrix.csv", matrixCsv(r, matrix(r, p -> p.rbf().value())));
        files.put("rsa_matrix.csv", matrixCsv(r, matrix(r, p -> p.rsa().value())));
        files.put("report.html", html(r, nameA, nameB));
        return files;
    }

    /** Renders and writes every output into dir. */
    public static void write(Compare.Result r, String nameA, String nameB, Path dir) throws IOException {
        ReportFiles.writeAll(dir, render(r, nameA, nameB));
    }

    static double[][] matrix(Compare.Result r, ToDoubleFunction<Compare.PairResult> value) {
        double[][] m = new double[r.layersA().size()][r.layersB().size()];
        int k = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = value.applyAsDouble(r.pairs().get(k++));
            }
        }
        return m;
    }

    private static String matrixCsv(Compare.Result r, double[][] m) {
        StringBuilder sb = new StringBuilder("layer_a");
        for (String b : r.layersB()) {
            sb.append(',').append(CsvWriter.neutraliseAndQuote(b));
        }
        sb.append('\n');
        for (int i = 0; i < m.length; i++) {
            sb.append(CsvWriter.neutraliseAndQuote(r.layersA().get(i)));
            for (double v : m[i]) {
                sb.append(',').append(Fmt.num(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String html(Compare.Result r, String nameA, String nameB) {
        Compare o = r.options();
        StringBuilder h = new StringBuilder(ReportFiles.pageStart("engram compare"));
        h.append("<p>A: ").append(Fmt.html(nameA)).append(" (").append(r.layersA().size()).append(" layers); B: ")
            .append(Fmt.html(nameB)).append(" (").append(r.layersB().size()).append(" layers); ").append(r.images())
            .append(" images. ").append(o.bootstrap()).append(" bootstrap resamples and ").append(o.permutations())
            .append(" permutations over images, seed ").append(o.seed()).append("; RBF σ = ").append(o.rbfFraction())
            .append(" × median distance; RDM: ").append(o.distance() == Rsa.Distance.CORRELATION ? "1 − Pearson" : "Euclidean")
            .append(".</p>\n<h2>Layer × layer similarity</h2>\n");
        h.append(ReportFiles.heatmap("Linear CKA (rows: A, columns: B)", r.layersA(), r.layersB(), matrix(r, p -> p.linear().value()), 0, 1));
        h.append(ReportFiles.heatmap("RBF CKA", r.layersA(), r.layersB(), matrix(r, p -> p.rbf().value()), 0, 1));
        h.append(ReportFiles.heatmap("RSA (Spearman ρ between RDMs)", r.layersA(), r.layersB(), matrix(r, p -> p.rsa().value()), 0, 1));
        h.append("<h2>All pairs</h2>\n<table><tr><th>A layer</th><th>B layer</th><th>linear CKA</th><th>CI</th><th>p</th>"
            + "<th>RBF CKA</th><th>CI</th><th>p</th><th>RSA ρ</th><th>CI</th><th>p</th></tr>\n");
        for (Compare.PairResult p : r.pairs()) {
            h.append("<tr><td>").append(Fmt.html(p.layerA())).append("</td><td>").append(Fmt.html(p.layerB())).append("</td>");
            for (Estimate e : List.of(p.linear(), p.rbf(), p.rsa())) {
                h.append("<td>").append(ReportFiles.f3(e.value())).append("</td><td>[").append(ReportFiles.f3(e.ciLow()))
                    .append(", ").append(ReportFiles.f3(e.ciHigh())).append("]</td><td>").append(ReportFiles.f3(e.p())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }
}
