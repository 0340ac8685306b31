package engram.stimuli.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** One row of a stimulus set's manifest, pointing at its image by content hash. */
@Entity
public class Stimulus {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "stimulus_set_id")
    private StimulusSet stimulusSet;
    @Column(name = "image_id")
    private String imageId;
    @Column(name = "file_name")
    private String fileName;
    @Column(name = "pair_id")
    private String pairId;
    @Column(name = "condition_name")
    private String condition;
    private String category;
    @Column(name = "predicted_memorability")
    private Double predictedMemorability;
    @Column(name = "extra_columns")
    private String extraColumns;
    private String sha256;

    protected Stimulus() {
    }

    public Stimulus(StimulusSet stimulusSet, String imageId, String fileName, String pairId, String condition,
                    String category, Double predictedMemorability, String extraColumns, String sha256) {
        this.stimulusSet = stimulusSet;
        this.imageId = imageId;
        this.fileName = fileName;
        this.pairId = pairId;
        this.condition = condition;
        this.category = category;
        this.predictedMemorability = predictedMemorability;
        this.extraColumns = extraColumns;
        this.sha256 = sha256;
    }

    public String imageId() { return imageId; }
    public String fileName() { return fileName; }
    public String pairId() { return pairId; }
    public String condition() { return condition; }
    public String category() { return category; }
    public Double predictedMemorability() { return predictedMemorability; }
    public String extraColumns() { return extraColumns; }
    public String sha256() { return sha256; }
}
