package engram.run.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import engram.experiment.entity.Experiment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** One participant's pass through one sequence. Its state lives here, in the database, never in server memory. */
@Entity
public class Run {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "public_id")
    private String publicId;
    private String token;
    @ManyToOne(optional = false)
    @JoinColumn(name = "experiment_id")
    private Experiment experiment;
    @Column(name = "sequence_id")
    private int sequenceId;
    @Column(name = "prolific_pid")
    private String prolificPid;
    @Column(name = "study_id")
    private String studyId;
    @Column(name = "session_id")
    private String sessionId;
    private boolean pilot;
    @Enumerated(EnumType.STRING)
    private RunState state;
    private boolean consented;
    private int interruptions;
    @Column(name = "page_loads")
    private int pageLoads;
    @Column(name = "trials_saved")
    private int trialsSaved;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "last_seen_at")
    private Instant lastSeenAt;
    @Column(name = "reserved_until")
    private Instant reservedUntil;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "completion_code")
    private String completionCode;
    @Column(name = "attention_passed")
    private Boolean attentionPassed;
    // the browser check, the card calibration and the practice (V7)
    @Column(name = "user_agent")
    private String userAgent;
    private String browser;
    private String os;
    @Column(name = "screen_size")
    private String screenSize;
    @Column(name = "window_size")
    private String windowSize;
    @Column(name = "refresh_hz")
    private Double refreshHz;
    private Double dpr;
    private Boolean touch;
    @Column(name = "device_rule")
    private String deviceRule;
    @Column(name = "card_width_px")
    private Double cardWidthPx;
    @Column(name = "viewing_distance_cm")
    private Double viewingDistanceCm;
    @Column(name = "px_per_degree")
    private Double pxPerDegree;
    // where the viewing distance came from, and the blind-spot measurements when it was measured (V12)
    @Column(name = "viewing_distance_source")
    private String viewingDistanceSource;
    @Column(name = "blind_spot_px")
    private String blindSpotPx;
    @Column(name = "stimulus_size_px")
    private Double stimulusSizePx;
    @Column(name = "practice_attempts")
    private int practiceAttempts;
    @Column(name = "practice_passed")
    private Boolean practicePassed;
    @Column(name = "protocol_version")
    private Integer protocolVersion;
    @Column(name = "protocol_hash")
    private String protocolHash;

    protected Run() {
    }

    public Run(Experiment experiment, int sequenceId, ProlificIdentity who, boolean pilot, String token, Instant now) {
        this.publicId = UUID.randomUUID().toString();
        this.token = token;
        this.experiment = experiment;
        this.sequenceId = sequenceId;
        this.prolificPid = who.prolificPid();
        this.studyId = who.studyId();
        this.sessionId = who.sessionId();
        this.pilot = pilot;
        this.state = RunState.STARTED;
        this.pageLoads = 1;
        this.startedAt = now;
        touch(now);
    }

    /** Records activity and extends the reservation that holds this run's sequence slot. */
    public void touch(Instant now) {
        lastSeenAt = now;
        reservedUntil = now.plus(Duration.ofMinutes(experiment.reservationMinutes()));
    }

    public void interrupted(Instant now) {
        interruptions++;
        touch(now);
    }

    /** The page was loaded again for this run (a reload or a reopened link that resumes it). */
    public void pageLoaded() {
        pageLoads++;
    }

    public void consent() {
        consented = true;
    }

    public void trialSaved() {
        trialsSaved++;
    }

    public void finish(RunState finalState, String code, Boolean attentionPassed, Instant now) {
        this.state = finalState;
        this.completionCode = code;
        this.attentionPassed = attentionPassed;
        this.finishedAt = now;
    }

    /** A session of a multi-session experiment finished and the next one's window lies ahead: the run waits. */
    public void waitForNextSession(Instant now) {
        this.state = RunState.WAITING;
        touch(now);
    }

    /**
     * The participant came back through the session link within the window: the run continues under the Prolific ids
     * of that visit (the follow-up study has its own STUDY_ID and SESSION_ID), as a new page load.
     */
    public void openNextSession(ProlificIdentity who, Instant now) {
        this.state = RunState.STARTED;
        this.studyId = who.studyId();
        this.sessionId = who.sessionId();
        this.pageLoads++;
        touch(now);
    }

    /** Stores what the browser check measured; {@code rule} names the device rule it failed (null when it passed). */
    public void deviceChecked(DeviceReport d, String browser, String os, String rule, Double stimulusSizePx) {
        this.userAgent = d.userAgent();
        this.browser = browser;
        this.os = os;
        this.screenSize = d.screenWidth() + "x" + d.screenHeight();
        this.windowSize = d.windowWidth() + "x" + d.windowHeight();
        this.refreshHz = d.refreshHz();
        this.dpr = d.devicePixelRatio();
        this.touch = d.touch();
        this.deviceRule = rule;
        this.stimulusSizePx = stimulusSizePx;
    }

    /**
     * Stores the card calibration and what follows from it: the viewing distance with its source (set, stated or
     * measured) and, when measured, the blind-spot offsets it came from (CSS px, ';'-separated; null otherwise).
     */
    public void calibrated(double cardWidthPx, double viewingDistanceCm, String distanceSource, String blindSpotPx, double pxPerDegree,
                           double stimulusSizePx) {
        this.cardWidthPx = cardWidthPx;
        this.viewingDistanceCm = viewingDistanceCm;
        this.viewingDistanceSource = distanceSource;
        this.blindSpotPx = blindSpotPx;
        this.pxPerDegree = pxPerDegree;
        this.stimulusSizePx = stimulusSizePx;
    }

    /** The calibration made the stimulus too large for the window: the device is refused under that rule. */
    public void deviceRefused(String rule) {
        this.deviceRule = rule;
    }

    public void practiceAttempted(Boolean passed) {
        practiceAttempts++;
        practicePassed = passed;
    }

    public boolean withinResumeWindow(Instant now) {
        return lastSeenAt.plus(Duration.ofMinutes(experiment.resumeWindowMinutes())).isAfter(now);
    }

    public Long id() { return id; }
    public String publicId() { return publicId; }
    public String token() { return token; }
    public Experiment experiment() { return experiment; }
    public int sequenceId() { return sequenceId; }
    public String prolificPid() { return prolificPid; }
    public String studyId() { return studyId; }
    public String sessionId() { return sessionId; }
    public boolean pilot() { return pilot; }
    public RunState state() { return state; }
    public boolean consented() { return consented; }
    public int interruptions() { return interruptions; }
    public int pageLoads() { return pageLoads; }
    public int trialsSaved() { return trialsSaved; }
    public Instant startedAt() { return startedAt; }
    public Instant lastSeenAt() { return lastSeenAt; }
    public Instant finishedAt() { return finishedAt; }
    public String completionCode() { return completionCode; }
    public Boolean attentionPassed() { return attentionPassed; }
    public boolean deviceChecked() { return screenSize != null; }
    public String deviceRule() { return deviceRule; }
    public String windowSize() { return windowSize; }
    public Double pxPerDegree() { return pxPerDegree; }
    public Double stimulusSizePx() { return stimulusSizePx; }
    public Double viewingDistanceCm() { return viewingDistanceCm; }
    public String viewingDistanceSource() { return viewingDistanceSource; }
    public String blindSpotPx() { return blindSpotPx; }
    public int practiceAttempts() { return practiceAttempts; }
    public Boolean practicePassed() { return practicePassed; }

    /** The frozen protocol version this run ran under; null for a run of a draft or pilot experiment. */
    public Integer protocolVersion() { return protocolVersion; }
    public String protocolHash() { return protocolHash; }

    /** Records the frozen protocol the run starts under. */
    public void ranUnder(int version, String hash) {
        this.protocolVersion = version;
        this.protocolHash = hash;
    }
}
