package engram.core.design;

import java.util.List;

/** The design's constraints cannot be met by these stimuli; each reason names the constraint and the numbers. */
public class DesignInfeasibleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> reasons;

    public DesignInfeasibleException(List<String> reasons) {
        super(reasons.size() == 1 ? "design infeasible: " + reasons.get(0)
                : "design infeasible:\n" + String.join("\n", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
