package engram.analysis.recognition;

import java.util.List;

/**
 * The analysis of an export's study and test phases; every list is empty for the continuous game only.
 *
 * @param phases       the study and test phases
 * @param participants per participant, phase and group
 * @param images       per phase, image and role
 * @param summary      per phase, group and measure over participants
 * @param roc          pooled ROC points of old/new phases
 * @param tests        paired tests between groups and across phases
 * @param excluded     participants left out by the attention rule of the continuous game
 * @param vms          VMS maps of the old/new and old/similar/new phases per image and role, from boxes on test trials
 */
public record RecognitionResult(List<PhaseInfo> phases, List<RecognitionScore> participants,
                                List<RecognitionImage> images, List<RecognitionSummary> summary, List<RocPoint> roc,
                                List<RecognitionTest> tests, List<String> excluded, List<RecognitionVms> vms) {
    /** Nothing to report. */
    public static final RecognitionResult NONE = new RecognitionResult(List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());

    /** Without VMS maps. */
    public RecognitionResult(List<PhaseInfo> phases, List<RecognitionScore> participants, List<RecognitionImage> images,
                             List<RecognitionSummary> summary, List<RocPoint> roc, List<RecognitionTest> tests,
                             List<String> excluded) {
        this(phases, participants, images, summary, roc, tests, excluded, List.of());
    }

    public RecognitionResult {
        phases = List.copyOf(phases);
        participants = List.copyOf(participants);
        images = List.copyOf(images);
        summary = List.copyOf(summary);
        roc = List.copyOf(roc);
        tests = List.copyOf(tests);
        excluded = List.copyOf(excluded);
        vms = List.copyOf(vms);
    }

    /** @return whether there was nothing to analyse */
    public boolean isEmpty() {
        return phases.isEmpty();
    }
}
