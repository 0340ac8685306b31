package engram.analysis.report;

import engram.analysis.recognition.PhaseInfo;
import engram.analysis.recognition.Recognition;
import engram.analysis.recognition.RecognitionResult;
import engram.analysis.recognition.RecognitionSummary;
import engram.analysis.recognition.RecognitionTest;
import engram.analysis.recognition.RecognitionVms;
import engram.analysis.recognition.RocPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's "Study and test phases" section: the phases, the means per group, pooled ROCs and the tests. */
final class RecognitionReport {
    private RecognitionReport() {
    }

    static String section(RecognitionResult r) {
        if (r.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h2 id=\"test-phases\">Study and test phases</h2>\n");
        h.append(phasesTable(r.phases()));
        if (!r.excluded().isEmpty()) {
            h.append("<p>Left out by the attention rule of the continuous game: ").append(r.excluded().size())
                .append(" participant(s).</p>\n");
        }
        h.append(ForgettingCurve.section(r));
        Map<Integer, List<RecognitionSummary>> byPhase = new LinkedHashMap<>();
        for (RecognitionSummary s : r.summary()) {
            byPhase.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s);
        }
        for (var e : byPhase.entrySet()) {
            h.append(phaseMeans(e.getKey(), e.getValue()));
            List<RocPoint> roc = r.roc().stream().filter(p -> p.phase() == e.getKey() && p.groupBy().equals("all")).toList();
            if (!roc.isEmpty()) {
                h.append(rocPlot(e.getKey(), roc));
            }
        }
        h.append("<p class=\"note\">Means over participants with the 95% t interval (rates, AUC, LDI and REC with three"
            + " decimals, d′ and c with two). d′ and c with the log-linear correction;"
            + " AUC by the trapezoid rule over the confidence ROC; LDI = p(similar | lure) − p(similar | foil), REC = p(old | target)"
            + " − p(old | foil); foils are shared by every group of a phase.</p>\n");
        if (!r.tests().isEmpty()) {
            h.append(testsTable(r.tests()));
        }
        h.append(boxes(r));
        return h.toString();
    }

    private static String phasesTable(List<PhaseInfo> phases) {
        StringBuilder h = new StringBuilder("<table id=\"phases-table\"><tr><th>phase</th><th>session</th><th>task</th>"
            + "<th>participants</th><th>trials</th><th>answered</th><th>confidence scale</th><th>median delay</th>"
            + "<th>median time since session 1</th></tr>\n");
        for (PhaseInfo p : phases) {
            h.append("<tr><td>").append(p.phase()).append("</td><td>").append(p.session()).append("</td><td>")
                .append(Fmt.html(p.task())).append("</td><td>").append(p.participants()).append("</td><td>")
                .append(p.trials()).append("</td><td>").append(p.answered()).append("</td><td>")
                .append(p.confidenceLevels() == 0 ? "" : "1–" + p.confidenceLevels()).append("</td><td>")
                .append(delay(p.medianDelay())).append("</td><td>").append(ForgettingCurve.duration(p.medianSinceFirst()))
                .append("</td></tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    /** @return one phase's heading and its table of means with intervals, a row per group and a column per measure */
    private static String phaseMeans(int phase, List<RecognitionSummary> rows) {
        String task = rows.get(0).task();
        List<String> measures = Recognition.measures(task);
        StringBuilder h = new StringBuilder("<h3>Phase ").append(phase).append(": ").append(Fmt.html(task))
            .append(", session ").append(rows.get(0).session()).append("</h3>\n<table><tr><th>group</th><th>n</th>");
        for (String m : measures) {
            h.append("<th>").append(Fmt.html(m)).append("</th>");
        }
        h.append("</tr>\n");
        Map<String, Map<String, RecognitionSummary>> groups = new LinkedHashMap<>();
        for (RecognitionSummary s : rows) {
            groups.computeIfAbsent(s.groupBy().equals("all") ? "all" : s.groupBy() + ": " + s.group(),
                k -> new LinkedHashMap<>()).put(s.measure(), s);
        }
        for (var g : groups.entrySet()) {
            h.append("<tr><td>").append(Fmt.html(g.getKey())).append("</td><td>")
                .append(g.getValue().values().stream().mapToInt(RecognitionSummary::participants).max().orElse(0))
                .append("</td>");
            for (String m : measures) {
                RecognitionSummary s = g.getValue().get(m);
                // APA: proportions (rates, AUC, LDI, REC) with three decimals, d′ and c with two
                int dec = m.equals("dprime") || m.equals("criterion") ? 2 : 3;
                h.append("<td>").append(s == null || s.participants() == 0 ? "" : Apa.fixed(s.mean(), dec)
                    + (Double.isNaN(s.ciLow()) ? "" : " " + Apa.interval(s.ciLow(), s.ciHigh(), dec))).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String testsTable(List<RecognitionTest> tests) {
        StringBuilder h = new StringBuilder("<h3>Tests</h3>\n<table id=\"recognition-tests\"><tr><th>phase</th>"
            + "<th>measure</th><th>test</th><th>groups</th><th>statistic</th><th>df</th><th><i>p</i></th>"
            + "<th>effect size</th><th>n</th><th>BF<sub>10</sub></th></tr>\n");
        for (RecognitionTest t : tests) {
            var res = t.row().result();
            h.append("<tr><td>").append(Fmt.html(t.phases())).append("</td><td>").append(Fmt.html(t.row().measure()))
                .append("</td><td>").append(res.test()).append("</td><td>").append(Fmt.html(t.row().groups()))
                .append("</td><td>").append(Apa.fixed(res.statistic(), 2)).append("</td><td>")
                .append(res.df() == null ? "" : Apa.df(res.df())).append("</td><td>")
                .append(Fmt.html(Apa.p(res.pValue()).replace("= ", ""))).append("</td><td>")
                .append(res.effectSize() == null ? "" : Apa.fixed(res.effectSize(), 2) + " " + res.effectSizeKind())
                .append("</td><td>").append(res.n()).append("</td><td>")
                .append(res.bf10() == null ? "" : Apa.bayesFactor(res.bf10(), true)).append("</td></tr>\n");
        }
        return h.append("</table>\n<p class=\"note\">Paired over participants: between the conditions of the studied images,"
            + " between lure types, and across phases of one task (forgetting; phases a;b, a − b); over three or more phases"
            + " of one task also Friedman's test (effect size Kendall's W) and Page's trend test of the decline"
            + " forgetting predicts (one-sided; a rise for the false-alarm rate).</p>\n").toString();
    }

    /** Boxes on test trials: per phase and role, the answered and boxed trials and the mean map intensity over images. */
    static String boxes(RecognitionResult r) {
        if (r.vms().stream().noneMatch(v -> v.boxed() > 0)) {
            return "";
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> intensity = new LinkedHashMap<>();
        for (RecognitionVms v : r.vms()) {
            String key = v.phase() + "\u0000" + v.task() + "\u0000" + v.kind();
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            c[0]++;
            c[1] += v.answers();
            c[2] += v.boxed();
            double[] s = intensity.computeIfAbsent(key, k -> new double[1]);
            s[0] += v.intensity();
        }
        StringBuilder h = new StringBuilder("<h3 id=\"test-vms\">Boxes on test trials</h3>\n<table><tr><th>phase</th>"
            + "<th>task</th><th>role</th><th>images</th><th>answered trials</th><th>boxed trials</th>"
            + "<th>mean VMS intensity</th></tr>\n");
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort((a, b) -> {
            int pa = Integer.parseInt(a.substring(0, a.indexOf('\u0000')));
            int pb = Integer.parseInt(b.substring(0, b.indexOf('\u0000')));
            return pa != pb ? Integer.compare(pa, pb) : Integer.compare(kindRank(a), kindRank(b));
        });
        for (String key : keys) {
            String[] k = key.split("\u0000");
            long[] c = counts.get(key);
            h.append("<tr><td>").append(k[0]).append("</td><td>").append(Fmt.html(k[1])).append("</td><td>").append(k[2])
                .append("</td><td>").append(c[0]).append("</td><td>").append(c[1]).append("</td><td>").append(c[2])
                .append("</td><td>").append(Apa.fixed(intensity.get(key)[0] / c[0], 4)).append("</td></tr>\n");
        }
        return h.append("</table>\n<p class=\"note\">Per old/new or old/similar/new phase and role: the images with an"
            + " answered trial, their answered and boxed trials, and the mean over those images of the VMS intensity (the"
            + " share of the image boxed per answered trial). The maps are in recognition/vms.csv and vms_maps.csv; the game's"
            + " VMS figures above use the game's boxes only.</p>\n").toString();
    }

    private static int kindRank(String key) {
        return key.endsWith("target") ? 0 : key.endsWith("lure") ? 1 : 2;
    }

    private static String delay(double seconds) {
        if (Double.isNaN(seconds)) {
            return "";
        }
        if (seconds >= 86_400) {
            return String.format(Locale.ROOT, "%.1f d", seconds / 86_400);
        }
        if (seconds >= 3_600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3_600);
        }
        return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }

    private static String rocPlot(int phase, List<RocPoint> points) {
        int size = 220;
        int left = 50;
        int top = 10;
        StringBuilder s = new StringBuilder("<figure><svg width=\"290\" height=\"275\" role=\"img\" aria-label=\"ROC of phase ")
            .append(phase).append("\">");
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
            left, top, size, size));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\" stroke-dasharray=\"4 3\"/>",
            left, top + size, left + size, top));
        for (int i = 0; i <= 4; i++) {
            double v = i / 4.0;
            int x = left + (int) Math.round(v * size);
            int y = top + size - (int) Math.round(v * size);
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.2f</text>",
                x, top + size + 14, v));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%.2f</text>",
                left - 4, y + 3, v));
        }
        StringBuilder path = new StringBuilder("M" + left + " " + (top + size));
        for (RocPoint p : points) {
            double x = left + p.falseAlarmRate() * size;
            double y = top + size - p.hitRate() * size;
            path.append(String.format(Locale.ROOT, " L%.1f %.1f", x, y));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#2a5db0\"/>", x, y));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#2a5db0\"/>");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">false-alarm rate"
            + " (foils called old, cumulative)</text>", left + size / 2, top + size + 30));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(12 %d) rotate(-90)\" font-size=\"11\" "
            + "text-anchor=\"middle\">hit rate (targets called old)</text>", top + size / 2));
        s.append("</svg><figcaption>Phase ").append(phase)
            .append(": pooled confidence ROC, one point per criterion (surest \"old\" first).</figcaption></figure>\n");
        return s.toString();
    }
}
