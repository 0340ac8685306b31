package engram.analysis.report;

import engram.analysis.AnalysisResult;
import engram.analysis.Exclusion;
import engram.analysis.GroupSummary;
import engram.analysis.TestRow;
import engram.analysis.consistency.Consistency;
import engram.analysis.scores.ImageScore;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Renders the self-contained report.html: inline SVG plots, base64 PNG heatmaps, no external resources. */
public final class HtmlReport {
    private static final int MAX_POINTS = 4000;
    private static final int MAX_HEATMAPS = 12;

    private HtmlReport() {
    }

    /** Every exclusion with its figures, as in exclusions.csv. */
    static String exclusionSection(AnalysisResult r) {
        StringBuilder h = new StringBuilder();
        h.append("<h2 id=\"exclusions\">Exclusions</h2>\n<p>Attention rule: vigilance hit rate ≥ ")
            .append(Fmt.num(r.options().minVigilanceHitRate())).append(" and false-alarm rate &lt; ")
            .append(Fmt.num(r.options().maxFalseAlarmRate())).append(". ");
        long notCompleted = r.exclusions().stream().filter(e -> e.reason().equals(Exclusion.NOT_COMPLETED)).count();
        h.append(notCompleted).append(" run(s) that did not complete were left out; ")
            .append(r.exclusions().size() - notCompleted).append(" exclusion(s) by the attention rule.</p>\n");
        if (r.exclusions().isEmpty()) {
            return h.append("<p>No exclusions.</p>\n").toString();
        }
        h.append("<table data-testid=\"exclusions\"><tr>");
        for (String c : OutputWriter.EXCLUSION_COLUMNS) {
            h.append("<th>").append(Fmt.html(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (Exclusion e : r.exclusions()) {
            h.append("<tr>");
            for (String v : new String[] {e.participantId(), e.runId(), e.reason(), e.state(), Integer.toString(e.trials()),
                e.trialsExpected() > 0 ? Integer.toString(e.trialsExpected()) : "", nanBlank(e.vigilanceHitRate()),
                nanBlank(e.minVigilanceHitRate()), nanBlank(e.falseAlarmRate()), nanBlank(e.maxFalseAlarmRate())}) {
                h.append("<td>").append(Fmt.html(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String nanBlank(double v) {
        return Double.isNaN(v) ? "" : Fmt.num(v);
    }

    /**
     * @param r       the analysis
     * @param missing ids of images drawn on grey because the stimulus was not available
     * @return the HTML document
     */
    public static String render(AnalysisResult r, List<String> missing) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>engram analysis</title>\n<style>")
            .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .append("td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:right}th{background:#eee}")
            .append("td:first-child{text-align:left}svg{background:#fafafa;margin:4px}figure{display:inline-block;margin:4px}")
            .append("figcaption{font-size:12px}</style></head><body>\n<h1>engram analysis</h1>\n");
        long excluded = r.participants().stream().filter(p -> p.excluded()).count();
        h.append("<p>").append(r.participants().size()).append(" participants (").append(excluded)
            .append(" excluded), ").append(r.images().size()).append(" images, grid ").append(r.vms().grid())
            .append("×").append(r.vms().grid()).append(", ").append(r.options().splits()).append(" split-halves, seed ")
            .append(r.options().seed()).append(".</p>\n");
        h.append(exclusionSection(r));
        h.append("<h2>Conditions</h2>\n").append(conditionTable(r.conditions()));
        h.append("<h2>Hit and false-alarm rates per condition</h2>\n");
        h.append(strip(r.images(), ImageScore::hitRate, "Image hit rate"));
        h.append(strip(r.images(), ImageScore::falseAlarmRate, "Image false-alarm rate"));
        String first = r.options().pairConditions().get(0);
        String second = r.options().pairConditions().get(1);
        h.append("<h2>Pairs: ").append(Fmt.html(first)).append(" vs ").append(Fmt.html(second)).append("</h2>\n");
        h.append(pairedDots(r.images(), first, second, ImageScore::hitRate, "hit rate"));
        h.append(pairedDots(r.images(), first, second, ImageScore::vmsTrueIntensity, "VMS true intensity"));
        h.append("<h2>Tests</h2>\n").append(testTable(r.tests()));
        h.append("<h2>Split-half consistency</h2>\n").append(consistencyTable(r.consistency()));
        h.append(scatter(r.splitExampleA(), r.splitExampleB()));
        h.append("<h2>VMS heatmaps</h2>\n");
        if (!missing.isEmpty()) {
            h.append("<p>").append(missing.size()).append(" image(s) were not available and are drawn on a grey square: ")
                .append(Fmt.html(String.join(", ", missing.subList(0, Math.min(20, missing.size())))))
                .append(missing.size() > 20 ? ", …" : "").append("</p>\n");
        }
        h.append(heatmaps(r));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String conditionTable(List<GroupSummary> groups) {
        StringBuilder t = new StringBuilder("<table><tr><th>condition</th><th>images</th><th>mean HR</th><th>mean FAR</th>"
            + "<th>mean d′</th><th>mean VMS true</th><th>participant d′</th></tr>\n");
        for (GroupSummary g : groups) {
            t.append("<tr><td>").append(Fmt.html(g.group())).append("</td><td>").append(g.images()).append("</td><td>")
                .append(Fmt.num(g.meanHitRate())).append("</td><td>").append(Fmt.num(g.meanFalseAlarmRate()))
                .append("</td><td>").append(Fmt.num(g.meanDprime())).append("</td><td>")
                .append(Fmt.num(g.meanVmsTrueIntensity())).append("</td><td>").append(Fmt.num(g.meanParticipantDprime()))
                .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String testTable(List<TestRow> tests) {
        StringBuilder t = new StringBuilder("<table><tr><th>measure</th><th>test</th><th>groups</th><th>statistic</th>"
            + "<th>df</th><th>p</th><th>effect</th><th>kind</th><th>n</th><th>BF10</th></tr>\n");
        for (TestRow row : tests) {
            var r = row.result();
            t.append("<tr><td>").append(Fmt.html(row.measure())).append("</td><td>").append(r.test()).append("</td><td>")
                .append(Fmt.html(row.groups())).append("</td><td>").append(Fmt.num(r.statistic())).append("</td><td>")
                .append(Fmt.num(r.df())).append("</td><td>").append(Fmt.num(r.pValue())).append("</td><td>")
                .append(Fmt.num(r.effectSize())).append("</td><td>")
                .append(r.effectSizeKind() == null ? "" : r.effectSizeKind()).append("</td><td>").append(r.n())
                .append("</td><td>").append(Fmt.num(r.bf10())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String consistencyTable(List<Consistency> list) {
        StringBuilder t = new StringBuilder("<table><tr><th>measure</th><th>splits</th><th>mean ρ</th><th>SD ρ</th>"
            + "<th>Spearman–Brown</th></tr>\n");
        for (Consistency c : list) {
            t.append("<tr><td>").append(c.measure()).append("</td><td>").append(c.splits()).append("</td><td>")
                .append(Fmt.num(c.meanRho())).append("</td><td>").append(Fmt.num(c.sdRho())).append("</td><td>")
                .append(Fmt.num(c.spearmanBrown())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** Strip plot of a rate in [0, 1] per condition with a deterministic jitter and the mean as a bar. */
    private static String strip(List<ImageScore> images, ToDoubleFunction<ImageScore> value, String title) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        for (ImageScore s : images) {
            double v = value.applyAsDouble(s);
            if (Double.isFinite(v)) {
                groups.computeIfAbsent(s.condition(), k -> new ArrayList<>()).add(v);
            }
        }
        int width = 120 * Math.max(1, groups.size()) + 60;
        int height = 260;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
            .append(height).append("\" role=\"img\" aria-label=\"").append(Fmt.html(title)).append("\">");
        svg.append("<text x=\"8\" y=\"16\" font-size=\"13\">").append(Fmt.html(title)).append("</text>");
        axisY(svg, 50, 30, 200);
        int g = 0;
        for (var e : groups.entrySet()) {
            double cx = 110 + 120 * g;
            List<Double> vals = e.getValue();
            int step = Math.max(1, vals.size() / MAX_POINTS);
            double sum = 0;
            for (int i = 0; i < vals.size(); i++) {
                sum += vals.get(i);
                if (i % step == 0) {
                    double jitter = ((i * 0.618034) % 1.0 - 0.5) * 60;
                    svg.append("<circle cx=\"").append(f(cx + jitter)).append("\" cy=\"").append(f(230 - 200 * vals.get(i)))
                        .append("\" r=\"2\" fill=\"#3366aa\" fill-opacity=\"0.5\"/>");
                }
            }
            double mean = sum / vals.size();
            svg.append("<line x1=\"").append(f(cx - 40)).append("\" x2=\"").append(f(cx + 40)).append("\" y1=\"")
                .append(f(230 - 200 * mean)).append("\" y2=\"").append(f(230 - 200 * mean))
                .append("\" stroke=\"#cc3300\" stroke-width=\"2\"/>");
            svg.append("<text x=\"").append(f(cx)).append("\" y=\"250\" font-size=\"12\" text-anchor=\"middle\">")
                .append(Fmt.html(e.getKey())).append(" (n=").append(vals.size()).append(")</text>");
            g++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axisY(StringBuilder svg, int x, int top, int length) {
        svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(top)
            .append("\" y2=\"").append(top + length).append("\" stroke=\"#888\"/>");
        for (int k = 0; k <= 4; k++) {
            double y = top + length - length * k / 4.0;
            svg.append("<text x=\"").append(x - 4).append("\" y=\"").append(f(y + 4))
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.2f", k / 4.0))
                .append("</text>");
        }
    }

    private static String pairedDots(List<ImageScore> images, String first, String second,
                                     ToDoubleFunction<ImageScore> value, String title) {
        Map<String, double[]> pairs = new LinkedHashMap<>();
        for (ImageScore s : images) {
            if (s.pairId().isEmpty()) {
                continue;
            }
            double[] p = pairs.computeIfAbsent(s.pairId(), k -> new double[] {Double.NaN, Double.NaN});
            if (s.condition().equals(first)) {
                p[0] = value.applyAsDouble(s);
            } else if (s.condition().equals(second)) {
                p[1] = value.applyAsDouble(s);
            }
        }
        List<double[]> complete = pairs.values().stream().filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])).toList();
        double max = 1;
        for (double[] p : complete) {
            max = Math.max(max, Math.max(p[0], p[1]));
        }
        if (title.startsWith("VMS")) {
            max = 0;
            for (double[] p : complete) {
                max = Math.max(max, Math.max(p[0], p[1]));
            }
            max = max == 0 ? 1 : max;
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"260\">");
        svg.append("<text x=\"8\" y=\"16\" font-size=\"13\">").append(Fmt.html(title)).append(" by pair (")
            .append(complete.size()).append(" pairs)</text>");
        int step = Math.max(1, complete.size() / 500);
        for (int i = 0; i < complete.size(); i += step) {
            double[] p = complete.get(i);
            double y0 = 230 - 200 * p[0] / max;
            double y1 = 230 - 200 * p[1] / max;
            svg.append("<line x1=\"100\" x2=\"220\" y1=\"").append(f(y0)).append("\" y2=\"").append(f(y1))
                .append("\" stroke=\"").append(p[0] >= p[1] ? "#3366aa" : "#cc3300").append("\" stroke-opacity=\"0.4\"/>")
                .append("<circle cx=\"100\" cy=\"").append(f(y0)).append("\" r=\"2\"/><circle cx=\"220\" cy=\"")
                .append(f(y1)).append("\" r=\"2\"/>");
        }
        svg.append("<text x=\"100\" y=\"250\" font-size=\"12\" text-anchor=\"middle\">").append(Fmt.html(first))
            .append("</text><text x=\"220\" y=\"250\" font-size=\"12\" text-anchor=\"middle\">").append(Fmt.html(second))
            .append("</text>");
        return svg.append("</svg>\n").toString();
    }

    private static String scatter(double[] a, double[] b) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"300\">");
        svg.append("<text x=\"8\" y=\"16\" font-size=\"13\">Image hit rate, half A vs half B (split 1)</text>");
        svg.append("<rect x=\"40\" y=\"40\" width=\"220\" height=\"220\" fill=\"none\" stroke=\"#888\"/>");
        int step = Math.max(1, a.length / MAX_POINTS);
        for (int i = 0; i < a.length; i += step) {
            svg.append("<circle cx=\"").append(f(40 + 220 * a[i])).append("\" cy=\"").append(f(260 - 220 * b[i]))
                .append("\" r=\"2\" fill=\"#3366aa\" fill-opacity=\"0.4\"/>");
        }
        svg.append("<text x=\"150\" y=\"285\" font-size=\"11\" text-anchor=\"middle\">half A</text>")
            .append("<text x=\"20\" y=\"150\" font-size=\"11\" transform=\"rotate(-90 20 150)\" text-anchor=\"middle\">half B</text>");
        return svg.append("</svg>\n").toString();
    }

    private static String heatmaps(AnalysisResult r) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < r.images().size(); i++) {
            if (r.images().get(i).vmsTrueIntensity() > 0) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -r.images().get(i).vmsTrueIntensity())
            .thenComparingInt(i -> i));
        StringBuilder h = new StringBuilder();
        int g = r.vms().grid();
        for (int i : candidates.subList(0, Math.min(MAX_HEATMAPS, candidates.size()))) {
            ImageScore s = r.images().get(i);
            Optional<BufferedImage> img = r.study().images().load(r.study().manifest().file(i));
            byte[] png = Heatmaps.png(Heatmaps.smooth(r.vms().trueMap(i), g, r.options().smoothingSigma()), g, img);
            h.append("<figure><img width=\"200\" alt=\"true VMS map of ").append(Fmt.html(s.imageId()))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\"><figcaption>").append(Fmt.html(s.imageId())).append(" (").append(Fmt.html(s.condition()))
                .append("), true intensity ").append(Fmt.num(s.vmsTrueIntensity()))
                .append(img.isPresent() ? "" : ", image not available").append("</figcaption></figure>\n");
        }
        if (candidates.isEmpty()) {
            h.append("<p>No VMS boxes on hits.</p>\n");
        }
        return h.toString();
    }
}
