package engram.results.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.stimuli.control.StimulusCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One run of an experiment, trial by trial: what was shown (from the run's sequence), the answer, its RT, the display
 * timing the browser measured, and the boxes drawn, read for that run only (three indexed queries).
 */
@ApplicationScoped
public class RunDetail {

    @Inject
    Database database;

    /** The run's header: who, which sequence, how it ended, and the browser check. */
    public record Run(long id, String runId, String participant, int sequenceId, String state, boolean pilot, Instant startedAt,
                      Instant finishedAt, int trialsSaved, Boolean attentionPassed, String browser, String os, String screen,
                      String window, Double refreshHz) {
    }

    /** A box in fractions of the image (0–1 from the top left corner). */
    public record Box(int index, double x, double y, double width, double height) {
    }

    /**
     * One stored trial; {@code imageUrl} is the stimulus as served to participants (null if the image is no longer in
     * the set), {@code outcome} hit, miss, false alarm or correct rejection.
     */
    public record Trial(int trialIndex, String imageId, String condition, Integer presentation, String kind, Integer lag,
                        boolean responded, Double rtMs, double onsetMs, double durationMs, int droppedFrames, Integer displayedWidth,
                        Integer displayedHeight, String imageUrl, List<Box> boxes) {

        public String outcome() {
            if (presentation == null) {
                return "";
            }
            if (presentation == 2) {
                return responded ? "hit" : "miss";
            }
            return responded ? "false alarm" : "correct rejection";
        }
    }

    public record Detail(Run run, List<Trial> trials) {
        /** The trials with at least one box, for the box view. */
        public List<Trial> withBoxes() {
            return trials.stream().filter(t -> !t.boxes().isEmpty()).toList();
        }
    }

    /** @throws ClientError 404 when the experiment has no run with this public id */
    public Detail of(Experiment experiment, String runId) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            Run run = run(c, experiment, runId);
            Map<Long, List<Box>> boxes = boxes(c, run.id());
            List<Trial> trials = trials(c, experiment, run, boxes);
            c.rollback();
            return new Detail(run, trials);
        } catch (SQLException e) {
            throw new IllegalStateException("The run could not be read from the database", e);
        }
    }

    private static Run run(Connection c, Experiment experiment, String runId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT id, public_id, prolific_pid, sequence_id, state, pilot, started_at, finished_at,"
                + " trials_saved, attention_passed, browser, os, screen_size, window_size, refresh_hz FROM run"
                + " WHERE experiment_id = ? AND public_id = ?")) {
            q.setLong(1, experiment.id());
            q.setString(2, runId == null ? "" : runId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw ClientError.notFound(ErrorCode.UNKNOWN_RUN, "'" + experiment.slug() + "' has no run '" + runId + "'.");
                }
                Boolean passed = rs.getBoolean(10);
                passed = rs.wasNull() ? null : passed;
                Double hz = decimal(rs, 15);
                return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getBoolean(6),
                        instant(rs, 7), instant(rs, 8), rs.getInt(9), passed, rs.getString(11), rs.getString(12), rs.getString(13),
                        rs.getString(14), hz);
            }
        }
    }

    private static Map<Long, List<Box>> boxes(Connection c, long runId) throws SQLException {
        Map<Long, List<Box>> boxes = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT b.trial_id, b.box_index, b.x, b.y, b.width, b.height FROM box b"
                + " JOIN trial t ON t.id = b.trial_id WHERE t.run_id = ? ORDER BY b.trial_id, b.box_index")) {
            q.setLong(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    boxes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Box(rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
                }
            }
        }
        return boxes;
    }

    private static List<Trial> trials(Connection c, Experiment experiment, Run run, Map<Long, List<Box>> boxes) throws SQLException {
        List<Trial> trials = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT t.id, t.trial_index, t.image_id, s.condition_name, si.presentation, si.kind,"
                + " si.lag, t.responded, t.rt_ms, t.onset_ms, t.duration_ms, t.dropped_frames, t.displayed_width, t.displayed_height,"
                + " s.sha256, s.file_name FROM trial t"
                + " LEFT JOIN sequence_item si ON si.experiment_id = ? AND si.sequence_id = ? AND si.trial_index = t.trial_index"
                + " LEFT JOIN stimulus s ON s.stimulus_set_id = ? AND s.image_id = t.image_id"
                + " WHERE t.run_id = ? ORDER BY t.trial_index")) {
            q.setLong(1, experiment.id());
            q.setInt(2, run.sequenceId());
            q.setLong(3, experiment.stimulusSet().id());
            q.setLong(4, run.id());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String sha = rs.getString(15);
                    String url = sha == null ? null : "/img/" + sha + "." + StimulusCatalog.extensionOf(rs.getString(16));
                    trials.add(new Trial(rs.getInt(2), rs.getString(3), rs.getString(4), integer(rs, 5), rs.getString(6), integer(rs, 7),
                            rs.getBoolean(8), decimal(rs, 9), rs.getDouble(10), rs.getDouble(11), rs.getInt(12), integer(rs, 13),
                            integer(rs, 14), url, boxes.getOrDefault(rs.getLong(1), List.of())));
                }
            }
        }
        return trials;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Double decimal(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
