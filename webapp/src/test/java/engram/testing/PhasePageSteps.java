package engram.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.BoundingBox;

/**
 * Phase studies for the integration tests (issue 14): an experiment with a phase plan written with plain SQL from the
 * demo's settings and stimuli, the server's test clock, phase trials for the participant API, and, for the page in
 * Chromium, a participant who walks any plan (answers by key, click or tap; reloads at a chosen position and step),
 * reading volatile state in one page.evaluate.
 */
public final class PhasePageSteps {

    private PhasePageSteps() {
    }

    /** One position of a list: image, kind, presentation, lag, phase, the 2AFC alternative and the studied side. */
    public record Row(String imageId, String kind, int presentation, Integer lag, int phase, String alternative, String side) {
        public static Row study(String image, int phase) {
            return new Row(image, "study", 1, null, phase, null, null);
        }

        public static Row test(String image, String kind, int phase) {
            return new Row(image, kind, "lure".equals(kind) || "foil".equals(kind) ? 1 : 2, null, phase, null, null);
        }

        public static Row choice(String studied, String alternative, String kind, String side, int phase) {
            return new Row(studied, kind, 2, null, phase, alternative, side);
        }
    }

    /**
     * A two-session study for the participant API contract. Session 1: a study phase with an encoding question, a 30 s
     * break and an old-new test with a 6-point scale; session 2, 1 to 2 hours later: a 2AFC test.
     */
    public static final String TWO_SESSION_PLAN = "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":2000,"
            + "\"encodingQuestion\":{\"text\":\"Indoor or outdoor?\",\"answers\":[\"indoor\",\"outdoor\"]}},"
            + "{\"phase\":2,\"task\":\"break\",\"session\":1,\"minDurationS\":30},"
            + "{\"phase\":3,\"task\":\"old-new\",\"session\":1,\"confidenceLevels\":6},"
            + "{\"phase\":4,\"task\":\"2afc\",\"session\":2,\"delayMinS\":3600,\"delayMaxS\":7200}]";

    /** A live copy of the demo (settings, texts and stimuli) with this phase plan and one list. */
    public static void create(Connection db, String slug, String plan, List<Row> rows) throws SQLException {
        create(db, slug, plan, List.of(rows), "perceptual");
    }

    /**
     * A live copy of the demo with {@link #TWO_SESSION_PLAN} and two lists, written out position by position (test
     * inputs), that swap which member of each pair is studied; no lure types.
     */
    public static void createTwoSessionStudy(Connection db, String slug) throws SQLException {
        List<List<Row>> lists = new ArrayList<>();
        for (String studied : List.of("_high", "_low")) {
            String other = studied.equals("_high") ? "_low" : "_high";
            lists.add(List.of(
                    Row.study("pair01" + studied, 1),
                    Row.study("pair02" + studied, 1),
                    Row.study("pair03" + studied, 1),
                    Row.study("pair04" + studied, 1),
                    new Row("pair01" + studied, "target", 2, 4, 3, null, null),
                    Row.test("pair02" + other, "lure", 3),
                    Row.test("foil01", "foil", 3),
                    new Row("pair03" + studied, "lure", 2, 5, 4, "pair03" + other, "left"),
                    new Row("pair04" + studied, "foil", 2, 5, 4, "foil02", "right")));
        }
        create(db, slug, TWO_SESSION_PLAN, lists, null);
    }

