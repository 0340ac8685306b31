package engram.workspace.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.experiment.entity.Experiment;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who is due when in a multi-session experiment (the monitor's "Sessions due" and the Prolific allowlist,
 * docs/workspace.md): each participant's next session with its window and state, read from run_session with plain SQL
 * (the workspace does not import the participant side).
 */
@ApplicationScoped
public class SessionsDue {

    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    CurrentUser currentUser;

    /**
     * One participant's latest session: {@code due} is {@code open now} (within the window), {@code not yet},
     * {@code window closed} (not back in time; refused as too late when they come), {@code in session}, {@code missed}.
     */
    public record Due(String participant, String runId, int session, String state, Instant opensAt, Instant closesAt,
                      int refusedEarly, int refusedLate, String due) {
    }

    /** Every run's latest session that is waiting, open or missed, soonest window first. */
    public List<Due> due(Experiment experiment, boolean pilot) {
        currentUser.require(Account.Role.ANALYST);
        Instant now = clock.instant();
        List<Due> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement q = c.prepareStatement("SELECT r.prolific_pid, r.public_id, s.session_number, s.state, s.opens_at,"
                    + " s.closes_at, s.refused_early, s.refused_late FROM run_session s JOIN run r ON r.id = s.run_id"
                    + " WHERE r.experiment_id = ? AND r.pilot = ? AND s.session_number > 1 AND s.state <> 'COMPLETED'"
                    + " ORDER BY s.opens_at, r.id")) {
                q.setLong(1, experiment.id());
                q.setBoolean(2, pilot);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        Instant opens = rs.getObject(5, OffsetDateTime.class).toInstant();
                        Instant closes = rs.getObject(6, OffsetDateTime.class).toInstant();
                        String state = rs.getString(4);
                        rows.add(new Due(rs.getString(1), rs.getString(2), rs.getInt(3), state, opens, closes, rs.getInt(7), rs.getInt(8),
                                dueLabel(state, opens, closes, now)));
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sessions of '" + experiment.slug() + "' failed", e);
        }
        return rows;
    }

    /** The PROLIFIC_PIDs whose next session is open now: the allowlist for the follow-up study on Prolific. */
    public List<String> eligibleNow(Experiment experiment) {
        return due(experiment, false).stream().filter(d -> d.due().equals("open now")).map(Due::participant).distinct().toList();
    }

    static String dueLabel(String state, Instant opens, Instant closes, Instant now) {
        return switch (state) {
            case "WAITING" -> now.isBefore(opens) ? "not yet" : now.isAfter(closes) ? "window closed" : "open now";
            case "STARTED" -> "in session";
            default -> "missed";
        };
    }
}
