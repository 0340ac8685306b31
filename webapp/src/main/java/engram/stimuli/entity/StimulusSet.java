package engram.stimuli.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An imported stimulus set: a manifest and its images. */
@Entity
@Table(name = "stimulus_set")
public class StimulusSet {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "public_id")
    private String publicId;
    private String name;
    private String source;
    @Column(name = "created_at")
    private Instant createdAt;

    protected StimulusSet() {
    }

    public StimulusSet(String name, String source, Instant createdAt) {
        this.publicId = UUID.randomUUID().toString();
        this.name = name;
        this.source = source;
        this.createdAt = createdAt;
    }

    public Long id() { return id; }
    public String name() { return name; }
    public String publicId() { return publicId; }
    public String source() { return source; }
    public Instant createdAt() { return createdAt; }
}