    /** The lists are sequences 1, 2, ...; {@code lureType} is written on target and lure rows. */
    private static void create(Connection db, String slug, String plan, List<List<Row>> lists, String lureType)
            throws SQLException {
        String columns = "title, stimulus_set_id, display_ms, isi_ms, min_boxes, max_boxes, resume_policy, resume_window_minutes,"
                + " reservation_minutes, practice_images, consent_html, instructions_html, debrief_html, code_completed, code_no_consent,"
                + " code_failed_check, min_vigilance_hit_rate, max_false_alarm_rate, design_json, created_at,"
                + " consent_md, instructions_md, debrief_md";
        db.setAutoCommit(false);
        try (PreparedStatement copy = db.prepareStatement("INSERT INTO experiment (public_id, slug, status, target_per_sequence,"
                + " sequence_count, sequence_length, phases, session_codes, code_too_early, code_too_late, " + columns
                + ") SELECT ?, ?, 'LIVE', 0, ?, ?, ?, 'SESSION1CODE', 'TOOEARLY1', 'TOOLATE1', " + columns
                + " FROM experiment WHERE slug = 'demo'")) {
            copy.setString(1, java.util.UUID.randomUUID().toString());
            copy.setString(2, slug);
            copy.setInt(3, lists.size());
            copy.setInt(4, lists.stream().mapToInt(List::size).max().orElse(0));
            copy.setString(5, plan);
            assertEquals(1, copy.executeUpdate());
        }
        try (PreparedStatement item = db.prepareStatement("INSERT INTO sequence_item (experiment_id, sequence_id, trial_index, image_id,"
                + " presentation, kind, lag, phase, alternative_image_id, target_side, lure_type)"
                + " VALUES ((SELECT id FROM experiment WHERE slug = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int list = 1; list <= lists.size(); list++) {
                List<Row> rows = lists.get(list - 1);
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    item.setString(1, slug);
                    item.setInt(2, list);
                    item.setInt(3, i);
                    item.setString(4, r.imageId());
                    item.setInt(5, r.presentation());
                    item.setString(6, r.kind());
                    item.setObject(7, r.lag());
                    item.setInt(8, r.phase());
                    item.setString(9, r.alternative());
                    item.setString(10, r.side());
                    item.setString(11, "lure".equals(r.kind()) || "target".equals(r.kind()) ? lureType : null);
                    assertEquals(1, item.executeUpdate());
                }
            }
        }
        db.commit();
    }

    /** Sets the server clock to the real time plus {@code seconds} (the file engram.test.clock-offset-file names). */
    public static void clockOffset(Path file, long seconds) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "clock", ".tmp");
            Files.writeString(temp, Long.toString(seconds));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A trial body for the participant API with the timing fields every trial sends. */
    public static JsonObjectBuilder trial(String imageId, boolean responded) {
        JsonObjectBuilder t = Json.createObjectBuilder().add("responded", responded).add("onsetMs", 1000.5).add("offsetMs", 3000.5)
                .add("durationMs", 2000.0).add("boxes", Json.createArrayBuilder());
        if (imageId != null) {
            t.add("imageId", imageId);
        }
        return responded ? t.add("rtMs", 700.25) : t.add("rtMs", JsonValue.NULL);
    }

    /** An attentive participant's answer for a position of the run's answer ({@code entry} of its trials). */
    public static JsonObject good(JsonObject entry) {
        String task = entry.getString("task");
        int phase = entry.getInt("phase");
        return switch (task) {
            case "study" -> trial(entry.getString("imageId"), true).add("phase", phase).add("answer", "indoor").build();
            case "old-new" -> trial(entry.getString("imageId"), true).add("phase", phase).add("answer", "old").add("confidence", 5).build();
            case "2afc" -> trial(null, true).add("phase", phase).add("choiceSide", "left")
                    .add("chosenImageId", entry.getJsonObject("left").getString("imageId")).build();
            default -> throw new IllegalArgumentException(task);
        };
    }

    public static void assertNoTopLevelImage(JsonObject entry) {
        assertTrue(!entry.containsKey("imageId") && !entry.containsKey("kind") && !entry.containsKey("targetSide"),
                "a 2AFC entry does not tell which image was studied: " + entry);
    }

    /** One stored trial, as the database holds it. */
    public record Stored(int position, int phase, String task, boolean responded, String answer, Integer confidence, String choiceSide,
                  String chosenImageId, String interrupted, Integer pageLoad, int extraShowings, int boxes) {
    }

    /** The stored trials of a participant's run of an experiment, by position. */
    public static List<Stored> stored(Connection db, String slug, String pid) throws SQLException {
        List<Stored> rows = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT t.trial_index, t.phase, t.task, t.responded, t.answer, t.confidence,"
                + " t.choice_side, t.chosen_image_id, t.interrupted, t.page_load, t.extra_showings,"
                + " (SELECT COUNT(*) FROM box b WHERE b.trial_id = t.id) FROM trial t JOIN run r ON t.run_id = r.id"
                + " JOIN experiment e ON r.experiment_id = e.id WHERE e.slug = ? AND r.prolific_pid = ? ORDER BY t.trial_index")) {
            q.setString(1, slug);
            q.setString(2, pid);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Stored(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                            (Integer) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9), (Integer) rs.getObject(10),
                            rs.getInt(11), rs.getInt(12)));
                }
            }
        }
        return rows;
    }

    /** Every position from..to-1 stored exactly once (the table's key forbids a second row), none missing, none extra. */
    public static Map<Integer, Stored> exactlyOnce(List<Stored> rows, int from, int to) {
        Map<Integer, Stored> byPosition = new HashMap<>();
        for (Stored row : rows) {
            assertTrue(byPosition.put(row.position(), row) == null, "position " + row.position() + " stored twice");
        }
        List<Integer> expected = new ArrayList<>();
        for (int p = from; p < to; p++) {
            expected.add(p);
        }
        assertEquals(expected, rows.stream().map(Stored::position).toList(), "every position once, no gap");
        return byPosition;
    }

    /** Where to reload: when the open trial at this position is at this step (display, confidence, boxes). */
    public record Reload(int position, String stage) {
    }

    /** What a walk saw: screens in order, positions shown (after the reload too), and the reloads done. */
    public static final class Walk {
        public final Set<String> screens = new LinkedHashSet<>();
        public final List<Integer> shownBefore = new ArrayList<>();
        public final List<Integer> shownAfter = new ArrayList<>();
        public final List<Reload> reloaded = new ArrayList<>();
        public final List<String> notes = new ArrayList<>();
        public String end;
    }

    /** Answers per position: the answer's data-testid (answer-old, choice-left, …) and the confidence level. */
    public interface Answers {
        String answer(int position, List<String> enabled);

        default int confidence(int position) {
            return 2 + position % 3;
        }
    }

    private static final String LOOK = """
            () => {
              const t = window.engramTest;
              const live = t ? t.live() : null;
              const open = live ? Object.values(live.open).filter((e) => e.phase !== 'ended').map((e) => [e.position, e.phase]) : [];
              const q = (s) => document.querySelector(s);
              const visible = (b) => !b.disabled && b.offsetParent !== null;
              const enabled = [...document.querySelectorAll('.answer-btn, .choice, .conf-btn')].filter(visible).map((b) => b.dataset.testid);
              const shown = q('[data-testid=stimulus]') || q('[data-testid=stimulus-left]');
              return {
                screen: document.body.dataset.screen || '',
                annotate: !!q('.annotate [data-testid=box-canvas]'),
                boxes: document.querySelectorAll('.annotate [data-testid=box]').length,
                open, enabled,
                shown: shown && shown.dataset.position !== undefined && shown.dataset.position !== '' ? Number(shown.dataset.position) : -1,
                problem: q('[data-testid=distractor-problem]') ? q('[data-testid=distractor-problem]').textContent : null,
                breakReady: !!q('[data-testid=break-continue]:not(:disabled)'),
              };
            }""";

    public static final Set<String> ENDINGS = Set.of("complete", "session-done", "session-too-early", "session-too-late", "error", "failed-check");

    /**
     * Walks the page until an ending screen: consent, the instructions, each phase's intro, its trials (answers from
     * {@code answers}, by key on even positions and by click on odd ones, or by tap), breaks and sums, the box tool.
     * {@code onScreen} runs once per new screen (screenshots, checks): a task screen is {@code task-…} while an image is up,
 * {@code …+blank} between images, {@code …+confidence} with the scale open, {@code …+boxes} in the box tool. Reloads
 * once per entry of {@code reloads}.
     */
    @SuppressWarnings("unchecked")
    public static Walk walk(Page page, Answers answers, List<Reload> reloads, boolean touch, java.util.function.BiConsumer<String, Page> onScreen) {
        Walk walk = new Walk();
        List<Reload> todo = new ArrayList<>(reloads);
        int lastShown = -1;
        String lastScreen = "";
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Object> look = (Map<String, Object>) page.evaluate(LOOK);
            String screen = (String) look.get("screen");
            int shown = ((Number) look.get("shown")).intValue();
            if (shown >= 0 && shown != lastShown) {
                (walk.reloaded.isEmpty() ? walk.shownBefore : walk.shownAfter).add(shown);
                lastShown = shown;
            }
            String key = screen + (Boolean.TRUE.equals(look.get("annotate")) ? "+boxes" : "")
                    + (((List<String>) look.get("enabled")).stream().anyMatch(e -> e.startsWith("confidence")) ? "+confidence" : "")
                    + (screen.startsWith("task-") && shown < 0 && !Boolean.TRUE.equals(look.get("annotate")) ? "+blank" : "");
            if (!key.equals(lastScreen) && !screen.equals("loading") && !screen.equals("device-check") && !screen.equals("preload")) {
                walk.screens.add(key);
                if (onScreen != null) {
                    onScreen.accept(key, page);
                }
                lastScreen = key;
            }
            if (ENDINGS.contains(screen)) {
                walk.end = screen;
                return walk;
            }
            Reload due = due(todo, (List<List<Object>>) look.get("open"));
            if (due != null && (!"boxes".equals(due.stage()) || ((Number) look.get("boxes")).intValue() > 0)) {
                todo.remove(due);
                walk.reloaded.add(due);
                page.reload();
                lastScreen = "";
                continue;
            }
            switch (screen) {
                case "consent" -> clickIfReady(page, "consent-accept", touch);
                case "instructions" -> clickIfReady(page, "start-practice", touch);
                case "phase-intro" -> clickIfReady(page, "phase-start", touch);
                case "break" -> {
                    if (Boolean.TRUE.equals(look.get("breakReady"))) {
                        clickIfReady(page, "break-continue", touch);
                    }
                }
                case "distractor" -> {
                    String problem = (String) look.get("problem");
                    if (problem != null && page.locator("[data-testid=distractor-answer]:not(:disabled)").count() > 0) {
                        String[] ab = problem.split(" \\+ ");
                        int sum = Integer.parseInt(ab[0].trim()) + Integer.parseInt(ab[1].trim());
                        try {
                            // the sums may end between the look and the fill (the input is disabled, then the screen
                            // moves on): a short wait, then look again, instead of waiting for an input that is gone
                            page.locator("[data-testid=distractor-answer]").fill(Integer.toString(sum),
                                    new Locator.FillOptions().setTimeout(5_000));
                            page.keyboard().press("Enter");
                        } catch (TimeoutError sumsEnded) {
                            continue;
                        }
                    }
                }
                default -> {
                    if (Boolean.TRUE.equals(look.get("annotate"))) {
                        int boxes = ((Number) look.get("boxes")).intValue();
                        Reload next = due(todo, (List<List<Object>>) look.get("open"));
                        boolean reloadDue = next != null && "boxes".equals(next.stage());
                        boolean resumed = page.locator("[data-testid=annotate-resumed]").count() > 0;
                        if (boxes == 0) {
                            drawBox(page, 0.15);
                        } else if (!reloadDue) {
                            if (resumed && boxes < 2) {
                                drawBox(page, 0.55);
                            }
                            page.locator("[data-testid=box-done]").click();
                        }
                    } else {
                        answer(page, answers, (List<String>) look.get("enabled"), (List<List<Object>>) look.get("open"), todo, touch);
                    }
                }
            }
            page.waitForTimeout(60);
        }
        throw new AssertionError("the walk did not end within 180 s; screens: " + walk.screens);
    }

    private static Reload due(List<Reload> todo, List<List<Object>> open) {
        for (Reload r : todo) {
            for (List<Object> entry : open) {
                if (((Number) entry.get(0)).intValue() == r.position() && r.stage().equals(entry.get(1))) {
                    return r;
                }
            }
        }
        return null;
    }

    private static void answer(Page page, Answers answers, List<String> enabled, List<List<Object>> open, List<Reload> todo, boolean touch) {
        if (enabled.isEmpty() || open.isEmpty()) {
            return;
        }
        int position = ((Number) open.get(open.size() - 1).get(0)).intValue();
        boolean confidence = enabled.stream().anyMatch(e -> e.startsWith("confidence"));
        if (confidence && todo.stream().anyMatch(r -> r.position() == position && "confidence".equals(r.stage()))) {
            return; // the reload comes first
        }
        String testId = confidence ? "confidence-" + answers.confidence(position) : answers.answer(position, enabled);
        if (testId == null || !enabled.contains(testId)) {
            return;
        }
        if (touch) {
            page.locator("[data-testid=" + testId + "]").tap();
        } else if (position % 2 == 0) {
            page.keyboard().press(keyFor(testId));
        } else {
            page.locator("[data-testid=" + testId + "]").click();
        }
    }

    /** The key the page binds to an answer button. */
    public static String keyFor(String testId) {
        return switch (testId) {
            case "answer-old", "choice-left" -> "f";
            case "answer-similar" -> "g";
            case "answer-new", "choice-right" -> "j";
            case "answer-indoor" -> "1";
            case "answer-outdoor" -> "2";
            default -> testId.startsWith("confidence-") ? testId.substring("confidence-".length()) : "x";
        };
    }

    private static void clickIfReady(Page page, String testId, boolean touch) {
        var button = page.locator("[data-testid=" + testId + "]:not(:disabled)");
        if (button.count() > 0 && button.first().isVisible()) {
            if (touch) {
                button.first().tap();
            } else {
                button.first().click();
            }
        }
    }

    private static void drawBox(Page page, double at) {
        BoundingBox area = page.locator(".annotate [data-testid=box-canvas]").first().boundingBox();
        page.mouse().move(area.x + area.width * at, area.y + area.height * at);
        page.mouse().down();
        page.mouse().move(area.x + area.width * (at + 0.3), area.y + area.height * (at + 0.3), new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
        page.mouse().up();
    }

    /** Every visible, enabled button and input lies inside the viewport (nothing to scroll to). */
    @SuppressWarnings("unchecked")
    public static List<String> controlsOutsideTheWindow(Page page) {
        return (List<String>) page.evaluate("""
                () => [...document.querySelectorAll('button, a.btn, input')]
                  .filter((b) => b.offsetParent !== null && !b.closest('[hidden]') && !b.classList.contains('fullscreen-again'))
                  .filter((b) => { const r = b.getBoundingClientRect();
                    return r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5 || r.top < -0.5 || r.left < -0.5; })
                  .map((b) => (b.dataset.testid || b.textContent.trim()) + ' at ' + Math.round(b.getBoundingClientRect().bottom) + '/' + innerHeight)""");
    }

    /** Saves a screenshot as docs/img material when -Dengram.screenshots=DIR is set (participant-phase-NAME.png). */
    public static void shot(Page page, String name) {
        ParticipantSteps.shot(page, "phase-" + name);
    }
}
