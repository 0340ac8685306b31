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

    public int sequenceId() { return sequenceId; }
    public int trialIndex() { return trialIndex; }
    public String imageId() { return imageId; }
    public int presentation() { return presentation; }
    public String kind() { return kind; }
    public Integer lag() { return lag; }
}
