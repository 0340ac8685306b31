package engram.simulate;

import java.util.List;

/**
 * One phase of a run's plan as the start answer gives it (docs/participant-api.md, {@code phases}).
 *
 * @param phase the phase's number (1..)
 * @param task {@code continuous}, {@code study}, {@code old-new}, {@code old-similar-new}, {@code 2afc},
 *             {@code break} or {@code distractor}
 * @param session the session the phase runs in (1..)
 * @param displayMs the phase's own display time, or null for the experiment's
 * @param encodingAnswers the study phase's encoding question answers, empty without a question
 * @param confidenceLevels the test phase's confidence scale (1..levels), or null without one
 * @param boxes whether boxes follow an 'old' answer
 * @param minDurationS a break's or distractor's minimum duration in seconds, or null
 */
public record PhaseSpec(int phase, String task, int session, Integer displayMs, List<String> encodingAnswers,
                        Integer confidenceLevels, boolean boxes, Integer minDurationS) {

    public PhaseSpec {
        encodingAnswers = List.copyOf(encodingAnswers);
    }

    /** @return whether the phase has no trials: a break or a distractor */
    public boolean timed() {
        return "break".equals(task) || "distractor".equals(task);
    }
}
