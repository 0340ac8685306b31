package engram.run.control;

import java.time.Instant;
import java.util.OptionalInt;

import engram.experiment.control.SequenceFill;
import engram.experiment.entity.Experiment;
import jakarta.persistence.EntityManager;

/**
 * Counterbalancing that respects drop-outs: a new run gets the sequence with the fewest counted runs ({@link SequenceFill}:
 * usable completed runs plus in-progress runs whose reservation has not expired). A real (non-pilot) run only gets a sequence whose count is below the
 * experiment's target per sequence (0 = no target); pilot runs are never capped. Callers hold the experiment's row
 * lock, so concurrent arrivals are serialized and the count cannot overshoot the target.
 */
final class SequenceAssignment {

    /** The sequence for a new run, or empty when every sequence has reached the target (counted by {@link SequenceFill}). */
    OptionalInt sequenceFor(EntityManager em, Experiment experiment, boolean pilot, Instant now) {
        return leastFilledBelow(SequenceFill.bySequence(em, experiment, pilot, now), pilot ? 0 : experiment.targetPerSequence());
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
