package engram.experiment;

import static engram.testing.ParticipantSteps.click;
import static engram.testing.ParticipantSteps.drawBox;
import static engram.testing.WorkspacePages.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.Axe;
import engram.testing.ChromiumDeployment;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.ParticipantSteps;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * What participants see (issue 10, items 4 and 6) in real headless Chromium on the demo: the display form refuses bad
 * values beside their fields; a card calibration stores px per degree and the image's measured size matches it in the
 * practice, the stream and (times the enlargement factor) the box tool; window, refresh-rate and phone rules refuse
 * with their screen and the no-device code; the practice pass mark repeats and then ends the study with its code; and
 * participants.csv carries the browser check; a measured viewing distance follows the blind-spot presses; axe-core finds
 * no serious or critical violation on these screens. With -Dengram.screenshots=DIR the new screens are saved (desktop and phone).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisplayIT extends ChromiumDeployment {

    /** NumPy: 340 / 85.6 * 2 * 500 * tan(0.5 deg), the card at 340 CSS px and the experiment's 50 cm. */
    static final double PX_PER_DEGREE = 34.66279262684566;
    static final double DEGREES = 8;
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private static final Axe AXE = new Axe();
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withH2("display", Map.of("engram.demo.display-ms", "700", "engram.demo.isi-ms", "250"));
    }

    @Test
    @Order(1)
    void theDisplayFormRefusesOutOfRangeValuesBesideTheirFieldsAndStoresNothing() {
        try (BrowserContext admin = loggedIn()) {
            Page page = admin.newPage();
            page.navigate(url("admin/experiment.xhtml?slug=demo"));
            String codeBefore = byId(page, "display:codeNoDevice").inputValue();
            Map<String, String[]> bad = new LinkedHashMap<>();
            bad.put("stimulusSize", new String[] {"DEGREES", "61", "degrees of visual angle must be between 0.5 and 60"});
            bad.put("viewingDistance", new String[] {"DEGREES", "8", "between 20 and 200"});
            bad.put("minRefreshHz", new String[] {"NATURAL", "0", "between 0 and 240"});
            bad.put("practicePassMark", new String[] {"NATURAL", "0", "between 0 and 1"});
            bad.put("minWindowWidth", new String[] {"NATURAL", "0", "between 0 and 10000"});
            bad.put("codeNoDevice", new String[] {"NATURAL", "0", "completion code"});
            for (var entry : bad.entrySet()) {
                page.navigate(url("admin/experiment.xhtml?slug=demo"));
                byId(page, "display:sizeMode").selectOption(entry.getValue()[0]);
                byId(page, "display:stimulusSize").fill(entry.getValue()[1]);
                String field = entry.getKey();
                String value = switch (field) {
                    case "viewingDistance" -> "10";
                    case "minRefreshHz" -> "500";
                    case "practicePassMark" -> "1.5";
                    case "minWindowWidth" -> "20000";
                    case "codeNoDevice" -> "no code!";
                    default -> null;
                };
                if (value != null) {
                    byId(page, "display:" + field).fill(value);
                }
                byId(page, "display:save").click();
                page.waitForLoadState();
                String error = byId(page, "display:" + field).locator("xpath=following-sibling::*[contains(@class,'field-error')]").first().textContent();
                assertTrue(error.contains(entry.getValue()[2]), field + ": " + error);
                if (field.equals("stimulusSize")) {
                    shot(page, "display-settings-error", "[id='display']");
                }
            }
            page.navigate(url("admin/experiment.xhtml?slug=demo"));
            assertEquals("NATURAL", byId(page, "display:sizeMode").inputValue(), "nothing was stored");
            assertEquals(codeBefore, byId(page, "display:codeNoDevice").inputValue());
            assertEquals("0.0", byId(page, "display:minRefreshHz").inputValue());
        }
    }

    @Test
    @Order(2)
    void aPracticeWithoutAnyResponseIsRepeatedThenEndsTheStudyWithItsCode() throws Exception {
        String practiceCode = saveDisplay(Map.of("sizeMode", "DEGREES", "stimulusSize", "8", "viewingDistance", "50", "annotationScale", "1.5",
                "practicePassMark", "1", "practiceRepeats", "1", "practiceFailAction", "END"));
        BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(1280, 900));
        Page page = context.newPage();
        open(page, "DISP0001");
        click(page, "consent-accept");
        calibrate(page, 340, "calibration");
        click(page, "start-practice");
        double measured = waitForStimulusSide(page);
        assertEquals(DEGREES * PX_PER_DEGREE, measured, 1.0, "the practice image's longer side (getBoundingClientRect)");
        finishPracticeWithoutResponding(page);
        Locator score = page.locator("[data-testid=practice-score]");
        score.waitFor(new Locator.WaitForOptions().setTimeout(60_000));
        assertTrue(score.textContent().contains("2 of 3"), score.textContent());
        shot(page, "practice-repeat", null);
        click(page, "practice-repeat");
        finishPracticeWithoutResponding(page);
        Locator code = page.locator("[data-testid=completion-code]");
        code.waitFor(new Locator.WaitForOptions().setTimeout(60_000));
        assertEquals(practiceCode, code.textContent().trim());
        assertTrue(page.locator("[data-testid=practice-failed-message]").textContent().contains("after 2 tries"));
        shot(page, "practice-failed", null);
        page.navigate(url("run/demo?PROLIFIC_PID=DISP0001&STUDY_ID=IT&SESSION_ID=S-DISP0001&engram_test=1"));
        Locator again = page.locator("[data-testid=error-message]");
        again.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        assertTrue(again.textContent().contains(practiceCode), "the reopened link names the code again: " + again.textContent());
        context.close();

        String[] row = participant("DISP0001");
        assertEquals("PRACTICE_FAILED", row[col("state")]);
        assertEquals("2", row[col("practice_attempts")]);
        assertEquals("0", row[col("practice_passed")], "CSV booleans are 0/1");
        assertEquals(PX_PER_DEGREE, Double.parseDouble(row[col("px_per_degree")]), 1e-9);
    }

    @Test
    @Order(3)
    void aCalibratedParticipantSeesTheImageAtItsVisualAngleInTheStreamAndTheBoxTool() throws Exception {
        saveDisplay(Map.of("sizeMode", "DEGREES", "stimulusSize", "8", "viewingDistance", "50", "annotationScale", "1.5",
                "practicePassMark", "1", "practiceRepeats", "1", "practiceFailAction", "END"));
        BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(1280, 900));
        Page page = context.newPage();
        open(page, "DISP0002");
        click(page, "consent-accept");
        calibrate(page, 340, null);
        click(page, "start-practice");
        doPracticeRight(page);
        if (page.locator("[data-testid=practice-continue]").count() == 0) {
            throw new AssertionError("no continue after a correct practice: " + page.evaluate("() => document.body.innerText")
                    + " results " + page.evaluate("() => JSON.stringify(window.engramTest.practiceResults())"));
        }
        click(page, "practice-continue");
        click(page, "start-stream");

        ParticipantSteps.Repeats repeats = new ParticipantSteps.Repeats();
        List<Double> streamSides = new ArrayList<>();
        List<double[]> boxTool = new ArrayList<>();
        String lastShowing = "";
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline && page.locator("[data-testid=completion-code]").count() == 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> annotate = (Map<String, Object>) page.evaluate("() => { const i = document.querySelector('.annotate-image');"
                    + " const d = document.querySelector('[data-testid=box-done]');"
                    + " return i && d ? { width: i.getBoundingClientRect().width, wanted: Number(i.dataset.wantedWidth) } : null; }");
            if (annotate != null) {
                boxTool.add(new double[] {((Number) annotate.get("width")).doubleValue(), ((Number) annotate.get("wanted")).doubleValue()});
                drawBox(page);
                continue;
            }
            ParticipantSteps.Look shown = repeats.pressSpaceOnRepeat(page);
            if (shown != null && !shown.showing().equals(lastShowing)) {
                lastShowing = shown.showing();
                streamSides.add(shown.side());
            }
            page.waitForTimeout(30);
        }
        assertFalse(page.locator("[data-testid=completion-code]").first().textContent().isBlank(), "the run completed");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) page.evaluate("() => window.engramTest.state()");
        context.close();

        double expected = DEGREES * PX_PER_DEGREE;
        assertTrue(streamSides.size() >= 20, "images measured in the stream: " + streamSides.size());
        for (double side : streamSides) {
            assertEquals(expected, side, 1.0, "every stream image's longer side is 8 degrees");
        }
        assertFalse(boxTool.isEmpty(), "the box tool opened");
        for (double[] tool : boxTool) {
            assertEquals(Math.round(Math.round(expected) * 1.5), tool[1], 1.0, "the box tool wants 1.5 x the stream size");
            assertEquals(tool[1], tool[0], 1.0, "and shows it (it fits a 1280 x 900 window)");
        }
        assertEquals(PX_PER_DEGREE, ((Number) state.get("pxPerDegree")).doubleValue(), 1e-9);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> warmups = (List<Map<String, Object>>) state.get("warmups");
        assertFalse(warmups.isEmpty(), "a warm-up ran after each countdown");
        for (Map<String, Object> w : warmups) {
            assertTrue(((Number) w.get("frames")).intValue() >= 30, "at least 30 steady frames: " + w);
        }
        System.out.println("DisplayIT warm-ups (frames, ms, steady): " + warmups);

        String[] row = participant("DISP0002");
        assertEquals("COMPLETED", row[col("state")]);
        assertEquals(PX_PER_DEGREE, Double.parseDouble(row[col("px_per_degree")]), 1e-9);
        assertEquals(expected, Double.parseDouble(row[col("stimulus_size_px")]), 1e-9);
        assertEquals("1280x900", row[col("window")]);
        assertTrue(row[col("browser")].startsWith("Headless Chrome ") || row[col("browser")].startsWith("Chrome "), row[col("browser")]);
        assertEquals("Linux", row[col("os")]);
        assertTrue(row[col("screen")].matches("\\d+x\\d+"), row[col("screen")]);
        double hz = Double.parseDouble(row[col("refresh_hz")]);
        assertTrue(hz > 20 && hz < 1000, "a measured refresh rate: " + hz);
        assertEquals(1.0, Double.parseDouble(row[col("dpr")]), "dpr (the CSV writes 1, not 1.0)");
        assertEquals("0", row[col("touch")]);
        assertEquals("1", row[col("practice_attempts")]);
        assertEquals("1", row[col("practice_passed")]);
        List<String[]> responses = exported("responses.csv", "DISP0002");
        assertEquals(30, responses.size());
        long dropped01 = responses.stream().filter(r -> Integer.parseInt(r[2]) < 2).mapToLong(r -> Long.parseLong(r[13])).sum();
        long droppedAll = responses.stream().mapToLong(r -> Long.parseLong(r[13])).sum();
        System.out.println("DisplayIT dropped frames: trials 0-1 " + dropped01 + ", all 30 trials " + droppedAll);
        for (String[] r : responses) {
            assertEquals(Math.round(expected), Long.parseLong(r[16]), "displayed_width of trial " + r[2]);
        }
    }

    @Test
    @Order(4)
    void aSmallWindowIsRefusedWithItsRuleAndTheNoDeviceCode() throws Exception {
        String noDevice = saveDisplay(Map.of("sizeMode", "NATURAL", "practicePassMark", "0", "minWindowWidth", "1024", "minWindowHeight", "700"));
        BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(900, 600));
        Page page = context.newPage();
        open(page, "DISP0003");
        click(page, "consent-accept");
        Locator rule = page.locator("[data-testid=no-device-rule]");
        rule.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        assertEquals("window_size", rule.getAttribute("data-rule"));
        assertTrue(rule.textContent().contains("1024 × 700") && rule.textContent().contains("900 × 600"), rule.textContent());
        assertEquals(noDevice, page.locator("[data-testid=completion-code]").textContent().trim());
        shot(page, "no-device-window", null);
        context.close();
        String[] row = participant("DISP0003");
        assertEquals("NO_DEVICE", row[col("state")]);
        assertEquals("window_size", row[col("device_rule")]);
        assertEquals(noDevice, row[col("completion_code")]);
        assertEquals("900x600", row[col("window")]);
    }

    @Test
    @Order(5)
    void aRefreshRateRuleAndAPhoneRuleRefuseWithTheirScreens() throws Exception {
        saveDisplay(Map.of("sizeMode", "NATURAL", "minWindowWidth", "0", "minWindowHeight", "0", "minRefreshHz", "200"));
        BrowserContext desktop = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(1280, 900));
        Page page = desktop.newPage();
        open(page, "DISP0004");
        click(page, "consent-accept");
        Locator rule = page.locator("[data-testid=no-device-rule]");
        rule.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        assertEquals("refresh_rate", rule.getAttribute("data-rule"));
        assertTrue(rule.textContent().contains("at least 200 times a second"), rule.textContent());
        AXE.scan(page, "no-device-refresh");
        desktop.close();

        saveDisplay(Map.of("minRefreshHz", "0", "allowPhones", "false"));
        BrowserContext phone = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(390, 664).setDeviceScaleFactor(3)
                .setIsMobile(true).setHasTouch(true).setUserAgent(IPHONE));
        Page onPhone = phone.newPage();
        open(onPhone, "DISP0005");
        click(onPhone, "consent-accept");
        Locator phoneRule = onPhone.locator("[data-testid=no-device-rule]");
        phoneRule.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        assertEquals("phone", phoneRule.getAttribute("data-rule"));
        shot(onPhone, "no-device-phone", null);
        phone.close();
        String[] row = participant("DISP0005");
        assertEquals("NO_DEVICE", row[col("state")]);
        assertEquals("iOS", row[col("os")]);
        assertEquals("Safari 17", row[col("browser")]);
        assertEquals("1", row[col("touch")]);
        assertEquals(3.0, Double.parseDouble(row[col("dpr")]));
        assertEquals("refresh_rate", participant("DISP0004")[col("device_rule")]);
    }

    @Test
    @Order(6)
    void theCalibrationScreenOnAPhoneAndAStatedDistance() throws Exception {
        saveDisplay(Map.of("allowPhones", "true", "sizeMode", "DEGREES", "stimulusSize", "4", "distanceSource", "STATED"));
        BrowserContext phone = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(390, 664).setDeviceScaleFactor(3)
                .setIsMobile(true).setHasTouch(true).setUserAgent(IPHONE));
        Page page = phone.newPage();
        open(page, "DISP0006");
        click(page, "consent-accept");
        page.locator("[data-testid=calibration-slider]").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        shot(page, "calibration-phone", null);
        page.evaluate("() => { const s = document.querySelector('[data-testid=calibration-slider]'); s.value = '220';"
                + " s.dispatchEvent(new Event('input')); }");
        page.locator("[data-testid=viewing-distance]").fill("300");
        page.locator("[data-testid=calibration-done]").click();
        assertTrue(page.locator("[data-testid=calibration-error]").textContent().contains("between 20 and 200"));
        page.locator("[data-testid=viewing-distance]").fill("40");
        page.locator("[data-testid=calibration-done]").click();
        page.locator("[data-testid=start-practice]").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        phone.close();
        String[] row = participant("DISP0006");
        double expected = 220 / 85.6 * 2 * 400 * Math.tan(Math.toRadians(0.5));
        assertEquals(expected, Double.parseDouble(row[col("px_per_degree")]), 1e-9, "the stated 40 cm was used");
        assertEquals(Math.toIntExact(Math.round(Double.parseDouble(row[col("px_per_degree")]) * 100)), Math.toIntExact(Math.round(expected * 100)));
    }

    /**
     * The measured viewing distance (blind spot, Li et al. 2020): the test presses when the dot is at chosen offsets
     * (four times Space, once the button), and the stored distance, px per degree and the image's size follow from the
     * offsets the page recorded: median / (340 / 85.6 px per mm) / tan(13.5°).
     */
    @Test
    @Order(7)
    void aMeasuredViewingDistanceFollowsTheBlindSpotPresses() throws Exception {
        saveDisplay(Map.of("sizeMode", "DEGREES", "stimulusSize", "8", "distanceSource", "MEASURED"));
        BrowserContext context = CHROMIUM.browser().newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(1280, 800));
        Page page = context.newPage();
        open(page, "DISP0007");
        click(page, "consent-accept");
        calibrate(page, 340, "calibration-measured");
        page.locator("[data-testid=blind-spot-start]").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        shot(page, "blind-spot-intro", null);
        click(page, "blind-spot-start");
        double[] targets = {470, 480, 495, 488, 476};
        List<Double> pressed = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            if (i == 0) {
                waitForDotAt(page, 120);
                shot(page, "blind-spot", null);
            }
            double at = ((Number) page.evaluate("([target, viaButton]) => new Promise((resolve) => { const tick = () => {"
                    + " const dot = document.querySelector('[data-testid=blind-spot-dot]');"
                    + " if (dot && !dot.hidden && Number(dot.dataset.offset) >= target) { const at = Number(dot.dataset.offset);"
                    + "   if (viaButton) document.querySelector('[data-testid=blind-spot-gone]').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));"
                    + "   else window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', code: 'Space', bubbles: true }));"
                    + "   resolve(at); } else requestAnimationFrame(tick); }; tick(); })", List.of(targets[i], i == 2))).doubleValue();
            assertTrue(at >= targets[i] && at < targets[i] + 40, "pressed near " + targets[i] + " px: " + at);
            pressed.add(at);
        }
        page.locator("[data-testid=start-practice]").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        click(page, "start-practice");
        double side = waitForStimulusSide(page);
        context.close();

        double[] sorted = pressed.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double distanceCm = sorted[2] / (340 / 85.6) / Math.tan(Math.toRadians(13.5)) / 10;
        double fromTargets = 480 / (340 / 85.6) / Math.tan(Math.toRadians(13.5)) / 10; // the median target
        assertEquals(fromTargets, distanceCm, 40 / (340 / 85.6) / Math.tan(Math.toRadians(13.5)) / 10, "the presses imply about " + fromTargets + " cm");
        String[] row = participant("DISP0007");
        assertEquals("measured", row[col("viewing_distance_source")]);
        assertEquals(pressed.stream().map(DisplayIT::plain).collect(java.util.stream.Collectors.joining(";")), row[col("blind_spot_px")],
                "the five offsets, in order");
        assertEquals("340", row[col("card_width_px")]);
        assertEquals(distanceCm, Double.parseDouble(row[col("viewing_distance_cm")]), 1e-9);
        double pxPerDegree = 340 / 85.6 * 2 * distanceCm * 10 * Math.tan(Math.toRadians(0.5));
        assertEquals(pxPerDegree, Double.parseDouble(row[col("px_per_degree")]), 1e-9);
        assertEquals(DEGREES * pxPerDegree, side, 1.0, "the practice image's longer side is 8 degrees at the measured distance");
    }

    private static void waitForDotAt(Page page, double offset) {
        page.waitForFunction("(o) => { const d = document.querySelector('[data-testid=blind-spot-dot]'); return d && !d.hidden && Number(d.dataset.offset) >= o; }",
                offset, new Page.WaitForFunctionOptions().setTimeout(30_000));
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Test
    @Order(8)
    void participantsCsvKeepsItsColumnsAndAppendsTheBrowserCheck() throws Exception {
        String header = exportedFile("participants.csv").lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("participant_id,run_id,sequence_id,study_id,session_id,state,pilot,consented,started_at,finished_at,"
                + "trials_saved,interruptions,completion_code,attention_passed,"), header);
        assertTrue(header.contains(",attention_passed,browser,os,screen,window,refresh_hz,dpr,touch,px_per_degree,stimulus_size_px,device_rule,"
                + "practice_attempts,practice_passed,card_width_px,viewing_distance_cm,viewing_distance_source,blind_spot_px"), header);
    }

    @Test
    @Order(9)
    void axeFindsNoSeriousOrCriticalViolationOnTheDisplayAndDeviceScreens() {
        assertTrue(AXE.scanned().containsAll(List.of("calibration", "practice-repeat", "practice-failed", "no-device-window",
                "no-device-refresh", "no-device-phone", "calibration-phone", "calibration-measured", "blind-spot-intro", "blind-spot")),
                "scanned: " + AXE.scanned());
        assertEquals(List.of(), AXE.violations(), "axe-core " + Axe.VERSION + " on " + AXE.scanned());
    }

    // ---------- steps ----------

    private void open(Page page, String pid) {
        page.navigate(url("run/demo?PROLIFIC_PID=" + pid + "&STUDY_ID=IT&SESSION_ID=S-" + pid + "&engram_test=1"));
    }

    /** Sets the card to `px` CSS px (as dragging the slider would) and confirms; optionally screenshots the screen first. */
    private static void calibrate(Page page, int px, String screenshot) {
        Locator slider = page.locator("[data-testid=calibration-slider]");
        slider.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        page.evaluate("(px) => { const s = document.querySelector('[data-testid=calibration-slider]'); s.value = String(px);"
                + " s.dispatchEvent(new Event('input')); }", px);
        page.locator("[data-testid=calibration-larger]").click();
        page.locator("[data-testid=calibration-smaller]").click();
        assertEquals((double) px, page.locator("[data-testid=calibration-card]").boundingBox().width, 0.5, "the card outline is as wide as set");
        if (screenshot != null) {
            shot(page, screenshot, null);
        }
        page.locator("[data-testid=calibration-done]").click();
    }

    private static double waitForStimulusSide(Page page) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Object side = page.evaluate("() => { const s = document.querySelector('[data-testid=stimulus]');"
                    + " if (!s) return null; const r = s.getBoundingClientRect(); return Math.max(r.width, r.height); }");
            if (side != null) {
                return ((Number) side).doubleValue();
            }
            page.waitForTimeout(20);
        }
        throw new AssertionError("no stimulus shown");
    }

    /** Lets the practice run with no response; draws the one box the explanation asks for. */
    private static void finishPracticeWithoutResponding(Page page) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String screen = (String) page.evaluate("() => document.body.dataset.screen");
            if ("practice-done".equals(screen) || "practice-failed".equals(screen)) {
                return;
            }
            if (page.locator("[data-testid=box-done]").count() > 0 && page.locator("[data-testid=box-done]").isVisible()) {
                drawBox(page);
                continue;
            }
            page.waitForTimeout(40);
        }
        throw new AssertionError("the practice did not end");
    }

    /** Presses Space exactly on the practice's repeats (an image seen in an earlier trial), in the page (see {@link ParticipantSteps.Repeats}). */
    private static void doPracticeRight(Page page) {
        ParticipantSteps.Repeats repeats = new ParticipantSteps.Repeats();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && page.locator("[data-testid=practice-continue], [data-testid=practice-repeat]").count() == 0) {
            if (page.locator("[data-testid=box-done]").count() > 0 && page.locator("[data-testid=box-done]").isVisible()) {
                drawBox(page);
                continue;
            }
            repeats.pressSpaceOnRepeat(page);
            page.waitForTimeout(30);
        }
    }

    // ---------- workspace ----------

    private BrowserContext loggedIn() {
        return CHROMIUM.loggedIn(base(), "admin", Deployments.ADMIN_PASSWORD,
                new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(1280, 900));
    }

    /** Saves the given display fields (selects, checkboxes and inputs by id); returns the no-device code, or the practice code when a practice setting was given. */
    private String saveDisplay(Map<String, String> fields) {
        try (BrowserContext admin = loggedIn()) {
            Page page = admin.newPage();
            page.navigate(url("admin/experiment.xhtml?slug=demo"));
            for (var f : fields.entrySet()) {
                Locator input = byId(page, "display:" + f.getKey());
                switch (f.getKey()) {
                    case "sizeMode", "practiceFailAction", "distanceSource" -> input.selectOption(f.getValue());
                    case "allowPhones", "requireFullscreen" -> input.setChecked(Boolean.parseBoolean(f.getValue()));
                    default -> input.fill(f.getValue());
                }
            }
            byId(page, "display:save").click();
            page.waitForLoadState();
            assertTrue(page.locator(".messages").textContent().contains("Saved what participants see"), page.locator("body").textContent());
            return fields.containsKey("practiceFailAction") ? byId(page, "display:codePracticeFailed").inputValue()
                    : byId(page, "display:codeNoDevice").inputValue();
        }
    }

    // ---------- export ----------

    private static List<String> participantsHeader;

    private int col(String name) {
        int i = participantsHeader.indexOf(name);
        assertTrue(i >= 0, "participants.csv has " + name);
        return i;
    }

    private String[] participant(String pid) throws Exception {
        String csv = exportedFile("participants.csv");
        participantsHeader = List.of(csv.lines().findFirst().orElseThrow().split(",", -1));
        return csv.lines().map(l -> l.split(",", -1)).filter(r -> r[0].equals(pid)).findFirst()
                .orElseThrow(() -> new AssertionError("no participants.csv row for " + pid));
    }

    private List<String[]> exported(String file, String pid) throws Exception {
        return exportedFile(file).lines().map(l -> l.split(",", -1)).filter(r -> r[0].equals(pid)).toList();
    }

    private String exportedFile(String file) throws Exception {
        Http.Reply reply = new Http(deployment.toURI()).get("api/experiments/demo/export?images=false", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, reply.status());
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(reply.raw().body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(file)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + file + " in the export");
    }

    /**
     * Scans the screen with axe-core, then saves a screenshot under -Dengram.screenshots (participant-NAME.png): the
     * viewport, or the region around `selector`.
     */
    private static void shot(Page page, String name, String selector) {
        AXE.scan(page, name);
        String folder = System.getProperty("engram.screenshots", "");
        if (folder.isBlank()) {
            return;
        }
        try {
            Path dir = Path.of(folder).toAbsolutePath();
            Files.createDirectories(dir);
            Path file = dir.resolve("participant-" + name + ".png");
            if (selector == null) {
                page.screenshot(new Page.ScreenshotOptions().setPath(file));
            } else {
                page.locator(selector).first().screenshot(new Locator.ScreenshotOptions().setPath(file));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
