package engram.run.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A break or distractor phase of a run: opened (server clock) and done, with the distractor's score. */
@Entity
@Table(name = "run_phase")
public class RunPhase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "run_id")
    private Run run;
    private int phase;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    private Integer problems;
    private Integer correct;

    protected RunPhase() {
    }

    public RunPhase(Run run, int phase, Instant startedAt) {
        this.run = run;
        this.phase = phase;
        this.startedAt = startedAt;
    }

    public void done(Integer problems, Integer correct, Instant now) {
        this.problems = problems;
        this.correct = correct;
        this.finishedAt = now;
    }

    public int phase() { return phase; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    public boolean isDone() { return finishedAt != null; }
    public Integer problems() { return problems; }
    public Integer correct() { return correct; }
}
