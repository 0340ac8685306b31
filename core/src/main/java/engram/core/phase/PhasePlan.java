package engram.core.phase;

import java.util.List;

/** An experiment's phases in order. */
public record PhasePlan(List<Phase> phases) {
    public PhasePlan {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a phase plan needs at least one phase");
        }
        int session = 1;
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p.phase() != i + 1) {
                throw new IllegalArgumentException("phase " + (i + 1) + ": phases are numbered 1..n, was " + p.phase());
            }
            if (p.session() != session && p.session() != session + 1 || i == 0 && p.session() != 1) {
                throw new IllegalArgumentException("phase " + p.phase() + ": sessions start at 1 and step by 1, was " + p.session());
            }
            boolean opens = i > 0 && p.session() == session + 1;
            session = p.session();
            if (opens) {
                if (p.delayMinS() == null || p.delayMaxS() == null || p.delayMinS() < 0 || p.delayMinS() > p.delayMaxS()) {
                    throw new IllegalArgumentException("phase " + p.phase() + ": the first phase of session " + p.session()
                            + " needs 0 <= delayMinS <= delayMaxS");
                }
            } else if (p.delayMinS() != null || p.delayMaxS() != null) {
                throw new IllegalArgumentException("phase " + p.phase() + ": only the first phase of a later session has a delay window");
            }
        }
    }

    /** One continuous phase in session 1: every experiment without phases. */
    public static PhasePlan continuousOnly() {
        return new PhasePlan(List.of(new Phase(1, Task.CONTINUOUS, 1, null, null, null, null, null, true, null)));
    }
}
