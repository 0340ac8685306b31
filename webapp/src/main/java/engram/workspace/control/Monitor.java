package engram.workspace.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.experiment.control.SequenceFill;
import engram.experiment.entity.Experiment;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The live monitor's figures, from aggregate SQL over the run and trial tables (no entities loaded), so a page stays
 * fast with tens of thousands of runs: counts per sequence, the median duration of completed runs, trial saves per
 * second over the last minute, and one page of runs with a data-quality flag each.
 */
@ApplicationScoped
public class Monitor {

    public static final int PAGE_SIZE = 50;
    /** A run is flagged for dropped frames above this many per trial on average. */
    static final double DROPPED_FRAMES_PER_TRIAL = 2.0;

    /**
     * A run between sessions whose next window has not closed yet (SQL over {@code run}; one instant parameter).
     * A WAITING run stays WAITING in the database until its participant comes back, so a closed window is read here.
     */
    public static final String WAITING = "state = 'WAITING' AND NOT EXISTS (SELECT 1 FROM run_session ws WHERE ws.run_id = run.id"
            + " AND ws.state = 'WAITING' AND ws.closes_at < ?)";
    /** A run that missed a later session's window: marked MISSED (it came back too late), or WAITING past the window's close. */
    public static final String MISSED = "(state = 'MISSED' OR (state = 'WAITING' AND EXISTS (SELECT 1 FROM run_session ms"
            + " WHERE ms.run_id = run.id AND ms.state = 'WAITING' AND ms.closes_at < ?)))";

    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    CurrentUser currentUser;

    /**
     * Runs of one sequence by outcome. Returned/timed out: STARTED runs whose reservation passed, and returned or voided runs.
     * Multi-session experiments: {@code waiting} between sessions with the next window still ahead or open, {@code missed}
     * the window closed without a return ({@link #WAITING}, {@link #MISSED}).
     * {@code counted} is what counts towards the target ({@link SequenceFill}, the same number the full check uses).
     */
    public record SequenceCounts(int sequenceId, long inProgress, long completed, long failedAttention, long returnedOrTimedOut,
                                 long noConsent, long counted, int target, long waiting, long missed) {
        public long done() {
            return completed + failedAttention;
        }

        /** Real runs only: new arrivals get no place here (the counted runs reached the target). */
        public boolean full() {
            return target > 0 && counted >= target;
        }

        /** The width of the progress bar, 0–100. */
        public long percent() {
            return target <= 0 ? 0 : Math.min(100, counted * 100 / target);
        }
    }

    /** {@code whatCounts}: the words for what counts towards the target ({@link SequenceFill#whatCounts}). */
    public record Summary(List<SequenceCounts> sequences, SequenceCounts total, Duration medianDuration, double savesPerSecond,
                          long runCount, Instant at, String whatCounts) {
        /** Every sequence has reached its target: new participants are refused (409 experiment_full). */
        public boolean full() {
            return !sequences.isEmpty() && sequences.stream().allMatch(SequenceCounts::full);
        }
    }

    /** One run of the runs table, with its data-quality flags (empty when it looks fine). */
    public record RunRow(String runId, String participant, int sequenceId, String state, boolean pilot, int trialsSaved,
                         Instant startedAt, Instant finishedAt, Double vigilanceHitRate, Double falseAlarmRate, long droppedFrames,
                         long fullscreenExits, long trials, List<String> flags) {
        public boolean flagged() {
            return !flags.isEmpty();
        }
    }

