package engram.run.entity;

import java.time.Instant;

import engram.experiment.entity.Experiment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A Prolific webhook event engram has accepted, kept by its event id and its signed content, so that a redelivery or a replay changes nothing. */
@Entity
@Table(name = "prolific_event")
public class ProlificEvent {

    @Id
    @Column(name = "event_id")
    private String eventId;
    @ManyToOne(optional = false)
    @JoinColumn(name = "experiment_id")
    private Experiment experiment;
    @Column(name = "event_type")
    private String eventType;
    @Column(name = "resource_id")
    private String resourceId;
    private String status;
    private String outcome;
    @Column(name = "received_at")
    private Instant receivedAt;
    /** Hex SHA-256 of the signed content (timestamp + body): a replay under a fresh event id has the same digest. */
    @Column(name = "signed_digest")
    private String signedDigest;

    protected ProlificEvent() {
    }

    public ProlificEvent(String eventId, Experiment experiment, String eventType, String resourceId, String status, String outcome,
                         Instant receivedAt, String signedDigest) {
        this.eventId = eventId;
        this.experiment = experiment;
        this.eventType = eventType;
        this.resourceId = resourceId;
        this.status = status;
        this.outcome = outcome;
        this.receivedAt = receivedAt;
        this.signedDigest = signedDigest;
    }

    public String eventId() { return eventId; }
    public String outcome() { return outcome; }
}
