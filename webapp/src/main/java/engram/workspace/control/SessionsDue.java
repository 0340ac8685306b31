package engram.workspace.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.experiment.entity.Experiment;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who is due when in a multi-session experiment (the monitor's "Sessions due" and the Prolific allowlist,
 * docs/workspace.md): every participant who has not finished, those still in session 1 included, with the session they
 * are in or wait for, its window and whether it is open now; read from run and run_session with plain SQL (the
 * workspace does not import the participant side).
 */
@ApplicationScoped
public class SessionsDue {

    /** The {@link Due#due()} of a waiting participant whose window is open now: on the allowlist. */
    public static final String OPEN_NOW = "open now";
    /** Waiting, and the window has not opened yet. */
    public static final String TOO_EARLY = "too early";
    /** The window closed without a return (or they came back too late). */
    public static final String MISSED = "missed";
    /** Taking a session now: no window to wait for. */
    public static final String IN_SESSION = "";

    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    CurrentUser currentUser;

    /**
     * One participant who has not finished. {@code state} in a researcher's words ("in session 1", "waiting for
     * session 2", "missed session 2"); {@code opensAt}/{@code closesAt} the window of the session waited for (or of the
     * later session being taken; none while in session 1); {@code due} {@value #OPEN_NOW}, {@value #TOO_EARLY},
     * {@value #MISSED} or empty while in a session.
     */
    public record Due(String participant, String runId, int session, String state, Instant opensAt, Instant closesAt,
                      int refusedEarly, int refusedLate, String due) {

        public boolean openNow() {
            return OPEN_NOW.equals(due);
        }
    }

    /** Every unfinished run (in a session, waiting, or missed one), soonest next window first, those in a session last. */
    public List<Due> due(Experiment experiment, boolean pilot) {
        currentUser.require(Account.Role.ANALYST);
        return read(database, clock.instant(), experiment.id(), pilot);
    }

    /** {@link #due} without the caller's rights check, at {@code now}. */
    public static List<Due> read(Database database, Instant now, long experimentId, boolean pilot) {
        List<Due> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement q = c.prepareStatement("SELECT r.prolific_pid, r.public_id, r.state, s.session_number, s.state,"
                    + " s.opens_at, s.closes_at, s.refused_early, s.refused_late FROM run r"
                    + " LEFT JOIN run_session s ON s.run_id = r.id AND s.session_number ="
                    + " (SELECT MAX(x.session_number) FROM run_session x WHERE x.run_id = r.id)"
                    + " WHERE r.experiment_id = ? AND r.pilot = ? AND r.state IN ('STARTED', 'WAITING', 'MISSED') ORDER BY r.id")) {
                q.setLong(1, experimentId);
                q.setBoolean(2, pilot);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        int session = rs.getObject(4) == null ? 1 : rs.getInt(4);
                        OffsetDateTime opens = rs.getObject(6, OffsetDateTime.class);
                        OffsetDateTime closes = rs.getObject(7, OffsetDateTime.class);
                        rows.add(of(rs.getString(1), rs.getString(2), rs.getString(3), session, rs.getString(5),
                                opens == null ? null : opens.toInstant(), closes == null ? null : closes.toInstant(), rs.getInt(8), rs.getInt(9), now));
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sessions of experiment " + experimentId + " failed", e);
        }
        rows.sort(SOONEST);
        return rows;
    }

    /** By the opening of the window waited for (missed ones have theirs in the past), then those in a session. */
    static final Comparator<Due> SOONEST = Comparator.comparing((Due d) -> d.due().equals(IN_SESSION))
            .thenComparing(Due::opensAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Due::session)
            .thenComparing(d -> d.participant() == null ? "" : d.participant());

    /**
     * One run's row: {@code runState} of the run, {@code sessionState} of its latest session (null without one: a run
     * of session 1 that started before sessions were recorded). A WAITING session stays WAITING in the database until
     * its participant comes back, so a window that closed is read here as missed.
     */
    static Due of(String participant, String runId, String runState, int session, String sessionState, Instant opensAt, Instant closesAt,
                  int refusedEarly, int refusedLate, Instant now) {
        boolean waiting = "WAITING".equals(runState) && "WAITING".equals(sessionState);
        boolean missed = "MISSED".equals(runState) || "MISSED".equals(sessionState) || waiting && closesAt != null && now.isAfter(closesAt);
        String due;
        String state;
        if (missed) {
            due = MISSED;
            state = "missed session " + session;
        } else if (waiting) {
            due = opensAt != null && now.isBefore(opensAt) ? TOO_EARLY : OPEN_NOW;
            state = "waiting for session " + session;
        } else {
            due = IN_SESSION;
            state = "in session " + session;
        }
        boolean windowShown = session > 1;
        return new Due(participant, runId, session, state, windowShown ? opensAt : null, windowShown ? closesAt : null, refusedEarly, refusedLate,
                due);
    }

    /** The PROLIFIC_PIDs of real runs whose next session is open now: the allowlist for the follow-up study on Prolific. */
    public List<String> eligibleNow(Experiment experiment) {
        return eligible(due(experiment, false));
    }

    /** The PROLIFIC_PIDs open now among {@code due}, each once, in the order of {@code due}. */
    public static List<String> eligible(List<Due> due) {
        return due.stream().filter(Due::openNow).map(Due::participant).filter(p -> p != null && !p.isBlank()).distinct().toList();
    }
}
