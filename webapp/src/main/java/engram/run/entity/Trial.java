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
}
