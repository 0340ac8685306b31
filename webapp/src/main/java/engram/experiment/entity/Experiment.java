package engram.experiment.entity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import engram.accounts.entity.Account;
import engram.stimuli.entity.StimulusSet;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** A memory-game study: its stimulus set, its built sequences (as {@link SequenceItem}s), timing, texts and policies. */
@Entity
public class Experiment {

    public enum Status {
        DRAFT, PILOT, LIVE, PAUSED, CLOSED;

        public boolean acceptsRuns() {
            return this == PILOT || this == LIVE;
        }
    }

    /** What happens when a participant opens the link again before finishing. */
    public enum ResumePolicy { RESUME, RESTART, BLOCK }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "public_id")
    private String publicId;
    private String slug;
    private String title;
    @Enumerated(EnumType.STRING)
    private Status status;
    @ManyToOne(optional = false)
    @JoinColumn(name = "stimulus_set_id")
    private StimulusSet stimulusSet;
    @Column(name = "display_ms")
    private int displayMs;
    @Column(name = "isi_ms")
    private int isiMs;
    @Column(name = "min_boxes")
    private int minBoxes;
    @Column(name = "max_boxes")
    private int maxBoxes;
    @Enumerated(EnumType.STRING)
    @Column(name = "resume_policy")
    private ResumePolicy resumePolicy;
    @Column(name = "resume_window_minutes")
    private int resumeWindowMinutes;
    @Column(name = "reservation_minutes")
    private int reservationMinutes;
    @Column(name = "practice_images")
    private String practiceImages;
    @Column(name = "consent_html")
    private String consentHtml;
    @Column(name = "instructions_html")
    private String instructionsHtml;
    @Column(name = "debrief_html")
    private String debriefHtml;
    @Column(name = "code_completed")
    private String codeCompleted;
    @Column(name = "code_no_consent")
    private String codeNoConsent;
    @Column(name = "code_failed_check")
    private String codeFailedCheck;
    @Column(name = "min_vigilance_hit_rate")
    private double minVigilanceHitRate;
    @Column(name = "max_false_alarm_rate")
    private double maxFalseAlarmRate;
    @Column(name = "design_json")
    private String designJson;
    @Column(name = "sequence_count")
    private int sequenceCount;
    @Column(name = "sequence_length")
    private int sequenceLength;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "consent_md")
    private String consentMarkdown;
    @Column(name = "instructions_md")
    private String instructionsMarkdown;
    @Column(name = "debrief_md")
    private String debriefMarkdown;
    @Column(name = "failed_check_md")
    private String failedCheckMarkdown;
    @Column(name = "full_md")
    private String fullMarkdown = "";
    @Column(name = "target_per_sequence")
    private int targetPerSequence;
    @Column(name = "count_failed_runs")
    private boolean countFailedRuns;
    @Column(name = "prolific_webhook_secret")
    private String prolificWebhookSecret;
    // display, device rules and practice pass mark (V7): see DisplaySettings
    @Enumerated(EnumType.STRING)
    @Column(name = "stimulus_size_mode")
    private DisplaySettings.SizeMode stimulusSizeMode = DisplaySettings.SizeMode.NATURAL;
    @Column(name = "stimulus_size")
    private double stimulusSize;
    @Column(name = "viewing_distance_cm")
    private double viewingDistanceCm = 57;
    @Enumerated(EnumType.STRING)
    @Column(name = "viewing_distance_source")
    private DisplaySettings.DistanceSource viewingDistanceSource = DisplaySettings.DistanceSource.SET;
    @Column(name = "annotation_scale")
    private double annotationScale = 1;
    @Column(name = "warmup_frames")
    private int warmupFrames = 30;
    @Column(name = "min_refresh_hz")
    private double minRefreshHz;
    @Column(name = "min_window_width")
    private int minWindowWidth;
    @Column(name = "min_window_height")
    private int minWindowHeight;
    @Column(name = "allow_phones")
    private boolean allowPhones = true;
    @Column(name = "require_fullscreen")
    private boolean requireFullscreen;
    @Column(name = "code_no_device")
    private String codeNoDevice = randomCode();
    @Column(name = "practice_pass_mark")
    private double practicePassMark;
    @Column(name = "practice_repeats")
    private int practiceRepeats = 2;
    @Enumerated(EnumType.STRING)
    @Column(name = "practice_fail_action")
    private DisplaySettings.PracticeFailAction practiceFailAction = DisplaySettings.PracticeFailAction.CONTINUE;
    @Column(name = "code_practice_failed")
    private String codePracticeFailed = randomCode();
    /** The phase plan as JSON (V18); null = one continuous phase in session 1 (engram.experiment.control.PhasesJson). */
    private String phases;
    /** The code at the end of each session but the last, comma-separated, session 1 first (V18). */
    @Column(name = "session_codes")
    private String sessionCodes = "";
    @Column(name = "code_too_early")
    private String codeTooEarly = randomCode();
    @Column(name = "code_too_late")
    private String codeTooLate = randomCode();
    /** Who created it (V15); null only for experiments from before any admin existed, which only admins see. */
    @ManyToOne
    @JoinColumn(name = "owner_id")
    private Account owner;

    protected Experiment() {
    }

    public Experiment(String slug, String title, StimulusSet stimulusSet, Instant createdAt) {
        this.publicId = UUID.randomUUID().toString();
        this.slug = slug;
        this.title = title;
        this.stimulusSet = stimulusSet;
        this.createdAt = createdAt;
        this.status = Status.DRAFT;
        this.displayMs = 3000;
        this.isiMs = 500;
        this.minBoxes = 1;
        this.maxBoxes = 5;
        this.resumePolicy = ResumePolicy.RESUME;
        this.resumeWindowMinutes = 30;
        this.reservationMinutes = 60;
        this.practiceImages = "";
        this.consentHtml = "";
        this.instructionsHtml = "";
        this.debriefHtml = "";
        this.minVigilanceHitRate = 0.60;
        this.maxFalseAlarmRate = 0.40;
        this.designJson = "{}";
        this.codeCompleted = randomCode();
        this.codeNoConsent = randomCode();
        this.codeFailedCheck = randomCode();
        this.consentMarkdown = "";
        this.instructionsMarkdown = "";
        this.debriefMarkdown = "";
        this.failedCheckMarkdown = "";
        this.prolificWebhookSecret = "";
    }

    private static String randomCode() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    public Long id() { return id; }
    public String publicId() { return publicId; }
    public String slug() { return slug; }
    public String title() { return title; }
    public Status status() { return status; }
    public StimulusSet stimulusSet() { return stimulusSet; }
    public int displayMs() { return displayMs; }
    public int isiMs() { return isiMs; }
    public int minBoxes() { return minBoxes; }
    public int maxBoxes() { return maxBoxes; }
    public ResumePolicy resumePolicy() { return resumePolicy; }
    public int resumeWindowMinutes() { return resumeWindowMinutes; }
    public int reservationMinutes() { return reservationMinutes; }
    public String consentHtml() { return consentHtml; }
    public String instructionsHtml() { return instructionsHtml; }
    public String debriefHtml() { return debriefHtml; }
    public String codeCompleted() { return codeCompleted; }
    public String codeNoConsent() { return codeNoConsent; }
    public String codeFailedCheck() { return codeFailedCheck; }
    public double minVigilanceHitRate() { return minVigilanceHitRate; }
    public double maxFalseAlarmRate() { return maxFalseAlarmRate; }
    public String designJson() { return designJson; }
    public int sequenceCount() { return sequenceCount; }
    public int sequenceLength() { return sequenceLength; }
    public Instant createdAt() { return createdAt; }
    public String consentMarkdown() { return consentMarkdown; }
    public String instructionsMarkdown() { return instructionsMarkdown; }
    public String debriefMarkdown() { return debriefMarkdown; }
    /** The experimenter's text after a failed attention check (Markdown); empty means the built-in default. */
    public String failedCheckMarkdown() { return failedCheckMarkdown; }
    public void setFailedCheckMarkdown(String markdown) { this.failedCheckMarkdown = markdown == null ? "" : markdown; }
    /** What participants read when the study is full; empty for the built-in text. */
    public String fullMarkdown() { return fullMarkdown; }
    public void setFullMarkdown(String markdown) { this.fullMarkdown = markdown == null ? "" : markdown; }
    public int targetPerSequence() { return targetPerSequence; }
    /** The account that created the experiment, or null (see V15). */
    public Account owner() { return owner; }
    public void setOwner(Account owner) { this.owner = owner; }
    /** Whether completed runs that failed the attention checks count towards the target per sequence (off: they free their place). */
    public boolean countFailedRuns() { return countFailedRuns; }
    /** The secret Prolific signs webhook requests with; empty when webhooks are off. */
    public String prolificWebhookSecret() { return prolificWebhookSecret == null ? "" : prolificWebhookSecret; }

    /** What participants see, the device rules and the practice pass mark. */
    public DisplaySettings display() {
        return new DisplaySettings(stimulusSizeMode, stimulusSize, viewingDistanceCm, viewingDistanceSource, annotationScale, warmupFrames,
                minRefreshHz, minWindowWidth, minWindowHeight, allowPhones, requireFullscreen, codeNoDevice, practicePassMark,
                practiceRepeats, practiceFailAction, codePracticeFailed);
    }

    public void setDisplay(DisplaySettings d) {
        this.stimulusSizeMode = d.sizeMode();
        this.stimulusSize = d.stimulusSize();
        this.viewingDistanceCm = d.viewingDistanceCm();
        this.viewingDistanceSource = d.distanceSource();
        this.annotationScale = d.annotationScale();
        this.warmupFrames = d.warmupFrames();
        this.minRefreshHz = d.minRefreshHz();
        this.minWindowWidth = d.minWindowWidth();
        this.minWindowHeight = d.minWindowHeight();
        this.allowPhones = d.allowPhones();
        this.requireFullscreen = d.requireFullscreen();
        this.codeNoDevice = d.codeNoDevice();
        this.practicePassMark = d.practicePassMark();
        this.practiceRepeats = d.practiceRepeats();
        this.practiceFailAction = d.practiceFailAction();
        this.codePracticeFailed = d.codePracticeFailed();
    }

    public List<String> practiceImageIds() {
        return practiceImages.isBlank() ? List.of() : Arrays.asList(practiceImages.split(","));
    }

    public boolean isPilot() {
        return status == Status.PILOT;
    }

    public void setStatus(Status status) { this.status = status; }
    public void setTitle(String title) { this.title = title; }
    public void setStimulusSet(StimulusSet stimulusSet) { this.stimulusSet = stimulusSet; }
    /** The phase plan as stored (JSON), or null for the continuous game only. */
    public String phasesJson() { return phases; }

    /**
     * Sets the phase plan (null for the continuous game only) with its number of sessions, and makes sure every session
     * but the last has its own completion code and the too-early and too-late codes exist.
     */
    public void setPhases(String phasesJson, int sessions) {
        this.phases = phasesJson;
        List<String> codes = new java.util.ArrayList<>(sessionCodeList());
        while (codes.size() < sessions - 1) {
            codes.add(randomCode());
        }
        this.sessionCodes = String.join(",", codes.subList(0, Math.max(0, sessions - 1)));
        if (codeTooEarly == null || codeTooEarly.isBlank()) {
            codeTooEarly = randomCode();
        }
        if (codeTooLate == null || codeTooLate.isBlank()) {
            codeTooLate = randomCode();
        }
    }

    private List<String> sessionCodeList() {
        return sessionCodes == null || sessionCodes.isBlank() ? List.of() : Arrays.asList(sessionCodes.split(","));
    }

    /** The code at the end of {@code session} (1-based): its own for every session but the last, the completed code for the last. */
    public String sessionCode(int session, int sessions) {
        List<String> codes = sessionCodeList();
        return session < sessions && session - 1 < codes.size() ? codes.get(session - 1) : codeCompleted;
    }

    /** The codes of the sessions before the last, session 1 first. */
    public List<String> sessionCodes() { return sessionCodeList(); }
    public String codeTooEarly() { return codeTooEarly; }
    public String codeTooLate() { return codeTooLate; }
    public void setSessionCodes(List<String> codes, String tooEarly, String tooLate) {
        this.sessionCodes = String.join(",", codes);
        this.codeTooEarly = tooEarly;
        this.codeTooLate = tooLate;
    }

    public void setTargetPerSequence(int target) { this.targetPerSequence = target; }
    public void setCountFailedRuns(boolean count) { this.countFailedRuns = count; }
    public void setProlificWebhookSecret(String secret) { this.prolificWebhookSecret = secret; }
    public void setCodes(String completed, String noConsent, String failedCheck) {
        this.codeCompleted = completed;
        this.codeNoConsent = noConsent;
        this.codeFailedCheck = failedCheck;
    }
    /** The texts as the experimenter wrote them (Markdown) and as participants see them (sanitized HTML). */
    public void setMarkdownTexts(String consentMd, String instructionsMd, String debriefMd,
                                 String consentHtml, String instructionsHtml, String debriefHtml) {
        this.consentMarkdown = consentMd;
        this.instructionsMarkdown = instructionsMd;
        this.debriefMarkdown = debriefMd;
        setTexts(consentHtml, instructionsHtml, debriefHtml);
    }
    public void setTiming(int displayMs, int isiMs) { this.displayMs = displayMs; this.isiMs = isiMs; }
    public void setBoxLimits(int minBoxes, int maxBoxes) { this.minBoxes = minBoxes; this.maxBoxes = maxBoxes; }
    public void setResume(ResumePolicy policy, int windowMinutes) { this.resumePolicy = policy; this.resumeWindowMinutes = windowMinutes; }
    public void setReservationMinutes(int minutes) { this.reservationMinutes = minutes; }
    public void setPracticeImageIds(List<String> ids) { this.practiceImages = String.join(",", ids); }
    public void setTexts(String consentHtml, String instructionsHtml, String debriefHtml) {
        this.consentHtml = consentHtml;
        this.instructionsHtml = instructionsHtml;
        this.debriefHtml = debriefHtml;
    }
    public void setAttentionRule(double minVigilanceHitRate, double maxFalseAlarmRate) {
        this.minVigilanceHitRate = minVigilanceHitRate;
        this.maxFalseAlarmRate = maxFalseAlarmRate;
    }
    public void setDesign(String designJson, int sequenceCount, int sequenceLength) {
        this.designJson = designJson;
        this.sequenceCount = sequenceCount;
        this.sequenceLength = sequenceLength;
    }
}
