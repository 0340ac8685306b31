package engram.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.core.csv.CsvReader;
import engram.analysis.io.StudyReader;
import engram.analysis.synthetic.SyntheticExport;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report a reader sees: the headline comes first, its numbers are those of headline.csv and tests.csv rounded as
 * printed, no number carries more decimals than a paper would print, and every plot has axes with labels.
 */
class ReportNumbersTest {
    @TempDir
    static Path dir;
    static String html;
    static Path out;

    @BeforeAll
    static void analyse() throws IOException {
        Path files = dir.resolve("files");
        // 60 images (54 paired), 40 participants: a clear high-vs-low effect, as in the model study
        SyntheticExport.writeFolder(new SyntheticExport.Design(60, 40, 20, 4, 3, true, 7), files);
        var study = StudyReader.withProgress(s -> { }).readFiles(files.resolve("responses.csv"), files.resolve("boxes.csv"),
            files.resolve("manifest.csv"));
        AnalysisResult r = Analysis.of(study).with(AnalysisOptions.defaults().withSplits(20)).run();
        out = Files.createDirectories(dir.resolve("out"));
        OutputWriter.write(r, out, s -> { });
        html = Files.readString(out.resolve("report.html"));
    }

    @Test
    void theHeadlineComesFirst() {
        int headline = html.indexOf("id=\"headline\"");
        assertTrue(headline > 0);
        for (String later : List.of("id=\"conditions\"", "id=\"pairs\"", "id=\"tests\"", "id=\"consistency\"")) {
            assertTrue(html.indexOf(later) > headline, later + " comes after the headline");
        }
    }

    @Test
    void headlineNumbersAreTheCsvNumbersAsPrinted() throws IOException {
        Map<String, Map<String, String>> headline = byKey(out.resolve("headline.csv"), "measure");
        Map<String, Map<String, String>> tests = new HashMap<>();
        for (Map<String, String> row : rows(out.resolve("tests.csv"))) {
            tests.put(row.get("measure") + "/" + row.get("groups") + "/" + row.get("test"), row);
        }
        int checked = 0;
        for (String measure : List.of("hit_rate", "vms_true_intensity")) {
            Map<String, String> cells = cells(measure);
            Map<String, String> h = headline.get(measure);
            assertNotNull(h, measure + " in headline.csv");
            Map<String, String> t = tests.get(measure + "/high-low/paired_t");
            Map<String, String> w = tests.get(measure + "/high-low/wilcoxon");
            assertEquals(h.get("pairs"), cells.get("n"));
            assertEquals(t.get("n"), cells.get("n"), "the headline's pairs are the test's n");
            int dec = decimalsOf(cells.get("mean_difference"));
            assertTrue(dec >= 2, cells.get("mean_difference"));
            assertSame(h.get("mean_first"), cells.get("mean_first"));
            assertSame(h.get("mean_second"), cells.get("mean_second"));
            assertSame(h.get("mean_difference"), cells.get("mean_difference"));
            String[] ci = cells.get("ci").replaceAll("[\\[\\]]", "").split(", ");
            assertSame(h.get("ci95_low"), ci[0]);
            assertSame(h.get("ci95_high"), ci[1]);
            assertSame(t.get("statistic"), cells.get("t"));
            assertEquals(t.get("df"), cells.get("df"));
            assertSame(t.get("effect_size"), cells.get("dz"));
            assertP(t.get("p_value"), cells.get("p"));
            assertP(w.get("p_value"), cells.get("wilcoxon_p"));
            assertBayesFactor(t.get("bf10"), cells.get("bf10"));
            assertSame(String.valueOf(Math.log10(Double.parseDouble(t.get("bf10")))), cells.get("log10_bf10"));
            // the sentence above the table carries the same figures
            String sentence = text(find("<p class=\"result\" data-measure=\"" + measure + "\">(.*?)</p>"));
            for (String key : List.of("mean_first", "mean_second", "mean_difference", "ci", "t", "dz", "bf10")) {
                assertTrue(sentence.contains(cells.get(key)), key + " " + cells.get(key) + " in: " + sentence);
            }
            assertTrue(sentence.contains("t(" + cells.get("df") + ") = " + cells.get("t")), sentence);
            assertTrue(sentence.contains("p " + cells.get("p")), sentence);
            checked++;
        }
        assertEquals(2, checked);
        assertTrue(Double.parseDouble(tests.get("hit_rate/high-low/paired_t").get("p_value")) < 0.05,
            "the synthetic study has a real high-vs-low effect, so the test above compared real numbers");
    }

