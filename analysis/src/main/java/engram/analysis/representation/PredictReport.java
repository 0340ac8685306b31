package engram.analysis.representation;

import engram.analysis.report.Fmt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Predict.Result}: predictivity.csv, partial.csv, predictions.csv and report.html. */
public final class PredictReport {
    /** Columns of predictivity.csv. */
    public static final List<String> COLUMNS = List.of("model", "unit", "n_images", "folds", "r", "r_ci_low", "r_ci_high",
        "r2_cv", "ev_percent", "ev_ci_low", "ev_ci_high", "repetitions", "split_half_reliability", "ev_corrected_percent",
        "lambda_median");
    /** Columns of partial.csv. */
    public static final List<String> PARTIAL_COLUMNS = List.of("model", "given", "unit", "partial_r", "partial_r_ci_low",
        "partial_r_ci_high", "unique_ev_percent");

    private PredictReport() {
    }

    /** @return file name → content */
    public static Map<String, String> render(Predict.Result r) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder p = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Predict.UnitResult u : r.unitResults()) {
            p.append(ReportFiles.row(u.model(), u.unit(), u.images(), r.options().ridge().folds(), u.r().value(), u.r().ciLow(),
                u.r().ciHigh(), u.r2cv(), u.ev().value(), u.ev().ciLow(), u.ev().ciHigh(), r.targets().repetitions(),
                u.reliability(), u.evCorrected(), u.lambdaMedian()));
        }
        files.put("predictivity.csv", p.toString());
        StringBuilder q = new StringBuilder(String.join(",", PARTIAL_COLUMNS)).append('\n');
        for (Predict.PartialResult pr : r.partials()) {
            double v = pr.partialR().value();
            // signed: 100·r·|r|, so that a model that predicts worse than nothing beyond the other reads negative
            q.append(ReportFiles.row(pr.model(), pr.given(), pr.unit(), v, pr.partialR().ciLow(), pr.partialR().ciHigh(), 100 * v * Math.abs(v)));
        }
        files.put("partial.csv", q.toString());
        StringBuilder pred = new StringBuilder("image,model,unit,observed,predicted\n");
        for (Map.Entry<String, double[][]> m : r.predictions().entrySet()) {
            for (int i = 0; i < r.images().size(); i++) {
                for (int j = 0; j < r.units().size(); j++) {
                    pred.append(ReportFiles.row(r.images().get(i), m.getKey(), r.units().get(j), r.targets().mean()[i][j], m.getValue()[i][j]));
                }
            }
        }
        files.put("predictions.csv", pred.toString());
        files.put("report.html", html(r));
        return files;
    }

    /** Renders and writes every output into dir. */
    public static void write(Predict.Result r, Path dir) throws IOException {
        ReportFiles.writeAll(dir, render(r));
    }

    private static String html(Predict.Result r) {
        Predict o = r.options();
        StringBuilder h = new StringBuilder(ReportFiles.pageStart("engram predict"));
        h.append("<p>").append(r.images().size()).append(" images, ").append(r.units().size()).append(" unit(s), ")
            .append(r.targets().repetitions()).append(" repetition(s); ridge with ").append(o.ridge().folds())
            .append(" folds (seed ").append(o.ridge().seed()).append("), λ by leave-one-out on each training fold; ")
            .append(o.bootstrap()).append(" bootstrap resamples over images.</p>\n");
        h.append("<h2>Explained variance (held-out, 100·r²)</h2>\n").append(bars(r));
        h.append("<table><tr><th>model</th><th>unit</th><th>r</th><th>CI</th><th>R² (CV)</th><th>EV %</th><th>CI</th>"
            + "<th>ceiling ρ_SB</th><th>EV / ceiling %</th></tr>\n");
        for (Predict.UnitResult u : r.unitResults()) {
            h.append("<tr><td>").append(Fmt.html(u.model())).append("</td><td>").append(Fmt.html(u.unit())).append("</td><td>")
                .append(ReportFiles.f3(u.r().value())).append("</td><td>[").append(ReportFiles.f3(u.r().ciLow())).append(", ")
                .append(ReportFiles.f3(u.r().ciHigh())).append("]</td><td>").append(ReportFiles.f3(u.r2cv())).append("</td><td>")
                .append(f1(u.ev().value())).append("</td><td>[").append(f1(u.ev().ciLow())).append(", ").append(f1(u.ev().ciHigh()))
                .append("]</td><td>").append(ReportFiles.f3(u.reliability())).append("</td><td>").append(f1(u.evCorrected()))
                .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!r.partials().isEmpty()) {
            h.append("<h2>Partial correlations (what one model predicts beyond another)</h2>\n<table><tr><th>model</th>"
                + "<th>given</th><th>unit</th><th>partial r</th><th>CI</th></tr>\n");
            for (Predict.PartialResult p : r.partials()) {
                h.append("<tr><td>").append(Fmt.html(p.model())).append("</td><td>").append(Fmt.html(p.given())).append("</td><td>")
                    .append(Fmt.html(p.unit())).append("</td><td>").append(ReportFiles.f3(p.partialR().value())).append("</td><td>[")
                    .append(ReportFiles.f3(p.partialR().ciLow())).append(", ").append(ReportFiles.f3(p.partialR().ciHigh()))
                    .append("]</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Horizontal bars of EV % with CI whiskers, and the ceiling (100·ρ_SB) as a tick where known. */
    private static String bars(Predict.Result r) {
        List<Predict.UnitResult> rows = r.unitResults().subList(0, Math.min(60, r.unitResults().size()));
        int left = 200;
        int width = 360;
        int h = 22 * rows.size() + 46;
        StringBuilder s = new StringBuilder("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (left + width + 20)
            + "\" height=\"" + h + "\" role=\"img\" aria-label=\"explained variance per model and unit\">");
        for (int k = 0; k <= 4; k++) {
            int x = left + k * width / 4;
            s.append("<line x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"").append(h - 36)
                .append("\" stroke=\"#ddd\"/><text x=\"").append(x).append("\" y=\"").append(h - 22)
                .append("\" font-size=\"10\" text-anchor=\"middle\">").append(25 * k).append("%</text>");
        }
        s.append("<text x=\"").append(left + width / 2).append("\" y=\"").append(h - 5)
            .append("\" font-size=\"11\" text-anchor=\"middle\">held-out explained variance, % (100·r²)</text>");
        for (int i = 0; i < rows.size(); i++) {
            Predict.UnitResult u = rows.get(i);
            int y = 4 + 22 * i;
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 13).append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(Fmt.html(u.model() + " · " + u.unit())).append("</text>");
            double ev = Math.max(0, u.ev().value());
            s.append("<rect x=\"").append(left).append("\" y=\"").append(y + 3).append("\" width=\"")
                .append(String.format(Locale.ROOT, "%.1f", width * Math.min(100, ev) / 100)).append("\" height=\"12\" fill=\"#08306b\"/>");
            if (!Double.isNaN(u.ev().ciLow())) {
                s.append("<line x1=\"").append(String.format(Locale.ROOT, "%.1f", left + width * u.ev().ciLow() / 100)).append("\" x2=\"")
                    .append(String.format(Locale.ROOT, "%.1f", left + width * Math.min(100, u.ev().ciHigh()) / 100)).append("\" y1=\"")
                    .append(y + 9).append("\" y2=\"").append(y + 9).append("\" stroke=\"#e6550d\" stroke-width=\"2\"/>");
            }
            if (!Double.isNaN(u.reliability())) {
                double cx = left + width * Math.max(0, Math.min(1, u.reliability()));
                s.append("<line x1=\"").append(String.format(Locale.ROOT, "%.1f", cx)).append("\" x2=\"")
                    .append(String.format(Locale.ROOT, "%.1f", cx)).append("\" y1=\"").append(y).append("\" y2=\"").append(y + 18)
                    .append("\" stroke=\"#31a354\" stroke-width=\"2\"><title>ceiling ρ_SB</title></line>");
            }
        }
        return s.append("</svg><figcaption>EV % (bars), bootstrap CI (orange), noise ceiling 100·ρ_SB (green)</figcaption></figure>\n").toString();
    }
}
