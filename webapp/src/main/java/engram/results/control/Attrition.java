package engram.results.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import engram.experiment.entity.Experiment;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How far the real runs of an experiment got, per sequence and in total, counted and timed in the database (one
 * aggregate query each, no row per run leaves it). Voided runs are left out, as in the export.
 */
@ApplicationScoped
public class Attrition {

    @Inject
    Database database;
    @Inject
    Clock clock;

    /** A count and the median seconds from the run's start to that outcome (null when there are none). */
    public record Outcome(long runs, Double medianSeconds) {
    }

    /**
     * One sequence's runs (sequence 0: all of them).
     *
     * @param started         every run that was opened
     * @param noConsent       declined the consent form (time: to the end)
     * @param screenedOut     stopped by the device check or the practice (NO_DEVICE, PRACTICE_FAILED; time: to the end)
     * @param inProgress      unfinished, reservation still holding (time: to the last sign of life so far)
     * @param abandoned       unfinished with the reservation passed, or returned on Prolific (time: to the last sign of life)
     * @param failedAttention completed, but failed the attention checks (time: to completion)
     * @param completed       completed and passed (time: to completion)
     * @param waiting         between sessions of a multi-session experiment, the next window not closed yet (time: to the
     *                        last sign of life, the end of the previous session)
     * @param missed          a later session's window closed without a return (time: to the last sign of life)
     */
    public record Row(int sequenceId, Outcome started, Outcome noConsent, Outcome screenedOut, Outcome inProgress,
                      Outcome abandoned, Outcome failedAttention, Outcome completed, Outcome waiting, Outcome missed) {

        /** Completed and passed, as a share of the runs started (0 without runs). */
        public double completionRate() {
            return started.runs() == 0 ? 0 : (double) completed.runs() / started.runs();
        }
    }

    public record Table(List<Row> sequences, Row total, Instant at) {
    }

    private static final String SECONDS_TO_END = "EXTRACT(EPOCH FROM finished_at) - EXTRACT(EPOCH FROM started_at)";
    private static final String SECONDS_TO_LAST_SEEN = "EXTRACT(EPOCH FROM last_seen_at) - EXTRACT(EPOCH FROM started_at)";
    private static final String IN_PROGRESS = "state = 'STARTED' AND reserved_until > ?";
    private static final String ABANDONED = "((state = 'STARTED' AND reserved_until <= ?) OR state = 'RETURNED')";
    private static final String SCREENED_OUT = "state IN ('NO_DEVICE', 'PRACTICE_FAILED')";
    private static final String FAILED = "state = 'COMPLETED' AND attention_passed = FALSE";
    private static final String PASSED = "state = 'COMPLETED' AND (attention_passed IS NULL OR attention_passed = TRUE)";
    /** Between sessions, the next window not closed yet (a WAITING run stays WAITING until its participant comes back). */
    private static final String WAITING = "state = 'WAITING' AND NOT EXISTS (SELECT 1 FROM run_session ws WHERE ws.run_id = run.id"
            + " AND ws.state = 'WAITING' AND ws.closes_at < ?)";
    /** Missed a later session: came back too late (MISSED), or WAITING past the window's close. */
    private static final String MISSED = "(state = 'MISSED' OR (state = 'WAITING' AND EXISTS (SELECT 1 FROM run_session ms"
            + " WHERE ms.run_id = run.id AND ms.state = 'WAITING' AND ms.closes_at < ?)))";

    /** The outcomes in {@link Row}'s order after {@code started}: condition and the time it is measured to. */
    private static final String[][] OUTCOMES = {
        {"state = 'NO_CONSENT'", SECONDS_TO_LAST_SEEN},
        {SCREENED_OUT, SECONDS_TO_LAST_SEEN},
        {IN_PROGRESS, SECONDS_TO_LAST_SEEN},
        {ABANDONED, SECONDS_TO_LAST_SEEN},
        {FAILED, SECONDS_TO_END},
        {PASSED, SECONDS_TO_END},
        {WAITING, SECONDS_TO_LAST_SEEN},
        {MISSED, SECONDS_TO_LAST_SEEN},
    };

    public Table of(Experiment experiment) {
        Instant now = clock.instant();
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            List<Row> rows = query(c, experiment.id(), now, true);
            List<Row> total = query(c, experiment.id(), now, false);
            List<Row> all = new ArrayList<>();
            int sequences = Math.max(experiment.sequenceCount(), rows.stream().mapToInt(Row::sequenceId).max().orElse(0));
            for (int s = 1; s <= sequences; s++) {
                int id = s;
                all.add(rows.stream().filter(r -> r.sequenceId() == id).findFirst().orElse(empty(id)));
            }
            c.rollback();
            return new Table(all, total.isEmpty() ? empty(0) : total.get(0), now);
        } catch (SQLException e) {
            throw new IllegalStateException("The attrition figures could not be read from the database", e);
        }
    }

    private static Row empty(int sequenceId) {
        Outcome none = new Outcome(0, null);
        return new Row(sequenceId, none, none, none, none, none, none, none, none, none);
    }

    private static List<Row> query(Connection c, long experimentId, Instant now, boolean bySequence) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(bySequence ? "sequence_id" : "0").append(", COUNT(*)");
        for (String[] o : OUTCOMES) {
            sql.append(", SUM(CASE WHEN ").append(o[0]).append(" THEN 1 ELSE 0 END)")
                    .append(", PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CASE WHEN ").append(o[0]).append(" THEN ").append(o[1])
                    .append(" END)");
        }
        sql.append(" FROM run WHERE experiment_id = ? AND pilot = FALSE AND state <> 'VOIDED'");
        if (bySequence) {
            sql.append(" GROUP BY sequence_id ORDER BY sequence_id");
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            int p = 1;
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            for (String[] o : OUTCOMES) {
                for (int uses = occurrences(o[0]); uses > 0; uses--) {
                    q.setObject(p++, at);
                    q.setObject(p++, at);
                }
            }
            q.setLong(p, experimentId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (!bySequence && rs.getLong(2) == 0) {
                        continue;
                    }
                    Outcome[] o = new Outcome[OUTCOMES.length];
                    for (int i = 0; i < o.length; i++) {
                        long runs = rs.getLong(3 + 2 * i);
                        Object median = rs.getObject(4 + 2 * i);
                        o[i] = new Outcome(runs, runs == 0 || median == null ? null : ((Number) median).doubleValue());
                    }
                    rows.add(new Row(rs.getInt(1), new Outcome(rs.getLong(2), null), o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]));
                }
            }
        }
        return rows;
    }

    /** How many times the condition's instant parameter appears (it is used in the count and in the median). */
    private static int occurrences(String condition) {
        return condition.contains("?") ? 1 : 0;
    }
}
