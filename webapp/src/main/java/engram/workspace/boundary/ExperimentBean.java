package engram.workspace.boundary;

import java.io.Serializable;
import java.util.List;

import engram.experiment.control.Collaborators;
import engram.experiment.control.ExperimentEditor;
import engram.experiment.control.ExperimentLifecycle;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.control.ExperimentSteps;
import engram.experiment.control.ExperimentSettings;
import engram.experiment.control.TextWithDefault;
import engram.experiment.control.LaunchChecklist;
import engram.experiment.control.Markdown;
import engram.experiment.control.PilotKeys;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.stimuli.control.StimulusSets;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/experiment.xhtml?slug=…: lifecycle, texts, Prolific codes and link, resume and attention rules, stimulus set, clone. */
@Named("experimentPage")
@ViewScoped
public class ExperimentBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ExperimentSteps steps;
    @Inject
    StimulusSets stimulusSets;
    @Inject
    PilotKeys pilotKeys;
    @Inject
    Collaborators collaborators;

    private String slug;
    // Read from the database, not kept in the replicated session (entities and records of other packages are not
    // Serializable): transient, and read again on first use after the session moved to another instance.
    private transient Experiment experiment;
    /** True once the experiment was read: then a null {@link #experiment} means the session was replicated. */
    private boolean found;
    private boolean locked;
    private transient List<StimulusSets.Summary> sets;
    private transient List<Collaborators.Member> members;
    private transient List<String> candidates;
    private transient List<LaunchChecklist.Item> checklist;
    private transient ExperimentOverview.RunCounts counts;
    private Long stimulusSetId;

    private String title;
    private String consent;
    private String instructions;
    private String debrief;
    private String failedCheck;
    private String fullText;
    private String codeCompleted;
    private String codeNoConsent;
    private String codeFailedCheck;
    private Experiment.ResumePolicy resumePolicy;
    private int resumeWindow;
    private int reservation;
    private double minVigilance;
    private double maxFalseAlarms;
    private int minBoxes;
    private int maxBoxes;
    private int targetPerSequence;
    private boolean countFailedRuns;
    private String webhookSecret;
    private String cloneSlug;
    private String cloneTitle;
    private String collaborator;

    @PostConstruct
    void load() {
        slug = Ui.param("slug");
        try {
            reload();
        } catch (ClientError e) {
            Ui.notFound(e);
            return;
        }
        ExperimentSettings s = ExperimentSettings.of(experiment);
        title = s.title();
        consent = s.consentMarkdown();
        instructions = s.instructionsMarkdown();
        debrief = s.debriefMarkdown();
        failedCheck = TextWithDefault.FAILED_CHECK.markdown(experiment);
        fullText = TextWithDefault.FULL_STUDY.markdown(experiment);
        codeCompleted = s.codeCompleted();
        codeNoConsent = s.codeNoConsent();
        codeFailedCheck = s.codeFailedCheck();
        resumePolicy = s.resumePolicy();
        resumeWindow = s.resumeWindowMinutes();
        reservation = s.reservationMinutes();
        minVigilance = s.minVigilanceHitRate();
        maxFalseAlarms = s.maxFalseAlarmRate();
        minBoxes = s.minBoxes();
        maxBoxes = s.maxBoxes();
        targetPerSequence = s.targetPerSequence();
        countFailedRuns = s.countFailedRuns();
        stimulusSetId = experiment.stimulusSet().id();
        cloneSlug = slug + "-copy";
        cloneTitle = experiment.title() + " (copy)";
    }

    private void reload() {
        experiment = steps.overview().find(slug);
        locked = steps.overview().isLocked(experiment);
        sets = stimulusSets.all();
        members = collaborators.members(experiment);
        candidates = collaborators.candidates(experiment);
        checklist = null;
        counts = null;
        found = true;
    }

    public void save() {
        try {
            ExperimentEditor.checkFailedCheckText(failedCheck);
            experiment = steps.editor().updateSettings(slug, new ExperimentSettings(title, consent, instructions, debrief, codeCompleted, codeNoConsent,
                    codeFailedCheck, resumePolicy, resumeWindow, reservation, minVigilance, maxFalseAlarms, minBoxes, maxBoxes, targetPerSequence,
                    countFailedRuns));
            experiment = steps.editor().setFailedCheckText(slug, failedCheck);
            experiment = steps.editor().setFullText(slug, fullText);
            checklist = null;
            Ui.info("Saved the settings of '" + slug + "'.");
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "settings");
        }
    }

    public void changeStatus(String target) {
        try {
            experiment = steps.lifecycle().changeStatus(slug, Experiment.Status.valueOf(target));
            Ui.info("'" + slug + "' is now " + experiment.status().name().toLowerCase() + ".");
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "lifecycle");
        }
        reload();
    }

    public void changeStimulusSet() {
        try {
            experiment = steps.design().changeStimulusSet(slug, stimulusSetId);
            Ui.info("The stimulus set is now '" + experiment.stimulusSet().name() + "'. Generate the sequences again on the design page.");
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "stimulusSetForm");
        }
        reload();
    }

    public void saveWebhookSecret() {
        try {
            experiment = steps.editor().setProlificWebhookSecret(slug, webhookSecret);
            webhookSecret = null;
            Ui.info(experiment.prolificWebhookSecret().isEmpty() ? "Prolific webhooks are off for '" + slug + "'."
                    : "Saved the Prolific webhook secret of '" + slug + "'.");
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "webhooks");
        }
    }

    public void share() {
        try {
            collaborators.share(slug, collaborator);
            Ui.info("Shared '" + slug + "' with " + collaborator + ".");
            collaborator = null;
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "share");
        }
        reload();
    }

    public void unshare(String username) {
        try {
            collaborators.unshare(slug, username);
            Ui.info(username + " no longer sees '" + slug + "'.");
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "share");
        }
        reload();
    }

    public List<Collaborators.Member> getMembers() {
        if (members == null && found) {
            reload();
        }
        return members;
    }
    public List<String> getCandidates() {
        if (candidates == null && found) {
            reload();
        }
        return candidates;
    }
    public boolean isMayShare() { return collaborators.mayShare(getExperiment()); }
    public String getCollaborator() { return collaborator; }
    public void setCollaborator(String v) { this.collaborator = v; }

    public boolean isWebhooksOn() {
        return !getExperiment().prolificWebhookSecret().isEmpty();
    }

    public String getWebhookUrl() {
        return Ui.baseUrl() + "/api/prolific/" + slug + "/webhook";
    }

    public String getWebhookSecret() { return webhookSecret; }
    public void setWebhookSecret(String v) { this.webhookSecret = v; }

    public String cloneExperiment() {
        try {
            steps.creation().cloneAs(slug, cloneSlug, cloneTitle);
            Ui.infoAfterRedirect("Cloned '" + slug + "' as '" + cloneSlug + "' (draft).");
            return "experiment?faces-redirect=true&slug=" + cloneSlug;
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "clone");
            return null;
        }
    }

    /** The pre-launch checklist (read once per view, again after every action). */
    public List<LaunchChecklist.Item> getChecklist() {
        if (checklist == null) {
            checklist = steps.lifecycle().checklist(getExperiment());
        }
        return checklist;
    }

    public boolean isReady() {
        return LaunchChecklist.ready(getChecklist());
    }

    public ExperimentOverview.RunCounts getCounts() {
        if (counts == null) {
            counts = steps.overview().runCounts(getExperiment());
        }
        return counts;
    }

    /**
     * The confirmation dialog a lifecycle button opens first, or "" for none: going live (once the checklist passes:
     * otherwise the server's refusal lists what is missing), closing, and pausing while participants are in progress.
     */
    public String confirmFor(String target) {
        return switch (target) {
            case "LIVE" -> isReady() ? "confirm-live" : "";
            case "CLOSED" -> "confirm-close";
            case "PAUSED" -> getCounts().inProgress() > 0 ? "confirm-pause" : "";
            default -> "";
        };
    }

    public List<String> getTransitions() {
        return ExperimentLifecycle.allowedTransitions(getExperiment().status()).stream().map(Enum::name).sorted().toList();
    }

    public String getProlificUrl() {
        return Ui.baseUrl() + "/run/" + slug + "?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}";
    }

    public String getPilotUrl() {
        return Ui.baseUrl() + "/run/" + slug + "?pilot=" + pilotKeys.issue(slug);
    }

    public String getConsentPreview() { return Markdown.toHtml(consent); }
    public String getInstructionsPreview() { return Markdown.toHtml(instructions); }
    public String getDebriefPreview() { return Markdown.toHtml(debrief); }
    public Experiment.ResumePolicy[] getResumePolicies() { return Experiment.ResumePolicy.values(); }

    public String getSlug() { return slug; }
    public Experiment getExperiment() {
        if (experiment == null && found) {
            reload();
        }
        return experiment;
    }
    public boolean isLocked() { return locked; }
    public List<StimulusSets.Summary> getSets() {
        if (sets == null && found) {
            reload();
        }
        return sets;
    }
    public Long getStimulusSetId() { return stimulusSetId; }
    public void setStimulusSetId(Long v) { this.stimulusSetId = v; }
    public String getTitle() { return title; }
    public void setTitle(String v) { this.title = v; }
    public String getConsent() { return consent; }
    public void setConsent(String v) { this.consent = v; }
    public String getInstructions() { return instructions; }
    public void setInstructions(String v) { this.instructions = v; }
    public String getDebrief() { return debrief; }
    public String getFailedCheck() { return failedCheck; }
    public void setFailedCheck(String v) { this.failedCheck = v; }
    public String getFailedCheckPreview() { return Markdown.toHtml(failedCheck); }
    public String getFullText() { return fullText; }
    public void setFullText(String v) { this.fullText = v; }
    public String getFullTextPreview() { return Markdown.toHtml(fullText); }
    public void setDebrief(String v) { this.debrief = v; }
    public String getCodeCompleted() { return codeCompleted; }
    public void setCodeCompleted(String v) { this.codeCompleted = v; }
    public String getCodeNoConsent() { return codeNoConsent; }
    public void setCodeNoConsent(String v) { this.codeNoConsent = v; }
    public String getCodeFailedCheck() { return codeFailedCheck; }
    public void setCodeFailedCheck(String v) { this.codeFailedCheck = v; }
    public Experiment.ResumePolicy getResumePolicy() { return resumePolicy; }
    public void setResumePolicy(Experiment.ResumePolicy v) { this.resumePolicy = v; }
    public int getResumeWindow() { return resumeWindow; }
    public void setResumeWindow(int v) { this.resumeWindow = v; }
    public int getReservation() { return reservation; }
    public void setReservation(int v) { this.reservation = v; }
    public double getMinVigilance() { return minVigilance; }
    public void setMinVigilance(double v) { this.minVigilance = v; }
    public double getMaxFalseAlarms() { return maxFalseAlarms; }
    public void setMaxFalseAlarms(double v) { this.maxFalseAlarms = v; }
    public int getMinBoxes() { return minBoxes; }
    public void setMinBoxes(int v) { this.minBoxes = v; }
    public int getMaxBoxes() { return maxBoxes; }
    public void setMaxBoxes(int v) { this.maxBoxes = v; }
    public int getTargetPerSequence() { return targetPerSequence; }
    public void setTargetPerSequence(int v) { this.targetPerSequence = v; }
    public boolean isCountFailedRuns() { return countFailedRuns; }
    public void setCountFailedRuns(boolean v) { this.countFailedRuns = v; }
    public String getCloneSlug() { return cloneSlug; }
    public void setCloneSlug(String v) { this.cloneSlug = v; }
    public String getCloneTitle() { return cloneTitle; }
    public void setCloneTitle(String v) { this.cloneTitle = v; }
}
