package engram.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A two-session study made from the demo's stimuli with plain SQL, and the server's test clock (the offset file that
 * {@code engram.test.clock-offset-file} names), for the participant API contract. Session 1: a study phase with an
 * encoding question, a 30 s break and an old-new test with a 6-point scale; session 2, 1 to 2 hours later: a 2AFC test.
 * Two lists swap which member of each pair is studied; they are written out position by position (test inputs).
 */
final class PhaseStudySteps {

    static final String PLAN = "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":2000,"
            + "\"encodingQuestion\":{\"text\":\"Indoor or outdoor?\",\"answers\":[\"indoor\",\"outdoor\"]}},"
            + "{\"phase\":2,\"task\":\"break\",\"session\":1,\"minDurationS\":30},"
            + "{\"phase\":3,\"task\":\"old-new\",\"session\":1,\"confidenceLevels\":6},"
            + "{\"phase\":4,\"task\":\"2afc\",\"session\":2,\"delayMinS\":3600,\"delayMaxS\":7200}]";

    private PhaseStudySteps() {
    }

    /** Sets the server clock to the real time plus {@code seconds}. */
    static void clockOffset(Path file, long seconds) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "clock", ".tmp");
            Files.writeString(temp, Long.toString(seconds));
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A live copy of the demo (settings and stimuli) with the plan above and two hand-written lists. */
    static void create(Connection db, String slug) throws SQLException {
        String columns = "title, stimulus_set_id, display_ms, isi_ms, min_boxes, max_boxes, resume_policy, resume_window_minutes,"
                + " reservation_minutes, practice_images, consent_html, instructions_html, debrief_html, code_completed, code_no_consent,"
                + " code_failed_check, min_vigilance_hit_rate, max_false_alarm_rate, design_json, created_at,"
                + " consent_md, instructions_md, debrief_md";
        db.setAutoCommit(false);
        try (PreparedStatement copy = db.prepareStatement("INSERT INTO experiment (public_id, slug, status, target_per_sequence,"
                + " sequence_count, sequence_length, phases, session_codes, code_too_early, code_too_late, " + columns
                + ") SELECT ?, ?, 'LIVE', 0, 2, 9, ?, 'SESSION1CODE', 'TOOEARLY1', 'TOOLATE1', " + columns
                + " FROM experiment WHERE slug = 'demo'")) {
            copy.setString(1, java.util.UUID.randomUUID().toString());
            copy.setString(2, slug);
            copy.setString(3, PLAN);
            assertEquals(1, copy.executeUpdate());
        }
        try (PreparedStatement item = db.prepareStatement("INSERT INTO sequence_item (experiment_id, sequence_id, trial_index, image_id,"
                + " presentation, kind, lag, phase, alternative_image_id, target_side, lure_type)"
                + " VALUES ((SELECT id FROM experiment WHERE slug = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int list = 1; list <= 2; list++) {
                String studied = list == 1 ? "_high" : "_low";
                String other = list == 1 ? "_low" : "_high";
                Object[][] rows = {
                    {"pair01" + studied, 1, "study", null, 1, null, null},
                    {"pair02" + studied, 1, "study", null, 1, null, null},
                    {"pair03" + studied, 1, "study", null, 1, null, null},
                    {"pair04" + studied, 1, "study", null, 1, null, null},
                    {"pair01" + studied, 2, "target", 4, 3, null, null},
                    {"pair02" + other, 1, "lure", null, 3, null, null},
                    {"foil01", 1, "foil", null, 3, null, null},
                    {"pair03" + studied, 2, "lure", 5, 4, "pair03" + other, "left"},
                    {"pair04" + studied, 2, "foil", 5, 4, "foil02", "right"},
                };
                for (int i = 0; i < rows.length; i++) {
                    Object[] r = rows[i];
                    item.setString(1, slug);
                    item.setInt(2, list);
                    item.setInt(3, i);
                    item.setString(4, (String) r[0]);
                    item.setInt(5, (Integer) r[1]);
                    item.setString(6, (String) r[2]);
                    item.setObject(7, r[3]);
                    item.setInt(8, (Integer) r[4]);
                    item.setString(9, (String) r[5]);
                    item.setString(10, (String) r[6]);
                    item.setString(11, null);
                    assertEquals(1, item.executeUpdate());
                }
            }
        }
        db.commit();
    }

    /** A trial body with the timing fields every trial sends. */
    static JsonObjectBuilder trial(String imageId, boolean responded) {
        JsonObjectBuilder t = Json.createObjectBuilder().add("responded", responded).add("onsetMs", 1000.5).add("offsetMs", 3000.5)
                .add("durationMs", 2000.0).add("boxes", Json.createArrayBuilder());
        if (imageId != null) {
            t.add("imageId", imageId);
        }
        return responded ? t.add("rtMs", 700.25) : t.add("rtMs", JsonValue.NULL);
    }

    /** An attentive participant's answer for a position of the run's answer ({@code entry} of its trials). */
    static JsonObject good(JsonObject entry) {
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

    static void assertNoTopLevelImage(JsonObject entry) {
        assertTrue(!entry.containsKey("imageId") && !entry.containsKey("kind") && !entry.containsKey("targetSide"),
                "a 2AFC entry does not tell which image was studied: " + entry);
    }
}
