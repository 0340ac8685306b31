package engram.run.entity;

import java.time.Instant;

import engram.experiment.entity.Experiment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A Prolific webhook event engram has accepted, kept by its event id so that a redelivery or a replay changes nothing. */
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

    protected ProlificEvent() {
    }

    public ProlificEvent(String eventId, Experiment experiment, String eventType, String resourceId, String status, String outcome,
                         Instant receivedAt) {
        this.eventId = eventId;
        this.experiment = experiment;
        this.eventType = eventType;
        this.resourceId = resourceId;
        this.status = status;
        this.outcome = outcome;
        this.receivedAt = receivedAt;
    }

    public String eventId() { return eventId; }
    public String outcome() { return outcome; }
}
