package engram.analysis.report;

import engram.analysis.AnalysisResult;
import engram.analysis.Exclusion;
import engram.analysis.GroupSummary;
import engram.analysis.TestRow;
import engram.analysis.consistency.Consistency;
import engram.analysis.io.RunRecord;
import engram.analysis.io.TrialTiming;
import engram.analysis.scores.ImageScore;
import engram.analysis.stats.TestResult;
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
    /** The document's head with its style sheet, up to the opening body tag. */
    private static final String HEAD = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>engram analysis</title>\n<style>"
        + "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:70em;padding:0 1.5em;color:#1d2330}"
        + "h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #d9dde5;padding-bottom:.2em}"
        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #d9dde5;padding:3px 8px;font-size:13px;"
        + "text-align:right;font-variant-numeric:tabular-nums}td{white-space:nowrap}th{background:#f1f3f6}td:first-child,th:first-child{text-align:left}"
        + "table{display:block;max-width:100%;overflow-x:auto}#timing td,#devices td{text-align:left;white-space:normal}"
        + ".headline h2{margin-top:.6em}"
        + "svg{background:#fff;margin:4px;border:1px solid #eceef2}figure{display:inline-block;margin:4px;vertical-align:top}"
        + "figcaption{font-size:12px;color:#5c6475;max-width:320px}.muted{color:#5c6475}"
        + ".headline{background:#f4f7fd;border:1px solid #c9d6f2;border-radius:8px;padding:.4em 1.2em 1em;margin:1em 0}"
        + ".headline p.result{font-size:16px;margin:.6em 0}.note{font-size:13px;color:#5c6475}</style></head><body>\n";

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
        return Double.isNaN(v) ? "" : Apa.fixed(v, 3);
    }

    /**
     * @param r       the analysis
     * @param missing ids of images drawn on grey because the stimulus was not available
     * @return the HTML document
     */
    public static String render(AnalysisResult r, List<String> missing) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append(HEAD).append("<h1>engram analysis</h1>\n");
        if (r.study().responses().size() == 0 && !r.recognition().isEmpty()) {
            // only study and test phases: the continuous game's sections would be empty
            h.append("<p class=\"muted\">responses.csv has study and test phases and no rows of the continuous game, whose"
                + " sections are left out. Every figure is in recognition/*.csv next to this file, unrounded.</p>\n");
            h.append(RecognitionReport.section(r.recognition()));
            h.append(exclusionSection(r));
            return h.append("</body></html>\n").toString();
        }
        long excluded = r.participants().stream().filter(p -> p.excluded()).count();
        h.append("<p class=\"muted\">").append(r.participants().size() - excluded).append(" participants analysed (")
            .append(r.participants().size()).append(" scored, ").append(excluded).append(" excluded by the attention rule), ")
            .append(r.images().size()).append(" images, VMS grid ").append(r.vms().grid()).append(" × ").append(r.vms().grid())
            .append(", ").append(r.options().splits()).append(" split-halves, seed ").append(r.options().seed())
            .append(". Every figure is in the CSVs next to this file, unrounded.</p>\n");
        h.append(headline(Headline.of(r)));
        h.append(exclusionSection(r));
        h.append(dataQuality(r));
        h.append(RecognitionReport.section(r.recognition()));
        h.append("<h2 id=\"conditions\">Conditions</h2>\n").append(conditionTable(r.conditions()));
        h.append("<h2 id=\"rates\">Hit and false-alarm rates per condition</h2>\n");
        h.append(strip(r.images(), ImageScore::hitRate, "Image hit rate by condition", "hit rate (repeats recognised / repeats shown)"));
        h.append(strip(r.images(), ImageScore::falseAlarmRate, "Image false-alarm rate by condition", "false-alarm rate (first showings called repeats)"));
        h.append("<p class=\"note\">One dot per image; the red bar is the condition mean.</p>\n");
        h.append(pairsSection(r));
        h.append("<h2 id=\"tests\">All tests</h2>\n").append(testTable(r.tests()));
        h.append("<h2 id=\"consistency\">Split-half consistency</h2>\n").append(consistencyTable(r.consistency()));
        h.append(scatter(r.splitExampleA(), r.splitExampleB()));
        h.append(heatmapsSection(r, missing));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The pairs' members side by side: hit rate and VMS intensity, one line per pair. */
    private static String pairsSection(AnalysisResult r) {
        String first = r.options().pairConditions().get(0);
        String second = r.options().pairConditions().get(1);
        StringBuilder h = new StringBuilder();
        h.append("<h2 id=\"pairs\">Pairs: ").append(Fmt.html(first)).append(" vs ").append(Fmt.html(second)).append("</h2>\n");
        h.append(pairedDots(r.images(), first, second, ImageScore::hitRate, "Hit rate", "hit rate (proportion)", false));
        h.append(pairedDots(r.images(), first, second, ImageScore::vmsTrueIntensity, "VMS intensity",
            "VMS intensity (share of image boxed)", true));
        h.append("<p class=\"note\">One line per pair; blue where the ").append(Fmt.html(first))
            .append(" member scored higher, red where lower.</p>\n");
        return h.toString();
    }

    private static String heatmapsSection(AnalysisResult r, List<String> missing) {
        StringBuilder h = new StringBuilder("<h2 id=\"heatmaps\">VMS heatmaps</h2>\n");
        h.append("<p class=\"note\">Where participants boxed what they remembered, over hits: yellow (few) to red (the image's most boxed cell),"
            + " on a ").append(r.vms().grid()).append(" × ").append(r.vms().grid()).append(" grid over the image.</p>\n");
        if (!missing.isEmpty()) {
            h.append("<p>").append(missing.size()).append(" image(s) were not available and are drawn on a grey square: ")
                .append(Fmt.html(String.join(", ", missing.subList(0, Math.min(20, missing.size())))))
                .append(missing.size() > 20 ? ", …" : "").append("</p>\n");
        }
        return h.append(heatmaps(r)).toString();
    }

    /** Decimals for a measure's means and differences: 3 for rates in [0, 1], else by the CI's precision. */
    public static int decimals(Headline.Row row) {
        return Apa.decimalsFor(Double.isNaN(row.ciHigh()) ? Math.abs(row.meanDifference()) : (row.ciHigh() - row.ciLow()) / 2);
    }

    /** The headline: one sentence per measure as a paper reports it, and the same figures in a table. */
    public static String headline(List<Headline.Row> rows) {
        StringBuilder h = new StringBuilder("<section class=\"headline\" id=\"headline\"><h2>Headline results</h2>\n");
        if (rows.isEmpty()) {
            return h.append("<p>No pairs.</p></section>\n").toString();
        }
        Headline.Row any = rows.get(0);
        h.append("<p class=\"note\">Paired tests over image pairs (").append(Fmt.html(any.first())).append(" vs ")
            .append(Fmt.html(any.second())).append(" member of each pair): mean difference with its 95% confidence interval,")
            .append(" Student's t, Cohen's d<sub>z</sub> (mean difference / SD of the differences) and the JZS Bayes factor")
            .append(" BF<sub>10</sub> (r = √2/2); the Wilcoxon signed-rank test as a check.</p>\n");
        for (Headline.Row row : rows) {
            int dec = decimals(row);
            TestResult t = row.t();
            h.append("<p class=\"result\" data-measure=\"").append(row.measure()).append("\"><strong>")
                .append(Fmt.html(row.label())).append(":</strong> ").append(Fmt.html(row.first())).append(" <i>M</i> = ")
                .append(Apa.fixed(row.meanFirst(), dec)).append(", ").append(Fmt.html(row.second())).append(" <i>M</i> = ")
                .append(Apa.fixed(row.meanSecond(), dec)).append("; difference ").append(Apa.fixed(row.meanDifference(), dec))
                .append(", 95% CI ").append(Apa.interval(row.ciLow(), row.ciHigh(), dec));
            if (t != null) {
                h.append(", <i>t</i>(").append(Apa.df(t.df())).append(") = ").append(Apa.fixed(t.statistic(), 2))
                    .append(", <i>p</i> ").append(Fmt.html(Apa.p(t.pValue()))).append(", <i>d</i><sub>z</sub> = ")
                    .append(Apa.fixed(t.effectSize(), 2)).append(", BF<sub>10</sub> = ").append(Apa.bayesFactor(t.bf10(), true));
            }
            h.append(" (").append(row.pairs()).append(" pairs).</p>\n");
        }
        h.append("<table id=\"headline-table\"><tr><th>measure</th><th>pairs</th><th>").append(Fmt.html(any.first()))
            .append(" <i>M</i></th><th>").append(Fmt.html(any.second())).append(" <i>M</i></th><th>difference</th><th>95% CI</th>")
            .append("<th><i>t</i></th><th>df</th><th><i>p</i></th><th><i>d</i><sub>z</sub></th><th>BF<sub>10</sub></th>")
            .append("<th>log<sub>10</sub> BF<sub>10</sub></th><th>Wilcoxon <i>p</i></th></tr>\n");
        for (Headline.Row row : rows) {
            int dec = decimals(row);
            TestResult t = row.t();
            TestResult w = row.wilcoxon();
            h.append("<tr data-measure=\"").append(row.measure()).append("\">");
            cell(h, "label", Fmt.html(row.label()));
            cell(h, "n", Integer.toString(row.pairs()));
            cell(h, "mean_first", Apa.fixed(row.meanFirst(), dec));
            cell(h, "mean_second", Apa.fixed(row.meanSecond(), dec));
            cell(h, "mean_difference", Apa.fixed(row.meanDifference(), dec));
            cell(h, "ci", Apa.interval(row.ciLow(), row.ciHigh(), dec));
            cell(h, "t", t == null ? "n/a" : Apa.fixed(t.statistic(), 2));
            cell(h, "df", t == null ? "n/a" : Apa.df(t.df()));
            cell(h, "p", t == null ? "n/a" : Fmt.html(Apa.p(t.pValue())));
            cell(h, "dz", t == null ? "n/a" : Apa.fixed(t.effectSize(), 2));
            cell(h, "bf10", t == null ? "n/a" : Apa.bayesFactor(t.bf10(), true));
            cell(h, "log10_bf10", t == null ? "n/a" : Apa.log10BayesFactor(t.bf10()));
            cell(h, "wilcoxon_p", w == null ? "n/a" : Fmt.html(Apa.p(w.pValue())));
            h.append("</tr>\n");
        }
        return h.append("</table></section>\n").toString();
    }

    /** The data-quality section: display timing (duration bias and SD, dropped frames) from responses.csv, and devices. */
    public static String dataQuality(AnalysisResult r) {
        TrialTiming t = r.study().responses().timing();
        StringBuilder h = new StringBuilder("<h2 id=\"data-quality\">Data quality</h2>\n<h3>Display timing</h3>\n");
        if (t.trials() == 0) {
            return h.append("<p>No measured display durations (duration_ms) in responses.csv.</p>\n").toString();
        }
        h.append("<p class=\"note\">Measured in each participant's browser: from the animation frame on which the image became")
            .append(" visible to the one on which it was hidden (duration_ms), over the ").append(t.trials())
            .append(" trials analysed (all kinds; interrupted displays left out).</p>\n<table id=\"timing\">");
        boolean designed = !Double.isNaN(t.displayMs());
        row(h, "designed display duration", designed ? Apa.fixed(t.displayMs(), 0) + " ms" : "not in the input (experiment.json)");
        row(h, "measured duration, mean (SD)", Apa.fixed(t.meanMs(), 1) + " ms (" + Apa.fixed(t.sdMs(), 1) + " ms)");
        if (designed) {
            row(h, "bias (mean measured − designed)", (t.biasMs() > 0 ? "+" : "") + Apa.fixed(t.biasMs(), 1) + " ms");
            row(h, "within ±1 frame at 60 Hz (±16.7 ms) of the design", Apa.fixed(100 * t.shareWithin(1000.0 / 60), 1) + "% of trials");
        }
        row(h, "median [5th, 95th percentile]", Apa.fixed(t.quantileMs(0.5), 1) + " ms " + Apa.interval(t.quantileMs(0.05), t.quantileMs(0.95), 1));
        row(h, "shortest, longest", Apa.fixed(t.minMs(), 1) + " ms, " + Apa.fixed(t.maxMs(), 1) + " ms");
        if (t.droppedFrameTrials() > 0) {
            row(h, "trials with a dropped frame", t.trialsWithDroppedFrames() + " of " + t.droppedFrameTrials() + " ("
                + Apa.fixed(100.0 * t.trialsWithDroppedFrames() / t.droppedFrameTrials(), 1) + "%)");
            row(h, "dropped frames per trial, mean", Apa.fixed((double) t.droppedFrames() / t.droppedFrameTrials(), 2));
        } else {
            row(h, "dropped frames", "not in the input (no dropped_frames column)");
        }
        h.append("</table>\n");
        return h.append(devices(r)).toString();
    }

    /** Browsers, systems and refresh rates of the runs analysed, from participants.csv's browser-check columns. */
    static String devices(AnalysisResult r) {
        java.util.Set<String> leftOut = new java.util.HashSet<>();
        r.study().leftOut().forEach(run -> leftOut.add(run.runId()));
        List<RunRecord> runs = r.study().runs().stream().filter(run -> !leftOut.contains(run.runId())).toList();
        StringBuilder h = new StringBuilder("<h3>Devices</h3>\n");
        if (runs.isEmpty() || runs.stream().allMatch(run -> run.browser().isEmpty() && run.os().isEmpty() && run.refreshHz().isEmpty())) {
            return h.append("<p>No browser-check columns (browser, os, refresh_hz) in the input's participants.csv.</p>\n").toString();
        }
        h.append("<p class=\"note\">The ").append(runs.size()).append(" runs analysed, from participants.csv (named from the user agent;")
            .append(" refresh rate measured from animation frames, rounded to whole Hz).</p>\n<table id=\"devices\">");
        row(h, "browser", counts(runs, RunRecord::browser));
        row(h, "operating system", counts(runs, RunRecord::os));
        row(h, "refresh rate", counts(runs, run -> {
            try {
                return run.refreshHz().isEmpty() ? "" : Math.round(Double.parseDouble(run.refreshHz())) + " Hz";
            } catch (NumberFormatException e) {
                return run.refreshHz();
            }
        }));
        return h.append("</table>\n").toString();
    }

    /** @return "Chrome 126: 30, Firefox 128: 10, not recorded: 2", most frequent first, then by name */
    private static String counts(List<RunRecord> runs, java.util.function.Function<RunRecord, String> key) {
        Map<String, Integer> n = new java.util.TreeMap<>();
        for (RunRecord run : runs) {
            String k = key.apply(run);
            n.merge(k.isEmpty() ? "not recorded" : k, 1, Integer::sum);
        }
        return n.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .map(e -> e.getKey() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th scope=\"row\">").append(Fmt.html(label)).append("</th><td>").append(Fmt.html(value)).append("</td></tr>\n");
    }

    private static void cell(StringBuilder h, String name, String html) {
        h.append("<td data-col=\"").append(name).append("\">").append(html).append("</td>");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String conditionTable(List<GroupSummary> groups) {
        StringBuilder t = new StringBuilder("<table><tr><th>condition</th><th>images</th><th>mean HR</th><th>mean FAR</th>"
            + "<th>mean d′ (images)</th><th>mean VMS intensity</th><th>participants</th><th>mean d′ (participants)</th></tr>\n");
        for (GroupSummary g : groups) {
            t.append("<tr><td>").append(Fmt.html(g.group())).append("</td><td>").append(g.images()).append("</td><td>")
                .append(Apa.fixed(g.meanHitRate(), 3)).append("</td><td>").append(Apa.fixed(g.meanFalseAlarmRate(), 3))
                .append("</td><td>").append(Apa.fixed(g.meanDprime(), 2)).append("</td><td>")
                .append(Apa.fixed(g.meanVmsTrueIntensity(), 3)).append("</td><td>").append(g.participants()).append("</td><td>")
                .append(Apa.fixed(g.meanParticipantDprime(), 2)).append("</td></tr>\n");
        }
        return t.append("</table>\n<p class=\"note\">HR: hit rate; FAR: false-alarm rate; d′ with the log-linear correction.</p>\n").toString();
    }

    private static String testTable(List<TestRow> tests) {
        StringBuilder t = new StringBuilder("<table id=\"tests-table\"><tr><th>measure</th><th>test</th><th>groups</th><th>statistic</th>"
            + "<th>df</th><th><i>p</i></th><th>effect size</th><th>kind</th><th>n</th><th>BF<sub>10</sub></th></tr>\n");
        for (TestRow row : tests) {
            var r = row.result();
            t.append("<tr><td>").append(Fmt.html(row.measure())).append("</td><td>").append(r.test()).append("</td><td>")
                .append(Fmt.html(row.groups())).append("</td><td>").append(Apa.fixed(r.statistic(), 2)).append("</td><td>")
                .append(r.df() == null ? "" : Apa.df(r.df())).append("</td><td>").append(Fmt.html(Apa.p(r.pValue()).replace("= ", "")))
                .append("</td><td>").append(r.effectSize() == null ? "" : Apa.fixed(r.effectSize(), 2)).append("</td><td>")
                .append(r.effectSizeKind() == null ? "" : r.effectSizeKind()).append("</td><td>").append(r.n())
                .append("</td><td>").append(r.bf10() == null ? "" : Apa.bayesFactor(r.bf10(), true)).append("</td></tr>\n");
        }
        return t.append("</table>\n<p class=\"note\">Statistics: t (paired_t), W = min(R+, R−) (wilcoxon), U of the first group"
            + " (mann_whitney), H (kruskal_wallis), F (anova), ρ (spearman). Two-sided p-values.</p>\n").toString();
    }

    private static String consistencyTable(List<Consistency> list) {
        StringBuilder t = new StringBuilder("<table><tr><th>measure</th><th>splits</th><th>mean ρ</th><th>SD ρ</th>"
            + "<th>Spearman–Brown</th></tr>\n");
        for (Consistency c : list) {
            t.append("<tr><td>").append(c.measure()).append("</td><td>").append(c.splits()).append("</td><td>")
                .append(Apa.fixed(c.meanRho(), 2)).append("</td><td>").append(Apa.fixed(c.sdRho(), 2)).append("</td><td>")
                .append(Apa.fixed(c.spearmanBrown(), 2)).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** Strip plot of a rate in [0, 1] per condition with a deterministic jitter and the mean as a bar. */
    private static String strip(List<ImageScore> images, ToDoubleFunction<ImageScore> value, String title, String yLabel) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        for (ImageScore s : images) {
            double v = value.applyAsDouble(s);
            if (Double.isFinite(v)) {
                groups.computeIfAbsent(s.condition(), k -> new ArrayList<>()).add(v);
            }
        }
        int width = 120 * Math.max(1, groups.size()) + 100;
        int height = 290;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
            .append(height).append("\" role=\"img\" aria-label=\"").append(Fmt.html(title)).append("\">");
        svg.append("<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"600\">").append(Fmt.html(title)).append("</text>");
        axisY(svg, 70, 40, 200, 1, yLabel);
        axisX(svg, 70, 240, width - 80, "condition (n = images)");
        int g = 0;
        for (var e : groups.entrySet()) {
            double cx = 140 + 120 * g;
            List<Double> vals = e.getValue();
            int step = Math.max(1, vals.size() / MAX_POINTS);
            double sum = 0;
            for (int i = 0; i < vals.size(); i++) {
                sum += vals.get(i);
                if (i % step == 0) {
                    double jitter = ((i * 0.618034) % 1.0 - 0.5) * 60;
                    svg.append("<circle cx=\"").append(f(cx + jitter)).append("\" cy=\"").append(f(240 - 200 * vals.get(i)))
                        .append("\" r=\"2\" fill=\"#3366aa\" fill-opacity=\"0.5\"/>");
                }
            }
            double mean = sum / vals.size();
            svg.append("<line x1=\"").append(f(cx - 40)).append("\" x2=\"").append(f(cx + 40)).append("\" y1=\"")
                .append(f(240 - 200 * mean)).append("\" y2=\"").append(f(240 - 200 * mean))
                .append("\" stroke=\"#cc3300\" stroke-width=\"2\"/>");
            svg.append("<text x=\"").append(f(cx)).append("\" y=\"256\" font-size=\"12\" text-anchor=\"middle\">")
                .append(Fmt.html(e.getKey())).append(" (").append(vals.size()).append(")</text>");
            g++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** A vertical axis from 0 (at top + length) to max (at top), 5 ticks, with its label rotated along it. */
    private static void axisY(StringBuilder svg, int x, int top, int length, double max, String label) {
        svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(top)
            .append("\" y2=\"").append(top + length).append("\" stroke=\"#555\"/>");
        int decimals = Apa.decimalsFor(max / 4);
        for (int k = 0; k <= 4; k++) {
            double y = top + length - length * k / 4.0;
            svg.append("<line x1=\"").append(x - 4).append("\" x2=\"").append(x).append("\" y1=\"").append(f(y))
                .append("\" y2=\"").append(f(y)).append("\" stroke=\"#555\"/>");
            svg.append("<text x=\"").append(x - 6).append("\" y=\"").append(f(y + 4))
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(Apa.fixed(max * k / 4.0, decimals)).append("</text>");
        }
        double mid = top + length / 2.0;
        svg.append("<text x=\"14\" y=\"").append(f(mid)).append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
            .append(f(mid)).append(")\">").append(Fmt.html(label)).append("</text>");
    }

    /** A horizontal axis line with its label under the tick labels. */
    private static void axisX(StringBuilder svg, int x, int y, int length, String label) {
        svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x + length).append("\" y1=\"").append(y)
            .append("\" y2=\"").append(y).append("\" stroke=\"#555\"/>");
        svg.append("<text x=\"").append(f(x + length / 2.0)).append("\" y=\"").append(y + 36)
            .append("\" font-size=\"11\" text-anchor=\"middle\">").append(Fmt.html(label)).append("</text>");
    }

    /** @return the smallest of 1, 2, 2.5, 5 × 10^k at or above v (an axis maximum); 1 for v ≤ 0 */
    static double niceCeiling(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String pairedDots(List<ImageScore> images, String first, String second,
                                     ToDoubleFunction<ImageScore> value, String title, String yLabel, boolean scaleToData) {
        double[][] xy = Headline.pairedValues(images, first, second, value);
        int n = xy[0].length;
        double max = 1;
        if (scaleToData) {
            double top = 0;
            for (int i = 0; i < n; i++) {
                top = Math.max(top, Math.max(xy[0][i], xy[1][i]));
            }
            max = niceCeiling(top);
        }
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"340\" height=\"290\" role=\"img\" aria-label=\"")
            .append(Fmt.html(title)).append(" by pair\">");
        svg.append("<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"600\">").append(Fmt.html(title)).append(" by pair (")
            .append(n).append(" pairs)</text>");
        axisY(svg, 70, 40, 200, max, yLabel);
        axisX(svg, 70, 240, 250, "pair member (condition)");
        int step = Math.max(1, n / 500);
        for (int i = 0; i < n; i += step) {
            double y0 = 240 - 200 * xy[0][i] / max;
            double y1 = 240 - 200 * xy[1][i] / max;
            svg.append("<line x1=\"130\" x2=\"250\" y1=\"").append(f(y0)).append("\" y2=\"").append(f(y1))
                .append("\" stroke=\"").append(xy[0][i] >= xy[1][i] ? "#3366aa" : "#cc3300").append("\" stroke-opacity=\"0.4\"/>")
                .append("<circle cx=\"130\" cy=\"").append(f(y0)).append("\" r=\"2\"/><circle cx=\"250\" cy=\"")
                .append(f(y1)).append("\" r=\"2\"/>");
        }
        svg.append("<text x=\"130\" y=\"256\" font-size=\"12\" text-anchor=\"middle\">").append(Fmt.html(first))
            .append("</text><text x=\"250\" y=\"256\" font-size=\"12\" text-anchor=\"middle\">").append(Fmt.html(second))
            .append("</text>");
        return svg.append("</svg>\n").toString();
    }

    private static String scatter(double[] a, double[] b) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"330\" height=\"330\" role=\"img\""
            + " aria-label=\"Image hit rate, half A vs half B\">");
        svg.append("<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"600\">Image hit rate, half A vs half B (split 1)</text>");
        svg.append("<rect x=\"70\" y=\"40\" width=\"220\" height=\"220\" fill=\"none\" stroke=\"#555\"/>");
        axisY(svg, 70, 40, 220, 1, "hit rate in half B of the participants");
        for (int k = 0; k <= 4; k++) {
            double x = 70 + 220 * k / 4.0;
            svg.append("<text x=\"").append(f(x)).append("\" y=\"274\" font-size=\"10\" text-anchor=\"middle\">")
                .append(Apa.fixed(k / 4.0, 2)).append("</text>");
        }
        svg.append("<text x=\"180\" y=\"296\" font-size=\"11\" text-anchor=\"middle\">hit rate in half A of the participants</text>");
        int step = Math.max(1, a.length / MAX_POINTS);
        for (int i = 0; i < a.length; i += step) {
            svg.append("<circle cx=\"").append(f(70 + 220 * a[i])).append("\" cy=\"").append(f(260 - 220 * b[i]))
                .append("\" r=\"2\" fill=\"#3366aa\" fill-opacity=\"0.4\"/>");
        }
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
            Optional<BufferedImage> img = r.study().images().load(r.study().manifest().row(i).file());
            byte[] png = Heatmaps.png(Heatmaps.smooth(r.vms().trueMap(i), g, r.options().smoothingSigma()), g, img);
            h.append("<figure><img width=\"200\" alt=\"true VMS map of ").append(Fmt.html(s.imageId()))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\"><figcaption>").append(Fmt.html(s.imageId())).append(" (").append(Fmt.html(s.condition()))
                .append("), VMS intensity ").append(Apa.fixed(s.vmsTrueIntensity(), 3))
                .append(img.isPresent() ? "" : ", image not available").append("</figcaption></figure>\n");
        }
        if (candidates.isEmpty()) {
            h.append("<p>No VMS boxes on hits.</p>\n");
        }
        return h.toString();
    }
}
