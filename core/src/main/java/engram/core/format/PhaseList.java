package engram.core.format;

import java.util.List;

/**
 * One list of a recognition design: every shown trial of the study and test phases of one run, in trial order, numbered
 * 1..K within a design like a {@link Sequence} (sequences.csv's {@code sequence_id}).
 */
public record PhaseList(int listId, List<PhaseTrial> trials) {

    public PhaseList {
        if (listId < 1) {
            throw new IllegalArgumentException("listId must be >= 1, was " + listId);
        }
        trials = List.copyOf(trials);
    }

    /** The trials of one phase, in order. */
    public List<PhaseTrial> trialsOf(int phase) {
        return trials.stream().filter(t -> t.phase() == phase).toList();
    }

    public int length() {
        return trials.size();
    }

    public long count(int phase, Kind kind) {
        return trials.stream().filter(t -> t.phase() == phase && t.kind() == kind).count();
    }
}
