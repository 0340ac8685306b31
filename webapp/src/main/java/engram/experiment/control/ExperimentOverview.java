package engram.experiment.control;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import engram.accounts.entity.Account;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.Experiment.Status;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The experiments the caller may see, read: the list with its run counts, one experiment by its name, whether real runs
 * lock it, and the runs the confirmations quote.
 */
@ApplicationScoped
public class ExperimentOverview extends ExperimentStep {

    /** One line of the experiments list. */
    public record Overview(String slug, String title, Status status, String stimulusSet, int sequences, int length,
                           long runsCompleted, long pilotRuns, boolean locked, String owner) {
    }

    /** An experiment's pilot or real runs: how many completed, how many in all. */
    record RunCount(Long experimentId, Boolean pilot, Long completed, Long runs) {
    }

    public List<Overview> overview() {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> {
            Map<Long, RunCount> real = new HashMap<>();
            Map<Long, RunCount> pilot = new HashMap<>();
            em.createQuery("select r.experiment.id, r.pilot, sum(case when r.state = engram.run.entity.RunState.COMPLETED then 1 else 0 end),"
                    + " count(r) from Run r group by r.experiment.id, r.pilot", RunCount.class).getResultList()
                    .forEach(c -> (c.pilot() ? pilot : real).put(c.experimentId(), c));
            RunCount none = new RunCount(0L, false, 0L, 0L);
            return access.visible(em).stream()
                    .map(e -> {
                        RunCount r = real.getOrDefault(e.id(), none);
                        return new Overview(e.slug(), e.title(), e.status(), e.stimulusSet().name(), e.sequenceCount(),
                                e.sequenceLength(), r.completed(), pilot.getOrDefault(e.id(), none).runs(), r.runs() > 0,
                                e.owner() == null ? "" : e.owner().username());
                    }).toList();
        });
    }

    /** The experiment, when the caller may see it (404 {@code unknown_experiment}, 403 {@code not_shared}). */
    public Experiment find(String slug) {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> bySlug(em, slug));
    }

    /** The experiments the caller may see (their own, those shared with them; admins all), newest first. */
    public List<Experiment> visible() {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> access.visible(em));
    }

    /** True once a real (non-pilot) run exists: from then on sequences, timing and stimuli cannot change. */
    public boolean isLocked(Experiment experiment) {
        return database.read(em -> hasRealRuns(em, experiment));
    }

    /**
     * Counts the confirmations quote: runs in progress (real, unfinished, slot still reserved), real runs in all, and
     * pilot runs of the current sequences (not voided).
     */
    public record RunCounts(long inProgress, long realRuns, long pilotRuns) {
    }

    public RunCounts runCounts(Experiment experiment) {
        return database.read(em -> {
            long inProgress = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = false"
                    + " and r.state = engram.run.entity.RunState.STARTED and r.reservedUntil > :now", Long.class)
                    .setParameter("e", experiment.id()).setParameter("now", clock.instant()).getSingleResult();
            long real = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = false", Long.class)
                    .setParameter("e", experiment.id()).getSingleResult();
            long pilot = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = true"
                    + " and r.state <> engram.run.entity.RunState.VOIDED", Long.class).setParameter("e", experiment.id()).getSingleResult();
            return new RunCounts(inProgress, real, pilot);
        });
    }
}
