package engram.core.design;

/** A broken design rule: the rule's name, the trial index concerned (-1 when none) and a sentence for a person. */
public record Violation(String constraint, int trialIndex, String message) {

    @Override
    public String toString() {
        return constraint + (trialIndex >= 0 ? " @" + trialIndex : "") + ": " + message;
    }
}
