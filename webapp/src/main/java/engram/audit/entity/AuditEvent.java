package engram.audit.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change made in the workspace: who, what, when, and to which experiment (null for stimulus sets and the like). */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "experiment_id")
    private Long experimentId;
    private String username;
    private String action;
    private String detail;
    private Instant at;

    protected AuditEvent() {
    }

    public AuditEvent(Long experimentId, String username, String action, String detail, Instant at) {
        this.experimentId = experimentId;
        this.username = username;
        this.action = action;
        this.detail = detail.length() > 4000 ? detail.substring(0, 3997) + "..." : detail;
        this.at = at;
    }

    public Long id() { return id; }
    public Long experimentId() { return experimentId; }
    public String username() { return username; }
    public String action() { return action; }
    public String detail() { return detail; }
    public Instant at() { return at; }
}
