package engram.simulate;

import java.util.List;

/**
 * The parts of one session's start answer (an experiment with phases) that shape a synthetic participant's behaviour.
 *
 * @param displayMs the experiment's display time (a phase may have its own)
 * @param isiMs inter-stimulus interval
 * @param minBoxes fewest boxes after an answer that takes boxes
 * @param maxBoxes most boxes
 * @param session the session this visit runs
 * @param phases the whole phase plan, in order
 * @param trials this session's positions, in order
 */
public record SessionLayout(int displayMs, int isiMs, int minBoxes, int maxBoxes, int session, List<PhaseSpec> phases,
                            List<PhaseTrial> trials) {

    public SessionLayout {
        phases = List.copyOf(phases);
        trials = List.copyOf(trials);
        if (displayMs <= 0 || isiMs < 0) {
            throw new IllegalArgumentException("displayMs must be > 0 and isiMs >= 0, got " + displayMs + ", " + isiMs);
        }
        if (minBoxes < 0 || maxBoxes < Math.max(1, minBoxes)) {
            throw new IllegalArgumentException("need 0 <= minBoxes <= maxBoxes and maxBoxes >= 1, got "
                    + minBoxes + ", " + maxBoxes);
        }
        for (PhaseTrial trial : trials) {
            if (phases.stream().noneMatch(p -> p.phase() == trial.phase() && !p.timed())) {
                throw new IllegalArgumentException("position " + trial.position() + " names phase " + trial.phase()
                        + ", which is not a phase with trials in the plan");
            }
        }
    }

    /** @return the plan's phase {@code number} */
    public PhaseSpec phase(int number) {
        return phases.stream().filter(p -> p.phase() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no phase " + number + " in the plan"));
    }

    /** @return this session's phases, in order */
    public List<PhaseSpec> sessionPhases() {
        return phases.stream().filter(p -> p.session() == session).toList();
    }
}
