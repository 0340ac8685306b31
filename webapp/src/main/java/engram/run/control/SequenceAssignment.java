package engram.run.control;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import engram.experiment.entity.Experiment;
import engram.run.entity.RunState;
import jakarta.persistence.EntityManager;

/**
 * Counterbalancing that respects drop-outs: a new run gets the sequence with the fewest completed runs plus in-progress
 * runs whose reservation has not expired. A real (non-pilot) run only gets a sequence whose count is below the
 * experiment's target per sequence (0 = no target); pilot runs are never capped. Callers hold the experiment's row
 * lock, so concurrent arrivals are serialized and the count cannot overshoot the target.
 */
final class SequenceAssignment {

    /** The sequence for a new run, or empty when every sequence has reached the target. */
    OptionalInt sequenceFor(EntityManager em, Experiment experiment, boolean pilot, Instant now) {
        long[] filled = new long[experiment.sequenceCount() + 1];
        List<Object[]> counts = em.createQuery("select r.sequenceId, count(r) from Run r where r.experiment = :e and r.pilot = :pilot"
                        + " and (r.state = :completed or (r.state = :started and r.reservedUntil > :now)) group by r.sequenceId", Object[].class)
                .setParameter("e", experiment).setParameter("pilot", pilot)
                .setParameter("completed", RunState.COMPLETED).setParameter("started", RunState.STARTED).setParameter("now", now)
                .getResultList();
        for (Object[] row : counts) {
            int sequenceId = (Integer) row[0];
            if (sequenceId >= 1 && sequenceId < filled.length) {
                filled[sequenceId] = (Long) row[1];
            }
        }
        return leastFilledBelow(filled, pilot ? 0 : experiment.targetPerSequence());
    }

    /** The lowest sequence id among those with the smallest count; index 0 is unused. */
    static int leastFilled(long[] filledBySequence) {
        int best = 1;
        for (int s = 2; s < filledBySequence.length; s++) {
            if (filledBySequence[s] < filledBySequence[best]) {
                best = s;
            }
        }
        return best;
    }

    /** {@link #leastFilled}, or empty when even that sequence has reached {@code target} (0 = no target). */
    static OptionalInt leastFilledBelow(long[] filledBySequence, int target) {
        int best = leastFilled(filledBySequence);
        return target > 0 && filledBySequence[best] >= target ? OptionalInt.empty() : OptionalInt.of(best);
    }
}
