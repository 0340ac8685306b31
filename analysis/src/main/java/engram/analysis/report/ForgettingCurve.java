package engram.analysis.report;

import engram.analysis.recognition.PhaseInfo;
import engram.analysis.recognition.Recognition;
import engram.analysis.recognition.RecognitionResult;
import engram.analysis.recognition.RecognitionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's forgetting curves: for each task with two or more test phases and each measure of its forgetting
 * tests, the mean over participants with its 95% t interval (summary.csv) per phase and group, one line per group,
 * at x = the phase's median time since session 1 (phases.csv's {@code median_since_session1_s}). The x axis is
 * logarithmic when every phase has a positive time and they span a factor of 10 or more, linear from 0 when every
 * time is known, and otherwise the phases in order, equally spaced.
 */
final class ForgettingCurve {
    private static final String[] COLOURS = {"#222222", "#2a5db0", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d"};
    private static final int LEFT = 64;
    private static final int TOP = 34;
    private static final int PLOT_W = 250;
    private static final int PLOT_H = 190;

    /** How the x axis places the phases. */
    enum Scale { LOG, LINEAR, ORDINAL }

    private ForgettingCurve() {
    }

    /** @return the "Forgetting" subsection, empty when no task has two or more test phases */
    static String section(RecognitionResult r) {
        Map<String, List<PhaseInfo>> byTask = new LinkedHashMap<>();
        for (PhaseInfo p : r.phases()) {
            if (!p.task().equals("study")) {
                byTask.computeIfAbsent(p.task(), k -> new ArrayList<>()).add(p);
            }
        }
        StringBuilder h = new StringBuilder();
        for (var e : byTask.entrySet()) {
            List<PhaseInfo> phases = e.getValue();
            if (phases.size() < 2) {
                continue;
            }
            if (h.isEmpty()) {
                h.append("<h3 id=\"forgetting\">Forgetting</h3>\n");
            }
            for (String measure : Recognition.delayTestMeasures(e.getKey())) {
                h.append(figure(e.getKey(), phases, measure, r.summary()));
            }
            h.append("<p class=\"note\">").append(Fmt.html(e.getKey())).append(", phases ")
                .append(String.join(", ", phases.stream().map(p -> Integer.toString(p.phase())).toList()))
                .append(": mean over participants with its 95% t interval, per group (summary.csv); x is the phase's median"
                    + " time since session 1 (phases.csv, median_since_session1_s)")
                .append(switch (scale(phases)) {
                    case LOG -> ", on a logarithmic scale";
                    case LINEAR -> "";
                    case ORDINAL -> " where known; the phases are equally spaced because not every phase has one";
                })
                .append(". Foils are shared by every group, so the false-alarm rate is shown for all trials only.</p>\n");
        }
        return h.toString();
    }

    static Scale scale(List<PhaseInfo> phases) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (PhaseInfo p : phases) {
            double x = p.medianSinceFirst();
            if (Double.isNaN(x)) {
                return Scale.ORDINAL;
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return min > 0 && max / min >= 10 ? Scale.LOG : max > 0 ? Scale.LINEAR : Scale.ORDINAL;
    }

    /** @return x positions in pixels within the plot, one per phase */
    static double[] positions(List<PhaseInfo> phases, Scale scale) {
        int n = phases.size();
        double[] x = new double[n];
        double pad = 20;
        double width = PLOT_W - 2 * pad;
        if (scale == Scale.ORDINAL) {
            for (int i = 0; i < n; i++) {
                x[i] = pad + (n == 1 ? width / 2 : width * i / (n - 1));
            }
            return x;
        }
        double[] v = phases.stream().mapToDouble(p -> scale == Scale.LOG ? Math.log10(p.medianSinceFirst())
            : p.medianSinceFirst()).toArray();
        double lo = scale == Scale.LOG ? Double.POSITIVE_INFINITY : 0;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        for (int i = 0; i < n; i++) {
            x[i] = pad + (hi == lo ? width / 2 : width * (v[i] - lo) / (hi - lo));
        }
        return x;
    }

    /** @return a delay as a reader says it: "20 min", "1 d", "7.3 d", "session 1" for 0 */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "";
        }
        if (seconds == 0) {
            return "session 1";
        }
        if (seconds < 3_600) {
            return Math.max(1, Math.round(seconds / 60)) + " min";
        }
        if (seconds < 86_400) {
            return trim(seconds / 3_600) + " h";
        }
        return trim(seconds / 86_400) + " d";
    }

