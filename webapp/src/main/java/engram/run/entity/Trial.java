package engram.run.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** One shown image and what the participant did: stored once per (run, position). */
@Entity
public class Trial {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "run_id")
    private Run run;
    @Column(name = "trial_index")
    private int trialIndex;
    @Column(name = "image_id")
    private String imageId;
    private boolean responded;
    @Column(name = "rt_ms")
    private Double rtMs;
    @Column(name = "onset_ms")
    private double onsetMs;
    @Column(name = "offset_ms")
    private double offsetMs;
    @Column(name = "duration_ms")
    private double durationMs;
    @Column(name = "dropped_frames")
    private int droppedFrames;
    @Column(name = "visibility_changes")
    private int visibilityChanges;
    @Column(name = "fullscreen_exits")
    private int fullscreenExits;
    @Column(name = "displayed_width")
    private Integer displayedWidth;
    @Column(name = "displayed_height")
    private Integer displayedHeight;
    @Column(name = "device_pixel_ratio")
    private Double devicePixelRatio;
    @Column(name = "saved_at")
    private Instant savedAt;
    @Column(name = "page_load")
    private Integer pageLoad;
    private String interrupted;
    @Column(name = "extra_showings")
    private int extraShowings;
    // phases, tasks and sessions (V18); the continuous game is phase 1 of session 1
    private int phase = 1;
    @Column(name = "session_number")
    private int session = 1;
    private String task = "continuous";
    private String answer;
    private Integer confidence;
    @Column(name = "confidence_levels")
    private Integer confidenceLevels;
    @Column(name = "lure_type")
    private String lureType;
    @Column(name = "target_side")
    private String targetSide;
    @Column(name = "choice_side")
    private String choiceSide;
    @Column(name = "chosen_image_id")
    private String chosenImageId;
    @Column(name = "alternative_image_id")
    private String alternativeImageId;

    protected Trial() {
    }

    public Trial(Run run, TrialRecord record, Instant savedAt) {
        this.run = run;
        this.trialIndex = record.position();
        this.imageId = record.imageId();
        this.responded = record.responded();
        this.rtMs = record.rtMs();
        this.onsetMs = record.onsetMs();
        this.offsetMs = record.offsetMs();
        this.durationMs = record.durationMs();
        this.droppedFrames = record.droppedFrames();
        this.visibilityChanges = record.visibilityChanges();
        this.fullscreenExits = record.fullscreenExits();
        this.displayedWidth = record.displayedWidth();
        this.displayedHeight = record.displayedHeight();
        this.devicePixelRatio = record.devicePixelRatio();
        this.savedAt = savedAt;
        this.pageLoad = record.pageLoad();
        this.interrupted = record.interrupted();
        this.extraShowings = record.extraShowings();
    }

    /** A trial of a study or test phase: what the design says about it ({@code context}) and what was answered. */
    public Trial(Run run, TrialRecord record, Instant savedAt, TrialContext context) {
        this(run, record, savedAt);
        this.phase = context.phase();
        this.session = context.session();
        this.task = context.task();
        this.confidenceLevels = context.confidenceLevels();
        this.lureType = context.lureType();
        this.targetSide = context.targetSide();
        this.alternativeImageId = context.alternativeImageId();
        this.answer = record.phaseAnswer().answer();
        this.confidence = record.phaseAnswer().confidence();
        this.choiceSide = record.phaseAnswer().choiceSide();
        this.chosenImageId = record.phaseAnswer().chosenImageId();
    }

    public Long id() { return id; }
    public int trialIndex() { return trialIndex; }
    public String imageId() { return imageId; }
    public boolean responded() { return responded; }
    public Double rtMs() { return rtMs; }
    public double onsetMs() { return onsetMs; }
    public double offsetMs() { return offsetMs; }
    public double durationMs() { return durationMs; }
    public int droppedFrames() { return droppedFrames; }
    public int visibilityChanges() { return visibilityChanges; }
    public int fullscreenExits() { return fullscreenExits; }
    public Integer displayedWidth() { return displayedWidth; }
    public Integer displayedHeight() { return displayedHeight; }
    public Double devicePixelRatio() { return devicePixelRatio; }
    public Integer pageLoad() { return pageLoad; }
    public String interrupted() { return interrupted; }
    public int extraShowings() { return extraShowings; }
    public int phase() { return phase; }
    public int session() { return session; }
    public String task() { return task; }
    public String answer() { return answer; }
    public Integer confidence() { return confidence; }
    public Integer confidenceLevels() { return confidenceLevels; }
    public String choiceSide() { return choiceSide; }
    public String chosenImageId() { return chosenImageId; }
    public String alternativeImageId() { return alternativeImageId; }
    public String lureType() { return lureType; }
    public String targetSide() { return targetSide; }

    /** The stored answer of a study or test trial, under the phase the page named ({@code sentPhase}, checked before). */
    public PhaseAnswer phaseAnswer(Integer sentPhase) {
        return new PhaseAnswer(sentPhase, answer, confidence, choiceSide, chosenImageId);
    }
}
