package engram.simulate;

import java.util.List;

/**
 * Everything a synthetic participant will do in one run, decided up front from its seeded generator so that the
 * behaviour does not depend on timing, retries or reloads.
 *
 * @param answers one answer per position, in order
 * @param dropoutAt position before which the participant stops for good, or -1
 * @param reloadAt position before which the participant reloads the page, or -1
 */
public record ParticipantPlan(List<TrialAnswer> answers, int dropoutAt, int reloadAt) {

    public ParticipantPlan {
        answers = List.copyOf(answers);
    }

    /** @return whether this participant drops out */
    public boolean dropsOut() {
        return dropoutAt >= 0;
    }

    /** @return whether this participant reloads the page once */
    public boolean reloads() {
        return reloadAt >= 0;
    }
}
