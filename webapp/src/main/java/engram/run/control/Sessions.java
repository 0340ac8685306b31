package engram.run.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.experiment.control.LaunchChecklist;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.run.entity.ProlificIdentity;
import engram.run.entity.Run;
import engram.run.entity.RunEvent;
import engram.run.entity.RunSession;
import engram.run.entity.RunState;
import engram.run.entity.SessionState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Sessions of a multi-session experiment (docs/participant-api.md, "Sessions"): a session ends with its own code and
 * the run waits for the next session's window; the same PROLIFIC_PID comes back through the session link and is let
 * in within the window, refused as too early (counted) before it, and refused as too late after it (the session is
 * MISSED and the run ends). Times are the server's clock.
 */
final class Sessions {

    private Sessions() {
    }

    /** The run of this participant that is between sessions (WAITING) or missed one (MISSED), locked. */
    static Optional<Run> betweenSessions(EntityManager em, Experiment experiment, String prolificPid) {
        return em.createQuery("select r from Run r where r.experiment = :e and r.prolificPid = :pid and r.state in :states"
                        + " order by r.startedAt desc", Run.class)
                .setParameter("e", experiment).setParameter("pid", prolificPid)
                .setParameter("states", List.of(RunState.WAITING, RunState.MISSED))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** The session this visit of the run runs: the open one, or 1 for a single-session experiment. */
    static int current(EntityManager em, Run run) {
        return em.createQuery("select max(s.session) from RunSession s where s.run = :run and s.state = :started", Integer.class)
                .setParameter("run", run).setParameter("started", SessionState.STARTED).getResultStream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(1);
    }

    static Optional<RunSession> session(EntityManager em, Run run, int session) {
        return em.createQuery("select s from RunSession s where s.run = :run and s.session = :n", RunSession.class)
                .setParameter("run", run).setParameter("n", session).getResultStream().findFirst();
    }

    /** The newest session row of the run (the one waiting or missed, between sessions). */
    static RunSession latest(EntityManager em, Run run) {
        return em.createQuery("select s from RunSession s where s.run = :run order by s.session desc", RunSession.class)
                .setParameter("run", run).setMaxResults(1).getSingleResult();
    }

    /**
     * A participant between sessions opened the link: the next session opens within its window (a resume, with the
     * ids of this visit), or the answer is a refusal, recorded before it is reported (returned, not thrown, so that it commits).
     */
    static Object reopen(EntityManager em, Run run, ProlificIdentity who, Instant now) {
        Experiment experiment = run.experiment();
        RunSession next = latest(em, run);
        if (run.state() == RunState.MISSED || next.state() == SessionState.MISSED) {
            next.refusedLateAgain();
            return tooLate(experiment, next);
        }
        if (now.isBefore(next.opensAt())) {
            next.countEarlyRefusal();
            em.persist(new RunEvent(run, "session_too_early", now, "session " + next.session() + " opens at " + next.opensAt()));
            String code = experiment.codeTooEarly();
            return new ClientError(409, ErrorCode.SESSION_TOO_EARLY, "It is too early for part " + next.session() + " of this study. Please come back"
                    + " between " + next.opensAt() + " and " + next.closesAt() + " (UTC).", ErrorAnswer.Details.tooEarly(code,
                    LaunchChecklist.completionUrl(code), next.session(), next.opensAt().toString(), next.closesAt().toString()));
        }
        if (now.isAfter(next.closesAt())) {
            next.missed(experiment.codeTooLate());
            run.finish(RunState.MISSED, experiment.codeTooLate(), null, now);
            em.persist(new RunEvent(run, "session_too_late", now, "session " + next.session() + " closed at " + next.closesAt()));
            return tooLate(experiment, next);
        }
        next.open(who.studyId(), who.sessionId(), now);
        run.openNextSession(who, now);
        em.persist(new RunEvent(run, "session_opened", now, "session " + next.session()));
        return next.session();
    }

    private static ClientError tooLate(Experiment experiment, RunSession next) {
        String code = experiment.codeTooLate();
        return new ClientError(409, ErrorCode.SESSION_TOO_LATE, "The time for part " + next.session() + " of this study ended at " + next.closesAt()
                + " (UTC), so it can no longer be taken.", ErrorAnswer.Details.tooLate(code, LaunchChecklist.completionUrl(code),
                next.session(), next.closesAt().toString()));
    }

    /**
     * Ends session {@code session} (not the last) of the run: its code, and the next session waiting for its window,
     * which opens {@code delayMinS} after now and closes {@code delayMaxS} after now.
     */
    static RunSession finishAndWait(EntityManager em, Run run, PhasePlan plan, int session, Instant now) {
        RunSession finished = session(em, run, session).orElseThrow();
        finished.finish(run.experiment().sessionCode(session, PhasePlans.sessions(plan)), now);
        Phase first = PhasePlans.phase(plan, PhasePlans.firstPhaseOf(plan, session + 1));
        RunSession next = RunSession.waiting(run, session + 1, first.phase(), first.delayMinS(), first.delayMaxS(), now);
        em.persist(next);
        run.waitForNextSession(now);
        em.persist(new RunEvent(run, "session_completed", now, "session " + session + "; session " + (session + 1) + " opens at "
                + next.opensAt()));
        return next;
    }
}