    public Summary summary(Experiment experiment, boolean pilot) {
        currentUser.require(Account.Role.ANALYST);
        Instant now = clock.instant();
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            Map<Integer, Outcomes> bySequence = new HashMap<>();
            long runCount = 0;
            try (PreparedStatement q = c.prepareStatement("SELECT sequence_id,"
                    + " SUM(CASE WHEN state = 'STARTED' AND reserved_until > ? THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state = 'COMPLETED' AND (attention_passed IS NULL OR attention_passed = TRUE) THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state = 'COMPLETED' AND attention_passed = FALSE THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN (state = 'STARTED' AND reserved_until <= ?) OR state IN ('RETURNED', 'VOIDED') THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state = 'NO_CONSENT' THEN 1 ELSE 0 END), COUNT(*),"
                    + " SUM(CASE WHEN " + WAITING + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + MISSED + " THEN 1 ELSE 0 END)"
                    + " FROM run WHERE experiment_id = ? AND pilot = ? GROUP BY sequence_id")) {
                OffsetDateTime at = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
                q.setObject(1, at);
                q.setObject(2, at);
                q.setObject(3, at);
                q.setObject(4, at);
                q.setLong(5, experiment.id());
                q.setBoolean(6, pilot);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        bySequence.put(rs.getInt(1), new Outcomes(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                                rs.getLong(8), rs.getLong(9)));
                        runCount += rs.getLong(7);
                    }
                }
            }
            long[] counted = database.read(em -> SequenceFill.bySequence(em, experiment, pilot, now));
            List<SequenceCounts> rows = new ArrayList<>();
            Outcomes total = Outcomes.NONE;
            long countedTotal = 0;
            int sequences = Math.max(experiment.sequenceCount(), bySequence.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
            for (int s = 1; s <= sequences; s++) {
                Outcomes v = bySequence.getOrDefault(s, Outcomes.NONE);
                long here = s < counted.length ? counted[s] : 0;
                countedTotal += here;
                rows.add(v.counts(s, here, experiment.targetPerSequence()));
                total = total.plus(v);
            }
            SequenceCounts totals = total.counts(0, countedTotal, experiment.targetPerSequence() * sequences);
            return new Summary(rows, totals, medianDuration(c, experiment.id(), pilot), savesPerSecond(c, experiment.id(), now), runCount, now,
                    SequenceFill.whatCounts(experiment));
        } catch (SQLException e) {
            throw new IllegalStateException("The monitor could not read the database", e);
        }
    }

    private static Duration medianDuration(Connection c, long experimentId, boolean pilot) throws SQLException {
        List<Long> millis = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT started_at, finished_at FROM run WHERE experiment_id = ? AND pilot = ?"
                + " AND state = 'COMPLETED' AND finished_at IS NOT NULL")) {
            q.setFetchSize(1000);
            q.setLong(1, experimentId);
            q.setBoolean(2, pilot);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant start = rs.getObject(1, OffsetDateTime.class).toInstant();
                    Instant end = rs.getObject(2, OffsetDateTime.class).toInstant();
                    millis.add(Duration.between(start, end).toMillis());
                }
            }
        }
        if (millis.isEmpty()) {
            return null;
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        long median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return Duration.ofMillis(median);
    }

    private static double savesPerSecond(Connection c, long experimentId, Instant now) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM trial t JOIN run r ON r.id = t.run_id"
                + " WHERE t.saved_at >= ? AND r.experiment_id = ?")) {
            q.setObject(1, OffsetDateTime.ofInstant(now.minusSeconds(60), java.time.ZoneOffset.UTC));
            q.setLong(2, experimentId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) / 60.0;
            }
        }
    }

    /** Runs under one frozen protocol version (version null: runs that started before the experiment had one). */
    public record VersionCounts(Integer version, String hash, java.time.Instant frozenAt, long runs, long completed) {
        public String shortHash() {
            return hash == null ? "–" : hash.substring(0, 16);
        }
    }

    /** Runs and completed runs per protocol version (docs/archive-format.md), oldest version first; voided runs left out. */
    public List<VersionCounts> versions(Experiment experiment, boolean pilot) {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> {
            Map<Integer, VersionCount> counts = new HashMap<>();
            em.createQuery("select r.protocolVersion, count(r), sum(case when r.state = engram.run.entity.RunState.COMPLETED then 1 else 0 end)"
                    + " from Run r where r.experiment.id = :e and r.pilot = :p and r.state <> engram.run.entity.RunState.VOIDED"
                    + " group by r.protocolVersion", VersionCount.class)
                    .setParameter("e", experiment.id()).setParameter("p", pilot).getResultList().forEach(v -> counts.put(v.version(), v));
            List<VersionCounts> result = new ArrayList<>();
            VersionCount none = counts.get(null);
            if (none != null) {
                result.add(new VersionCounts(null, null, null, none.runs(), none.completed()));
            }
            for (engram.archive.control.ProtocolVersions.Frozen v : engram.archive.control.ProtocolVersions.all(em, experiment.id())) {
                VersionCount c = counts.getOrDefault(v.version(), new VersionCount(v.version(), 0L, 0L));
                result.add(new VersionCounts(v.version(), v.hash(), v.frozenAt(), c.runs(), c.completed()));
            }
            return result;
        });
    }

    /** Runs newest first, {@link #PAGE_SIZE} per page (page 0 is the newest), with their quality figures and flags. */
    public List<RunRow> runs(Experiment experiment, boolean pilot, int page) {
        currentUser.require(Account.Role.ANALYST);
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            List<RunBase> base = runPage(c, experiment, pilot, page);
            if (base.isEmpty()) {
                return List.of();
            }
            Map<Long, Quality> quality = quality(c, experiment, pilot, base.get(base.size() - 1).id(), base.get(0).id());
            List<RunRow> rows = new ArrayList<>();
            for (RunBase b : base) {
                rows.add(row(experiment, b, quality.getOrDefault(b.id(), Quality.NONE)));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The monitor could not read the database", e);
        }
    }

    /** One page of runs, newest first. */
    private static List<RunBase> runPage(Connection c, Experiment experiment, boolean pilot, int page) throws SQLException {
        List<RunBase> base = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, public_id, prolific_pid, sequence_id, state, pilot, trials_saved,"
                + " started_at, finished_at FROM run WHERE experiment_id = ? AND pilot = ? ORDER BY id DESC"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            q.setLong(1, experiment.id());
            q.setBoolean(2, pilot);
            q.setLong(3, Math.max(0L, page) * PAGE_SIZE);
            q.setInt(4, PAGE_SIZE);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime finished = rs.getObject(9, OffsetDateTime.class);
                    base.add(new RunBase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getBoolean(6),
                            rs.getInt(7), rs.getObject(8, OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant()));
                }
            }
        }
        return base;
    }

    /** The data-quality sums of the runs with ids from lowest to highest (one page), by run id. */
    private static Map<Long, Quality> quality(Connection c, Experiment experiment, boolean pilot, long lowest, long highest)
            throws SQLException {
        Map<Long, Quality> quality = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT t.run_id, SUM(t.dropped_frames), SUM(t.fullscreen_exits),"
                + " SUM(CASE WHEN si.kind = 'vigilance' AND si.presentation = 2 THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN si.kind = 'vigilance' AND si.presentation = 2 AND t.responded = TRUE THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN si.presentation = 1 THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN si.presentation = 1 AND t.responded = TRUE THEN 1 ELSE 0 END), COUNT(*)"
                + " FROM trial t JOIN run r ON r.id = t.run_id"
                + " JOIN sequence_item si ON si.experiment_id = r.experiment_id AND si.sequence_id = r.sequence_id AND si.trial_index = t.trial_index"
                + " WHERE r.experiment_id = ? AND r.pilot = ? AND t.run_id BETWEEN ? AND ? GROUP BY t.run_id")) {
            q.setLong(1, experiment.id());
            q.setBoolean(2, pilot);
            q.setLong(3, lowest);
            q.setLong(4, highest);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    quality.put(rs.getLong(1), new Quality(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8)));
                }
            }
        }
        return quality;
    }

    private static RunRow row(Experiment experiment, RunBase b, Quality q) {
        Double vigilance = q.vigilanceRepeats() == 0 ? null : (double) q.vigilanceHits() / q.vigilanceRepeats();
        Double falseAlarms = q.firstShowings() == 0 ? null : (double) q.falseAlarms() / q.firstShowings();
        List<String> flags = new ArrayList<>();
        if (vigilance != null && vigilance < experiment.minVigilanceHitRate()) {
            flags.add("vigilance");
        }
        if (falseAlarms != null && falseAlarms >= experiment.maxFalseAlarmRate()) {
            flags.add("false alarms");
        }
        if (q.trials() > 0 && (double) q.droppedFrames() / q.trials() > DROPPED_FRAMES_PER_TRIAL) {
            flags.add("dropped frames");
        }
        if (q.fullscreenExits() > 0) {
            flags.add("fullscreen exits");
        }
        return new RunRow(b.publicId(), b.prolificPid(), b.sequenceId(), b.state(), b.pilot(), b.trialsSaved(),
                b.startedAt(), b.finishedAt(), vigilance, falseAlarms, q.droppedFrames(), q.fullscreenExits(), q.trials(), flags);
    }

    /** Runs of one sequence (or of all) by outcome, as the summary query sums them. */
    private record Outcomes(long inProgress, long completed, long failedAttention, long returnedOrTimedOut, long noConsent, long waiting,
                            long missed) {
        static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0, 0, 0);

        Outcomes plus(Outcomes o) {
            return new Outcomes(inProgress + o.inProgress, completed + o.completed, failedAttention + o.failedAttention,
                    returnedOrTimedOut + o.returnedOrTimedOut, noConsent + o.noConsent, waiting + o.waiting, missed + o.missed);
        }

        SequenceCounts counts(int sequenceId, long counted, int target) {
            return new SequenceCounts(sequenceId, inProgress, completed, failedAttention, returnedOrTimedOut, noConsent, counted, target,
                    waiting, missed);
        }
    }

    /** Runs (voided ones left out) and completed runs of one protocol version (null: before the first freeze). */
    record VersionCount(Integer version, Long runs, Long completed) {
    }

    /** A run row of the page's first query. */
    private record RunBase(long id, String publicId, String prolificPid, int sequenceId, String state, boolean pilot, int trialsSaved,
                           Instant startedAt, Instant finishedAt) {
    }

    /** One run's quality sums over its stored trials: vigilance repeats and hits, first showings and false alarms among them. */
    private record Quality(long droppedFrames, long fullscreenExits, long vigilanceRepeats, long vigilanceHits, long firstShowings,
                           long falseAlarms, long trials) {
        static final Quality NONE = new Quality(0, 0, 0, 0, 0, 0, 0);
    }
}