    private static String trim(double v) {
        String s = v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static boolean proportion(String measure) {
        return List.of("hit_rate", "false_alarm_rate", "auc", "proportion_correct").contains(measure);
    }

    private static String label(String measure) {
        return switch (measure) {
            case "hit_rate" -> "hit rate (targets called old)";
            case "false_alarm_rate" -> "false-alarm rate (foils called old)";
            case "dprime" -> "d′ (log-linear correction)";
            case "auc" -> "AUC of the confidence ROC";
            case "ldi" -> "LDI (similar | lure − similar | foil)";
            case "rec" -> "REC (old | target − old | foil)";
            case "proportion_correct" -> "proportion correct";
            default -> measure;
        };
    }

    private static String figure(String task, List<PhaseInfo> phases, String measure, List<RecognitionSummary> summary) {
        Map<String, RecognitionSummary[]> lines = linesByGroup(phases, measure, summary);
        YAxis axis = YAxis.around(lines.values(), proportion(measure));
        Scale scale = scale(phases);
        double[] px = positions(phases, scale);
        StringBuilder s = new StringBuilder("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" height=\"290\""
            + " role=\"img\" aria-label=\"Forgetting curve of ").append(Fmt.html(task)).append(", ").append(Fmt.html(measure))
            .append("\">");
        s.append("<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"600\">").append(Fmt.html(task)).append(": ")
            .append(Fmt.html(label(measure))).append("</text>");
        yAxis(s, axis, measure);
        xAxis(s, phases, px, scale);
        // one line per group, dodged sideways so that the intervals do not hide each other
        int g = 0;
        for (var e : lines.entrySet()) {
            double dodge = (g - (lines.size() - 1) / 2.0) * 3;
            groupLine(s, e.getKey(), e.getValue(), g, dodge, px, axis);
            g++;
        }
        return s.append("</svg></figure>\n").toString();
    }

    /** @return per group ("all" or "group_by: group"), the measure's summary row of each phase (null where none) */
    private static Map<String, RecognitionSummary[]> linesByGroup(List<PhaseInfo> phases, String measure,
                                                                  List<RecognitionSummary> summary) {
        Map<String, RecognitionSummary[]> lines = new LinkedHashMap<>();
        for (int i = 0; i < phases.size(); i++) {
            int phase = phases.get(i).phase();
            for (RecognitionSummary s : summary) {
                if (s.phase() != phase || !s.measure().equals(measure) || s.participants() == 0
                    || measure.equals("false_alarm_rate") && !s.groupBy().equals(Recognition.ALL)) {
                    continue;
                }
                String name = s.groupBy().equals(Recognition.ALL) ? "all" : s.groupBy() + ": " + s.group();
                lines.computeIfAbsent(name, k -> new RecognitionSummary[phases.size()])[i] = s;
            }
        }
        return lines;
    }

    /** The y axis: from lo to hi in ticks of step, covering 0, every mean and interval (and 0–1 for a proportion). */
    private record YAxis(double lo, double hi, double step) {
        static YAxis around(Iterable<RecognitionSummary[]> lines, boolean proportion) {
            double lo = 0;
            double hi = proportion ? 1 : 0;
            for (RecognitionSummary[] row : lines) {
                for (RecognitionSummary s : row) {
                    if (s != null) {
                        lo = Math.min(lo, Double.isNaN(s.ciLow()) ? s.mean() : s.ciLow());
                        hi = Math.max(hi, Double.isNaN(s.ciHigh()) ? s.mean() : s.ciHigh());
                    }
                }
            }
            double step = niceStep((hi - lo) / 4);
            lo = Math.floor(lo / step + 1e-9) * step;
            hi = Math.max(lo + step, Math.ceil(hi / step - 1e-9) * step);
            return new YAxis(lo, hi, step);
        }

        /** @return the pixel row of a value */
        double y(double v) {
            return TOP + PLOT_H - PLOT_H * (v - lo) / (hi - lo);
        }
    }

    /** Appends the y axis with its ticks, grid lines and label. */
    private static void yAxis(StringBuilder s, YAxis axis, String measure) {
        int bottom = TOP + PLOT_H;
        double step = axis.step();
        s.append(line(LEFT, TOP, LEFT, bottom, "#555"));
        for (double v = axis.lo(); v <= axis.hi() + step / 2; v += step) {
            double y = axis.y(v);
            s.append(line(LEFT - 4, y, LEFT + PLOT_W, y, Math.abs(v) < step / 2 ? "#999" : "#eee"));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                LEFT - 6, y + 3, tick(v, step)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 14 %d)\">%s</text>", TOP + PLOT_H / 2, TOP + PLOT_H / 2, Fmt.html(label(measure))));
    }

    /** Appends the x axis: a tick per phase with its delay and phase number, and the axis label. */
    private static void xAxis(StringBuilder s, List<PhaseInfo> phases, double[] px, Scale scale) {
        int bottom = TOP + PLOT_H;
        s.append(line(LEFT, bottom, LEFT + PLOT_W, bottom, "#555"));
        for (int i = 0; i < phases.size(); i++) {
            double x = LEFT + px[i];
            s.append(line(x, bottom, x, bottom + 4, "#555"));
            String d = duration(phases.get(i).medianSinceFirst());
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                x, bottom + 16, Fmt.html(d.isEmpty() ? "phase " + phases.get(i).phase() : d)));
            if (!d.isEmpty()) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"#666\" "
                    + "text-anchor=\"middle\">phase %d</text>", x, bottom + 28, phases.get(i).phase()));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
            LEFT + PLOT_W / 2, bottom + 46, switch (scale) {
                case LOG -> "median time since session 1 (log scale)";
                case LINEAR -> "median time since session 1";
                case ORDINAL -> "test phase";
            }));
    }

    /** Appends one group's line (the g-th, shifted sideways by dodge pixels): intervals, points, path and legend. */
    private static void groupLine(StringBuilder s, String name, RecognitionSummary[] row, int g, double dodge, double[] px,
                                  YAxis axis) {
        String colour = COLOURS[g % COLOURS.length];
        String dash = name.startsWith("lure_type") ? " stroke-dasharray=\"5 3\""
            : name.startsWith("alternative") ? " stroke-dasharray=\"2 2\"" : "";
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                continue;
            }
            double x = LEFT + px[i] + dodge;
            double y = axis.y(row[i].mean());
            path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            if (!Double.isNaN(row[i].ciLow())) {
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                    x, x, axis.y(row[i].ciLow()), axis.y(row[i].ciHigh()), colour));
            }
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, phase %d:"
                + " %s</title></circle>", x, y, colour, Fmt.html(name), row[i].phase(),
                Fmt.num(row[i].mean())));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour).append("\"")
            .append(dash).append(" stroke-width=\"1.5\"/>");
        int ly = TOP + 6 + 16 * g;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\"%s stroke-width=\"1.5\"/>",
            LEFT + PLOT_W + 14, LEFT + PLOT_W + 34, ly, ly, colour, dash));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
            LEFT + PLOT_W + 38, ly + 4, Fmt.html(name)));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
            x1, y1, x2, y2, colour);
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 0.25;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String tick(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9) + (step * Math.pow(10,
            Math.ceil(-Math.log10(step) - 1e-9)) % 1 == 0 ? 0 : 1));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step / 1e6 ? 0 : v);
    }
}