    @Test
    void aDataQualitySectionReportsTheDisplayTiming() {
        int quality = html.indexOf("id=\"data-quality\"");
        assertTrue(quality > html.indexOf("id=\"headline\"") && quality < html.indexOf("id=\"conditions\""));
        // the synthetic export shows every image for exactly 1000 ms and has no dropped_frames column
        assertTrue(html.contains("<th scope=\"row\">measured duration, mean (SD)</th><td>1000.0 ms (0.0 ms)</td>"), html);
        assertTrue(html.contains("not in the input (no dropped_frames column)"));
    }

    @Test
    void noNumberCarriesMoreDecimalsThanAPaperPrints() {
        String visible = html.replaceAll("src=\"data:[^\"]*\"", "").replaceAll("<(?!sup)[^>]+>", " ");
        Matcher long_ = Pattern.compile(".{0,80}\\d\\.\\d{5,}").matcher(text(visible));
        assertFalse(long_.find(), () -> "too many decimals: " + long_.group());
        Matcher bigInteger = Pattern.compile("\\d{10,}").matcher(text(visible));
        assertFalse(bigInteger.find(), () -> "an unreadable number: " + bigInteger.group());
    }

    @Test
    void everyPlotHasLabelledAxes() {
        Matcher svg = Pattern.compile("<svg[\\s\\S]*?</svg>").matcher(html);
        int plots = 0;
        while (svg.find()) {
            String plot = svg.group();
            assertTrue(plot.contains("rotate(-90"), "a y-axis label: " + plot.substring(0, Math.min(200, plot.length())));
            assertTrue(Pattern.compile("text-anchor=\"end\">0\\.0+</text>").matcher(plot).find(), "y-axis ticks from 0");
            assertTrue(plot.contains("condition") || plot.contains("half A"), "an x-axis label");
            plots++;
        }
        assertEquals(5, plots, "HR and FAR strips, two paired plots, the split-half scatter");
        assertTrue(html.contains("VMS intensity (share of image boxed)"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> cells(String measure) {
        String row = find("<tr data-measure=\"" + measure + "\">(.*?)</tr>");
        Map<String, String> cells = new HashMap<>();
        Matcher m = Pattern.compile("<td data-col=\"([a-z0-9_]+)\">(.*?)</td>").matcher(row);
        while (m.find()) {
            cells.put(m.group(1), text(m.group(2)));
        }
        return cells;
    }

    private static String find(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    /** Visible text: tags dropped, superscripts as ^, the true minus as '-'. */
    private static String text(String fragment) {
        return fragment.replace("<sup>", "^").replaceAll("<[^>]+>", "").replace("−", "-").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static int decimalsOf(String printed) {
        int dot = printed.indexOf('.');
        return dot < 0 ? 0 : printed.length() - dot - 1;
    }

    /** The CSV value rounded half-up to the printed number of decimals equals the printed number. */
    private static void assertSame(String csv, String printed) {
        String expected = new BigDecimal(csv).setScale(decimalsOf(printed), RoundingMode.HALF_UP).toPlainString();
        if (new BigDecimal(expected).signum() == 0) {
            expected = expected.replace("-", "");
        }
        assertEquals(expected, printed, "CSV " + csv);
    }

    private static void assertP(String csv, String printed) {
        double p = Double.parseDouble(csv);
        if (p < 0.001) {
            assertEquals("< .001", printed);
        } else {
            assertEquals("= " + new BigDecimal(csv).setScale(3, RoundingMode.HALF_UP).toPlainString().substring(1), printed, csv);
        }
    }

    private static void assertBayesFactor(String csv, String printed) {
        double bf = Double.parseDouble(csv);
        Matcher sci = Pattern.compile("(\\d\\.\\d) × 10\\^(-?\\d+)").matcher(printed);
        if (sci.matches()) {
            double back = Double.parseDouble(sci.group(1)) * Math.pow(10, Integer.parseInt(sci.group(2)));
            assertEquals(bf, back, 0.05 * Math.pow(10, Integer.parseInt(sci.group(2))) + 1e-9 * bf, csv + " vs " + printed);
            assertTrue(bf >= 1000 || bf < 1e-3);
        } else {
            assertSame(csv, printed);
        }
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader r = new CsvReader(Files.newBufferedReader(csv), csv.getFileName().toString())) {
            List<String> header = r.header();
            while (r.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), r.string(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Map<String, Map<String, String>> byKey(Path csv, String key) throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Map<String, String> row : rows(csv)) {
            out.put(row.get(key), row);
        }
        return out;
    }
}
