package engram.experiment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One position of one built sequence: which image is shown there, whether it is the first showing or the repeat, and its kind. */
@Entity
@Table(name = "sequence_item")
public class SequenceItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "experiment_id")
    private Experiment experiment;
    @Column(name = "sequence_id")
    private int sequenceId;
    @Column(name = "trial_index")
    private int trialIndex;
    @Column(name = "image_id")
    private String imageId;
    private int presentation;
    private String kind;
    private Integer lag;
    // study and test lists (V18): the phase, and for 2AFC the image beside the studied one and the studied one's side
    private Integer phase;
    @Column(name = "alternative_image_id")
    private String alternativeImageId;
    @Column(name = "target_side")
    private String targetSide;
    @Column(name = "lure_type")
    private String lureType;

    protected SequenceItem() {
    }

    public SequenceItem(Experiment experiment, int sequenceId, int trialIndex, String imageId, int presentation, String kind, Integer lag) {
        this.experiment = experiment;
        this.sequenceId = sequenceId;
        this.trialIndex = trialIndex;
        this.imageId = imageId;
        this.presentation = presentation;
        this.kind = kind;
        this.lag = lag;
    }

    /** A position of a study or test list: its phase, the 2AFC alternative and target side, the pair's lure type (each may be null). */
    public SequenceItem(Experiment experiment, int sequenceId, int trialIndex, String imageId, int presentation, String kind, Integer lag,
                        Integer phase, String alternativeImageId, String targetSide, String lureType) {
        this(experiment, sequenceId, trialIndex, imageId, presentation, kind, lag);
        this.phase = phase;
        this.alternativeImageId = alternativeImageId;
        this.targetSide = targetSide;
        this.lureType = lureType;
    }

    public int sequenceId() { return sequenceId; }
    public int trialIndex() { return trialIndex; }
    public String imageId() { return imageId; }
    public int presentation() { return presentation; }
    public String kind() { return kind; }
    public Integer lag() { return lag; }
    /** The phase of this position: 1 for the continuous game (stored as null). */
    public int phase() { return phase == null ? 1 : phase; }
    public String alternativeImageId() { return alternativeImageId; }
    /** 2AFC: {@code left} or {@code right}, where the studied image ({@link #imageId()}) is shown. */
    public String targetSide() { return targetSide; }
    public String lureType() { return lureType; }
}
