package engram.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.recognition.PhaseInfo;
import engram.analysis.recognition.RecognitionResult;
import engram.analysis.recognition.RecognitionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forgetting curve of report.html: axis choice, delay labels, and points placed at their means. */
class ForgettingCurveTest {
    static PhaseInfo phase(int phase, int session, String task, double sinceFirst) {
        return new PhaseInfo(phase, session, task, 10, 100, 100, 0, Double.NaN, Double.NaN, Double.NaN, sinceFirst);
    }

    @ParameterizedTest(name = "{0} s")
    @CsvSource({"0, session 1", "59, 1 min", "1270, 21 min", "7200, 2 h", "5400, 1.5 h", "45000, 13 h", "86410.5, 1 d",
        "632871, 7.3 d", "2592000, 30 d", "NaN, ''"})
    void delaysReadAsPeopleSayThem(double seconds, String label) {
        assertEquals(label, ForgettingCurve.duration(seconds));
    }

    @Test
    void theAxisIsLogarithmicOnlyWhenTheDelaysSpanAFactorOfTen() {
        assertEquals(ForgettingCurve.Scale.LOG, ForgettingCurve.scale(List.of(phase(2, 2, "old-new", 1200),
            phase(3, 3, "old-new", 86_400), phase(4, 4, "old-new", 604_800))));
        assertEquals(ForgettingCurve.Scale.LINEAR, ForgettingCurve.scale(List.of(phase(2, 2, "old-new", 86_400),
            phase(3, 3, "old-new", 604_800))));
        // a test in session 1 is at 0, which a log axis cannot show
        assertEquals(ForgettingCurve.Scale.LINEAR, ForgettingCurve.scale(List.of(phase(2, 1, "old-new", 0),
            phase(3, 2, "old-new", 90_000))));
        assertEquals(ForgettingCurve.Scale.ORDINAL, ForgettingCurve.scale(List.of(phase(2, 1, "old-new", 0),
            phase(3, 2, "old-new", Double.NaN))));
        // log positions: 20 min, 1 d, 7 d → equal steps for equal ratios
        double[] x = ForgettingCurve.positions(List.of(phase(2, 2, "x", 100), phase(3, 3, "x", 1_000),
            phase(4, 4, "x", 10_000)), ForgettingCurve.Scale.LOG);
        assertEquals(x[1] - x[0], x[2] - x[1], 1e-9);
        assertTrue(x[0] < x[1]);
    }

    @Test
    void eachMeasureHasAFigureWithALinePerGroupAndPointsAtTheMeans() {
        List<PhaseInfo> phases = List.of(phase(1, 1, "study", 0), phase(2, 2, "old-new", 1200),
            phase(3, 3, "old-new", 86_400), phase(4, 4, "old-new", 604_800), phase(5, 4, "2afc", 604_800));
        List<RecognitionSummary> summary = new ArrayList<>();
        double[] hit = {0.8, 0.65, 0.5};
        for (int i = 0; i < 3; i++) {
            for (String[] g : new String[][] {{"all", "all"}, {"condition", "high"}, {"lure_type", "perceptual"}}) {
                for (String m : List.of("hit_rate", "false_alarm_rate", "dprime", "auc")) {
                    double v = m.equals("dprime") ? 2 * hit[i] : hit[i];
                    summary.add(new RecognitionSummary(i + 2, i + 2, "old-new", g[0], g[1], m, 10, v, 0.1, v - 0.05, v + 0.05));
                }
            }
        }
        RecognitionResult r = new RecognitionResult(phases, List.of(), List.of(), summary, List.of(), List.of(), List.of());
        String html = ForgettingCurve.section(r);
        assertTrue(html.startsWith("<h3 id=\"forgetting\">Forgetting</h3>"));
        for (String m : List.of("hit_rate", "false_alarm_rate", "dprime", "auc")) {
            assertTrue(html.contains("aria-label=\"Forgetting curve of old-new, " + m + "\""), m);
        }
        assertFalse(html.contains("Forgetting curve of 2afc"), "one 2AFC phase: no curve");
        String hitFigure = html.substring(html.indexOf("old-new, hit_rate"), html.indexOf("old-new, false_alarm_rate"));
        assertEquals(3, count(hitFigure, "<path "), "all, condition: high, lure_type: perceptual");
        assertTrue(hitFigure.contains("stroke-dasharray=\"5 3\""), "lure types dashed");
        assertTrue(hitFigure.contains(">20 min<") && hitFigure.contains(">1 d<") && hitFigure.contains(">7 d<"));
        assertTrue(hitFigure.contains("(log scale)"));
        String faFigure = html.substring(html.indexOf("old-new, false_alarm_rate"), html.indexOf("old-new, dprime"));
        assertEquals(1, count(faFigure, "<path "), "shared foils: one line");
        // the y of each point matches its mean on the axis 0..1 (plot 190 px high, top at 34)
        Matcher c = Pattern.compile("<circle cx=\"[0-9.]+\" cy=\"([0-9.]+)\" r=\"3\" fill=\"#222222\"><title>all, phase (\\d)")
            .matcher(hitFigure);
        int points = 0;
        while (c.find()) {
            double mean = hit[Integer.parseInt(c.group(2)) - 2];
            assertEquals(34 + 190 * (1 - mean), Double.parseDouble(c.group(1)), 0.06);
            points++;
        }
        assertEquals(3, points);
        // d′ runs to 2 × 0.8 + 0.05: a nice axis up to 2.0
        String d = html.substring(html.indexOf("old-new, dprime"), html.indexOf("old-new, auc"));
        assertTrue(d.contains(">2.0</text>") && d.contains(">0.0</text>") && !d.contains(">-"), d);
    }

    @Test
    void aSingleTestPhasePerTaskHasNoCurve() {
        RecognitionResult r = new RecognitionResult(List.of(phase(1, 1, "study", 0), phase(2, 1, "old-new", 0)),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals("", ForgettingCurve.section(r));
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }
}
