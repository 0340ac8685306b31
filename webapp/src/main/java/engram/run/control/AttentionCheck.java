package engram.run.control;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.run.entity.Trial;

/**
 * The MemoryGame attention rule, applied when a run completes: it fails when the vigilance hit rate is below the minimum
 * (default 0.60) or the false-alarm rate over all first showings is at or above the maximum (default 0.40).
 * A run without vigilance repeats is judged on false alarms alone.
 */
final class AttentionCheck {

    private AttentionCheck() {
    }

    static boolean passes(Experiment experiment, List<SequenceItem> items, List<Trial> trials) {
        Map<Integer, Boolean> respondedAt = new HashMap<>();
        trials.forEach(t -> respondedAt.put(t.trialIndex(), t.responded()));
        int vigilanceRepeats = 0;
        int vigilanceHits = 0;
        int firstShowings = 0;
        int falseAlarms = 0;
        for (SequenceItem item : items) {
            boolean responded = respondedAt.getOrDefault(item.trialIndex(), false);
            if (item.presentation() == 1) {
                firstShowings++;
                falseAlarms += responded ? 1 : 0;
            } else if ("vigilance".equals(item.kind())) {
                vigilanceRepeats++;
                vigilanceHits += responded ? 1 : 0;
            }
        }
        boolean vigilant = vigilanceRepeats == 0 || (double) vigilanceHits / vigilanceRepeats >= experiment.minVigilanceHitRate();
        boolean fewFalseAlarms = firstShowings == 0 || (double) falseAlarms / firstShowings < experiment.maxFalseAlarmRate();
        return vigilant && fewFalseAlarms;
    }
}
