package engram.core.format;

import java.util.List;

/** One stream of trials, numbered 1..K within a design. */
public record Sequence(int sequenceId, List<Position> positions) {

    public Sequence {
        if (sequenceId < 1) {
            throw new IllegalArgumentException("sequenceId must be >= 1, was " + sequenceId);
        }
        positions = List.copyOf(positions);
    }

    public int length() {
        return positions.size();
    }

    public long count(Kind kind, int presentation) {
        return positions.stream().filter(p -> p.kind() == kind && p.presentation() == presentation).count();
    }
}
