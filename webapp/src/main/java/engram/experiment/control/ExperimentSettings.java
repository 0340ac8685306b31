package engram.experiment.control;

import engram.experiment.entity.Experiment;

/** The editable settings of an experiment besides its design: texts (Markdown), Prolific codes, resume and attention rules. */
public record ExperimentSettings(String title, String consentMarkdown, String instructionsMarkdown, String debriefMarkdown,
                                 String codeCompleted, String codeNoConsent, String codeFailedCheck,
                                 Experiment.ResumePolicy resumePolicy, int resumeWindowMinutes, int reservationMinutes,
                                 double minVigilanceHitRate, double maxFalseAlarmRate, int minBoxes, int maxBoxes,
                                 int targetPerSequence, boolean countFailedRuns) {

    public static ExperimentSettings of(Experiment e) {
        return new ExperimentSettings(e.title(), e.consentMarkdown(), e.instructionsMarkdown(), e.debriefMarkdown(),
                e.codeCompleted(), e.codeNoConsent(), e.codeFailedCheck(), e.resumePolicy(), e.resumeWindowMinutes(),
                e.reservationMinutes(), e.minVigilanceHitRate(), e.maxFalseAlarmRate(), e.minBoxes(), e.maxBoxes(),
                e.targetPerSequence(), e.countFailedRuns());
    }
}
