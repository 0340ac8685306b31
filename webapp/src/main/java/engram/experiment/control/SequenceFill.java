package engram.experiment.control;

import java.time.Instant;
import java.util.List;

import engram.experiment.entity.Experiment;
import jakarta.persistence.EntityManager;

/**
 * The one definition of how full a sequence is, used by the full check when a participant arrives, by the monitor's
 * bar and by its "study is full" notice: completed runs that passed the attention checks, plus started runs whose
 * reservation still holds, plus runs waiting between sessions. A run that failed the attention checks releases its place, unless the experiment's
 * {@link Experiment#countFailedRuns()} setting counts it too. Returned, voided, timed-out and no-consent runs never count.
 * A fact about an experiment's sequences that the participant side and the workspace both read; the runs are counted by
 * query, as {@link ExperimentOverview} counts them, without importing the participant side.
 */
public final class SequenceFill {

    private SequenceFill() {
    }

    /** The counted runs of one sequence, as the query groups them. */
    record SequenceCount(Integer sequenceId, Long runs) {
    }

    /** Counted runs per sequence, indexed by sequence id (index 0 unused, length {@code sequenceCount + 1}). */
    public static long[] bySequence(EntityManager em, Experiment experiment, boolean pilot, Instant now) {
        long[] filled = new long[experiment.sequenceCount() + 1];
        String completed = experiment.countFailedRuns() ? "r.state = engram.run.entity.RunState.COMPLETED"
                : "(r.state = engram.run.entity.RunState.COMPLETED and (r.attentionPassed is null or r.attentionPassed = true))";
        List<SequenceCount> counts = em.createQuery("select r.sequenceId, count(r) from Run r where r.experiment = :e and r.pilot = :pilot"
                        + " and (" + completed + " or r.state = engram.run.entity.RunState.WAITING"
                        + " or (r.state = engram.run.entity.RunState.STARTED and r.reservedUntil > :now)) group by r.sequenceId",
                        SequenceCount.class)
                .setParameter("e", experiment).setParameter("pilot", pilot).setParameter("now", now)
                .getResultList();
        for (SequenceCount row : counts) {
            if (row.sequenceId() >= 1 && row.sequenceId() < filled.length) {
                filled[row.sequenceId()] = row.runs();
            }
        }
        return filled;
    }

    /** What counts towards the target, in the words the workspace shows next to the bar and in the "study is full" notice. */
    public static String whatCounts(Experiment experiment) {
        return experiment.countFailedRuns()
                ? "completed runs, including those that failed the attention checks, plus reservations that still hold"
                : "completed runs that passed the attention checks, plus reservations that still hold; a failed run frees its place";
    }
}
