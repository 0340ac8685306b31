package engram.analysis.representation;

import engram.core.csv.CsvWriter;

import engram.analysis.report.Fmt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shared output helpers of the representation commands: atomic files, CSV rows, SVG heat maps, page frame. */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes every file (name → text) into dir: all go to temp files first, then each is moved into place. */
    public static void writeAll(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> temps = new java.util.LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path tmp = Files.createTempFile(dir, "." + e.getKey(), ".tmp");
                temps.put(e.getKey(), tmp);
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, Path> e : temps.entrySet()) {
                Files.move(e.getValue(), dir.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            for (Path t : temps.values()) {
                Files.deleteIfExists(t);
            }
        }
    }

    /** @return a CSV line of the fields (quoted where needed) */
    public static String row(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object f = fields[i];
            if (f instanceof Double d) {
                sb.append(Fmt.num(d));
            } else {
                sb.append(CsvWriter.neutraliseAndQuote(String.valueOf(f)));
            }
        }
        return sb.append('\n').toString();
    }

    /** @return the start of a self-contained HTML page in the analysis report's style */
    public static String pageStart(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Fmt.html(title) + "</title>\n<style>"
            + "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:right}th{background:#eee}"
            + "td:first-child{text-align:left}svg{background:#fafafa;margin:4px}figure{display:inline-block;margin:4px}"
            + "figcaption{font-size:12px}</style></head><body>\n<h1>" + Fmt.html(title) + "</h1>\n";
    }

    /** @return the value with 3 decimals, "–" for NaN */
    public static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * An SVG heat map of a rows × columns matrix with values in [lo, hi] (white → dark blue), labelled.
     */
    public static String heatmap(String caption, List<String> rows, List<String> cols, double[][] v, double lo, double hi) {
        int cell = Math.max(18, Math.min(48, 480 / Math.max(1, Math.max(rows.size(), cols.size()))));
        int left = 8 + 7 * rows.stream().mapToInt(String::length).max().orElse(4);
        int top = 8 + 7 * cols.stream().mapToInt(String::length).max().orElse(4);
        int w = Math.max(left + cell * cols.size() + 10, left + 160);
        int h = top + cell * rows.size() + 26;
        StringBuilder s = new StringBuilder();
        s.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
            .append("\" role=\"img\" aria-label=\"").append(Fmt.html(caption)).append("\">");
        for (int j = 0; j < cols.size(); j++) {
            int x = left + j * cell + cell / 2;
            s.append("<text x=\"").append(x).append("\" y=\"").append(top - 4).append("\" font-size=\"11\" transform=\"rotate(-60 ")
                .append(x).append(' ').append(top - 4).append(")\">").append(Fmt.html(cols.get(j))).append("</text>");
        }
        for (int i = 0; i < rows.size(); i++) {
            int y = top + i * cell;
            s.append("<text x=\"").append(left - 4).append("\" y=\"").append(y + cell / 2 + 4)
                .append("\" font-size=\"11\" text-anchor=\"end\">").append(Fmt.html(rows.get(i))).append("</text>");
            for (int j = 0; j < cols.size(); j++) {
                double t = Double.isNaN(v[i][j]) ? 0 : Math.max(0, Math.min(1, (v[i][j] - lo) / (hi - lo)));
                int x = left + j * cell;
                s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cell)
                    .append("\" height=\"").append(cell).append("\" fill=\"").append(blue(t)).append("\"").append(Double.isNaN(v[i][j]) ? " fill-opacity=\"0.3\"" : "").append("><title>").append(Fmt.html(rows.get(i) + " × " + cols.get(j) + ": " + f3(v[i][j])))
                    .append("</title></rect>");
                if (cell >= 30) {
                    s.append("<text x=\"").append(x + cell / 2).append("\" y=\"").append(y + cell / 2 + 4)
                        .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"").append(t > 0.55 ? "#fff" : "#222").append("\">")
                        .append(Double.isNaN(v[i][j]) ? "–" : String.format(Locale.ROOT, "%.2f", v[i][j])).append("</text>");
                }
            }
        }
        // the colour scale: ten steps from lo to hi
        int barY = top + cell * rows.size() + 8;
        for (int k = 0; k < 10; k++) {
            double t = (k + 0.5) / 10;
            s.append("<rect x=\"").append(left + 12 * k).append("\" y=\"").append(barY).append("\" width=\"12\" height=\"8\" fill=\"")
                .append(blue(t)).append("\"/>");
        }
        s.append("<text x=\"").append(left - 4).append("\" y=\"").append(barY + 8).append("\" font-size=\"10\" text-anchor=\"end\">")
            .append(tick(lo, hi - lo)).append("</text><text x=\"").append(left + 124).append("\" y=\"").append(barY + 8)
            .append("\" font-size=\"10\">").append(tick(hi, hi - lo)).append("</text>");
        s.append("</svg><figcaption>").append(Fmt.html(caption)).append("</figcaption></figure>\n");
        return s.toString();
    }

    /** @return the heat-map colour of t in [0, 1] (white → dark blue) */
    static String blue(double t) {
        return "rgb(" + Math.round(255 - t * (255 - 8)) + ',' + Math.round(255 - t * (255 - 48)) + ',' + Math.round(255 - t * (255 - 107)) + ')';
    }

    /** Okabe–Ito colours (distinguishable with colour-vision deficiencies), for groups of points. */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442");

    /**
     * A scatter plot with both axes drawn (ticks at round values, labelled) and, when groups are given, one colour per
     * group (in order of first appearance) with a legend.
     *
     * @param groups each point's group (e.g. its condition), or null for one colour
     */
    public static String scatter(String caption, String xLabel, String yLabel, double[] x, double[] y, List<String> groups) {
        int left = 64;
        int top = 12;
        int width = 320;
        int height = 240;
        List<String> names = groups == null ? List.of() : groups.stream().distinct().toList();
        int legend = names.size() <= 1 ? 0 : 16 * Math.min(names.size(), 12) + 8;
        double[] xr = range(x);
        double[] yr = range(y);
        StringBuilder s = new StringBuilder("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(left + width + (legend > 0 ? 150 : 16))
            .append("\" height=\"").append(Math.max(top + height + 46, legend + 20)).append("\" role=\"img\" aria-label=\"")
            .append(Fmt.html(caption)).append("\"><rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"")
            .append(width).append("\" height=\"").append(height).append("\" fill=\"none\" stroke=\"#555\"/>");
        for (double t : ticks(xr)) {
            double px = left + width * (t - xr[0]) / (xr[1] - xr[0]);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#555\"/>", px, px,
                top + height, top + height + 4));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>", px,
                top + height + 15, tick(t, xr[2])));
        }
        for (double t : ticks(yr)) {
            double py = top + height - height * (t - yr[0]) / (yr[1] - yr[0]);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>", left - 4, left,
                py, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", left - 6,
                py + 3, tick(t, yr[2])));
        }
        s.append("<text x=\"").append(left + width / 2).append("\" y=\"").append(top + height + 32)
            .append("\" font-size=\"11\" text-anchor=\"middle\">").append(Fmt.html(xLabel)).append("</text>");
        int mid = top + height / 2;
        s.append("<text x=\"14\" y=\"").append(mid).append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
            .append(mid).append(")\">").append(Fmt.html(yLabel)).append("</text>");
        for (int i = 0; i < x.length; i++) {
            String colour = names.size() <= 1 ? PALETTE.get(0) : PALETTE.get(names.indexOf(groups.get(i)) % PALETTE.size());
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.75\"/>",
                left + width * (x[i] - xr[0]) / (xr[1] - xr[0]), top + height - height * (y[i] - yr[0]) / (yr[1] - yr[0]), colour));
        }
        for (int g = 0; g < Math.min(names.size(), 12) && names.size() > 1; g++) {
            int ly = top + 8 + 16 * g;
            s.append("<circle cx=\"").append(left + width + 14).append("\" cy=\"").append(ly).append("\" r=\"4\" fill=\"")
                .append(PALETTE.get(g % PALETTE.size())).append("\"/><text x=\"").append(left + width + 22).append("\" y=\"")
                .append(ly + 4).append("\" font-size=\"11\">").append(Fmt.html(names.get(g))).append("</text>");
        }
        return s.append("</svg><figcaption>").append(Fmt.html(caption)).append("</figcaption></figure>\n").toString();
    }

    /** @return {low, high, tick step} of an axis that holds every finite value, padded by 5% */
    static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double span = hi - lo;
        if (span == 0) {
            span = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= span / 2;
            hi += span / 2;
        } else {
            lo -= 0.05 * span;
            hi += 0.05 * span;
        }
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * mag >= raw) {
                step = f * mag;
                break;
            }
        }
        return new double[] {lo, hi, step};
    }

    /** @return the multiples of the step inside [low, high] */
    static List<Double> ticks(double[] r) {
        List<Double> t = new java.util.ArrayList<>();
        for (double v = Math.ceil(r[0] / r[2]) * r[2]; v <= r[1] + 1e-9 * r[2]; v += r[2]) {
            t.add(Math.abs(v) < 1e-9 * r[2] ? 0 : v);
        }
        return t;
    }

    /** @return a tick label with as many decimals as the step needs */
    static String tick(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(Math.abs(step)) + 1e-9));
        if (step > 0 && Math.abs(step * Math.pow(10, decimals) - Math.round(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f", v);
    }
}
