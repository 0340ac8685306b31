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
        int w = left + cell * cols.size() + 10;
        int h = top + cell * rows.size() + 10;
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
                int r = (int) Math.round(255 - t * (255 - 8));
                int g = (int) Math.round(255 - t * (255 - 48));
                int b = (int) Math.round(255 - t * (255 - 107));
                int x = left + j * cell;
                s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cell)
                    .append("\" height=\"").append(cell).append("\" fill=\"rgb(").append(r).append(',').append(g).append(',')
                    .append(b).append(")\"").append(Double.isNaN(v[i][j]) ? " fill-opacity=\"0.3\"" : "").append("><title>").append(Fmt.html(rows.get(i) + " × " + cols.get(j) + ": " + f3(v[i][j])))
                    .append("</title></rect>");
                if (cell >= 30) {
                    s.append("<text x=\"").append(x + cell / 2).append("\" y=\"").append(y + cell / 2 + 4)
                        .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"").append(t > 0.55 ? "#fff" : "#222").append("\">")
                        .append(Double.isNaN(v[i][j]) ? "–" : String.format(Locale.ROOT, "%.2f", v[i][j])).append("</text>");
                }
            }
        }
        s.append("</svg><figcaption>").append(Fmt.html(caption)).append("</figcaption></figure>\n");
        return s.toString();
    }
}
