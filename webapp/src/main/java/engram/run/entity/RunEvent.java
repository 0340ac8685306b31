package engram.run.entity;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Something that happened to a run outside its trials: a resume after a reload, a restart, a refusal. */
@Entity
@Table(name = "run_event")
public class RunEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "run_id")
    private Run run;
    private String kind;
    private Instant at;
    private String detail;

    protected RunEvent() {
    }

    public RunEvent(Run run, String kind, Instant at, String detail) {
        this.run = run;
        this.kind = kind;
        this.at = at;
        this.detail = detail;
    }

    public String kind() { return kind; }
    public Instant at() { return at; }
    public String detail() { return detail; }
}
