package engram.run.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.run.entity.Run;
import engram.run.entity.RunPhase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Break and distractor phases of a run (docs/participant-api.md, "Break and distractor phases"): opened once (the
 * server's clock starts the minimum duration), done once the minimum duration has passed, with the distractor's score.
 */
@ApplicationScoped
public class RunPhases {

    private static final int MAX_PROBLEMS = 100_000;

    private Database database;
    private Clock clock;

    protected RunPhases() {
    }

    @Inject
    public RunPhases(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A timed phase of a run as stored: when it was opened, when it may be done, and when it was done (null until then). */
    public record Timed(int phase, Instant startedAt, Instant earliestDoneAt, Instant finishedAt) {
    }

    /** Opens a break or distractor phase; opening it again answers with the first opening (a reload keeps its time). */
    public Timed open(String runId, String token, int phaseNumber) {
        RunService.checkRunId(runId);
        Instant now = clock.instant();
        return database.write(em -> {
            Run run = RunService.lockRun(em, runId, token);
            Phase phase = timedPhase(em, run, phaseNumber);
            Optional<RunPhase> stored = find(em, run, phaseNumber);
            if (stored.isPresent()) {
                return timed(stored.get(), phase);
            }
            RunService.requireActive(run);
            RunPhase opened = new RunPhase(run, phaseNumber, now);
            em.persist(opened);
            run.touch(now);
            return timed(opened, phase);
        });
    }

    /**
     * Marks a break or distractor phase done: 409 too_soon before its minimum duration has passed on the server's clock
     * since it was first opened (a phase never opened is opened now). Done twice answers with the first.
     */
    public Timed done(String runId, String token, int phaseNumber, Integer problems, Integer correct) {
        RunService.checkRunId(runId);
        Instant now = clock.instant();
        Object outcome = database.write(em -> {
            Run run = RunService.lockRun(em, runId, token);
            Phase phase = timedPhase(em, run, phaseNumber);
            Optional<RunPhase> stored = find(em, run, phaseNumber);
            if (stored.isPresent() && stored.get().isDone()) {
                return timed(stored.get(), phase);
            }
            RunService.requireActive(run);
            if (phase.task() == Task.DISTRACTOR) {
                if (problems == null || correct == null || problems < 0 || problems > MAX_PROBLEMS || correct < 0 || correct > problems) {
                    throw new ClientError(400, ErrorCode.BAD_PHASE_DONE, "A distractor phase is done with 0 <= correct <= problems <= " + MAX_PROBLEMS
                            + "; was problems " + problems + ", correct " + correct + ".", ErrorAnswer.Details.field(problems == null || problems < 0
                            || problems > MAX_PROBLEMS ? "problems" : "correct"));
                }
            } else if (problems != null || correct != null) {
                throw new ClientError(400, ErrorCode.BAD_PHASE_DONE, "A break has no problems or correct answers.", ErrorAnswer.Details.field("problems"));
            }
            RunPhase row = stored.orElseGet(() -> {
                RunPhase opened = new RunPhase(run, phaseNumber, now);
                em.persist(opened);
                return opened;
            });
            Instant earliest = earliest(row, phase);
            if (now.isBefore(earliest)) {
                // returned, not thrown: a phase opened here stays opened
                return new ClientError(409, ErrorCode.TOO_SOON, "Phase " + phaseNumber + " (" + phase.task().code() + ") lasts at least "
                        + phase.minDurationS() + " s; it can be done from " + earliest + ".", ErrorAnswer.Details.earliestDoneAt(earliest.toString()));
            }
            row.done(problems, correct, now);
            run.touch(now);
            return timed(row, phase);
        });
        if (outcome instanceof ClientError refusal) {
            throw refusal;
        }
        return (Timed) outcome;
    }

    private static Phase timedPhase(EntityManager em, Run run, int phaseNumber) {
        PhasePlan plan = PhasePlans.of(run.experiment());
        if (phaseNumber < 1 || phaseNumber > plan.phases().size()) {
            throw ClientError.badRequest(ErrorCode.WRONG_PHASE, "This study has no phase " + phaseNumber + ".");
        }
        Phase phase = PhasePlans.phase(plan, phaseNumber);
        if (phase.task() != Task.BREAK && phase.task() != Task.DISTRACTOR) {
            throw ClientError.badRequest(ErrorCode.WRONG_PHASE, "Phase " + phaseNumber + " is " + phase.task().code()
                    + "; only break and distractor phases are opened and done.");
        }
        int current = PhasePlans.sessions(plan) > 1 ? Sessions.current(em, run) : 1;
        if (phase.session() != current) {
            throw ClientError.badRequest(ErrorCode.WRONG_PHASE, "Phase " + phaseNumber + " belongs to session " + phase.session()
                    + "; this visit runs session " + current + ".");
        }
        return phase;
    }

    private static Instant earliest(RunPhase row, Phase phase) {
        return row.startedAt().plus(Duration.ofSeconds(phase.minDurationS() == null ? 0 : phase.minDurationS()));
    }

    private static Timed timed(RunPhase row, Phase phase) {
        return new Timed(row.phase(), row.startedAt(), earliest(row, phase), row.finishedAt());
    }

    private static Optional<RunPhase> find(EntityManager em, Run run, int phase) {
        return em.createQuery("select p from RunPhase p where p.run = :run and p.phase = :phase", RunPhase.class)
                .setParameter("run", run).setParameter("phase", phase).getResultStream().findFirst();
    }

    /** The break and distractor phases of the run that are done. */
    static List<Integer> done(EntityManager em, Run run) {
        return em.createQuery("select p.phase from RunPhase p where p.run = :run and p.finishedAt is not null order by p.phase", Integer.class)
                .setParameter("run", run).getResultList();
    }

    /** The break and distractor phases of {@code session} that are not done yet. */
    static List<Integer> notDone(EntityManager em, Run run, PhasePlan plan, int session) {
        List<Integer> timed = PhasePlans.phasesOf(plan, session).stream()
                .filter(p -> p.task() == Task.BREAK || p.task() == Task.DISTRACTOR).map(Phase::phase).toList();
        if (timed.isEmpty()) {
            return List.of();
        }
        List<Integer> done = done(em, run);
        return timed.stream().filter(p -> !done.contains(p)).toList();
    }
}
