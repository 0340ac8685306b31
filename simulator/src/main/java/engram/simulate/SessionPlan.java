package engram.simulate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a synthetic participant will do in one session of an experiment with phases, decided up front from its
 * seeded generator.
 *
 * @param answers one answer per position of the session, in order
 * @param dropoutAt position before which the participant stops for good, or -1
 * @param reloadAt position before which the participant reloads the page, or -1
 * @param distractorScores the score each distractor phase of the session reports, by phase
 * @param memory the studied images the participant holds after the session (for later sessions)
 */
public record SessionPlan(List<TrialAnswer> answers, int dropoutAt, int reloadAt,
                          Map<Integer, DistractorScore> distractorScores, Set<String> memory) {

    public SessionPlan {
        answers = List.copyOf(answers);
        distractorScores = Map.copyOf(distractorScores);
        memory = Set.copyOf(memory);
    }

    /** A distractor's arithmetic: {@code correct} of {@code problems} answered right. */
    public record DistractorScore(int problems, int correct) {
    }
}
