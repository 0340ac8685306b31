package engram.core.phase;

import java.util.List;

/** A list of phases breaks the rules of {@link PhasePlan}; each problem names the phase and the field. */
public class PhasePlanException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public PhasePlanException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
