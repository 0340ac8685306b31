package engram.run.entity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One session of a multi-session run: its window, when it was opened and finished, its code, and the refused returns. */
@Entity
@Table(name = "run_session")
public class RunSession {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "run_id")
    private Run run;
    @Column(name = "session_number")
    private int session;
    @Column(name = "first_phase")
    private int firstPhase;
    @Enumerated(EnumType.STRING)
    private SessionState state;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "opens_at")
    private Instant opensAt;
    @Column(name = "closes_at")
    private Instant closesAt;
    @Column(name = "delay_min_s")
    private Integer delayMinS;
    @Column(name = "delay_max_s")
    private Integer delayMaxS;
    @Column(name = "refused_early")
    private int refusedEarly;
    @Column(name = "refused_late")
    private int refusedLate;
    @Column(name = "completion_code")
    private String completionCode;
    @Column(name = "study_id")
    private String studyId;
    @Column(name = "prolific_session_id")
    private String prolificSessionId;

    protected RunSession() {
    }

    /** Session 1, opened with the run. */
    public static RunSession first(Run run, Instant now) {
        RunSession s = new RunSession();
        s.run = run;
        s.session = 1;
        s.firstPhase = 1;
        s.state = SessionState.STARTED;
        s.openedAt = now;
        s.studyId = run.studyId();
        s.prolificSessionId = run.sessionId();
        return s;
    }

    /** A later session, waiting for its window: {@code previousFinished} plus the delay window. */
    public static RunSession waiting(Run run, int session, int firstPhase, int delayMinS, int delayMaxS, Instant previousFinished) {
        RunSession s = new RunSession();
        s.run = run;
        s.session = session;
        s.firstPhase = firstPhase;
        s.state = SessionState.WAITING;
        s.delayMinS = delayMinS;
        s.delayMaxS = delayMaxS;
        // stored as the database keeps it (microseconds), so that every answer names the same instant
        s.opensAt = previousFinished.plus(Duration.ofSeconds(delayMinS)).truncatedTo(ChronoUnit.MICROS);
        s.closesAt = previousFinished.plus(Duration.ofSeconds(delayMaxS)).truncatedTo(ChronoUnit.MICROS);
        return s;
    }

    public void finish(String code, Instant now) {
        state = SessionState.COMPLETED;
        completionCode = code;
        finishedAt = now;
    }

    public void open(String studyId, String prolificSessionId, Instant now) {
        state = SessionState.STARTED;
        openedAt = now;
        this.studyId = studyId;
        this.prolificSessionId = prolificSessionId;
    }

    public void countEarlyRefusal() {
        refusedEarly++;
    }

    public void missed(String code) {
        refusedLate++;
        state = SessionState.MISSED;
        completionCode = code;
    }

    /** A session link opened after the window closed, again: counted, the session stays MISSED. */
    public void refusedLateAgain() {
        refusedLate++;
    }

    public Long id() { return id; }
    public Run run() { return run; }
    public int session() { return session; }
    public int firstPhase() { return firstPhase; }
    public SessionState state() { return state; }
    public Instant openedAt() { return openedAt; }
    public Instant finishedAt() { return finishedAt; }
    public Instant opensAt() { return opensAt; }
    public Instant closesAt() { return closesAt; }
    public Integer delayMinS() { return delayMinS; }
    public Integer delayMaxS() { return delayMaxS; }
    public int refusedEarly() { return refusedEarly; }
    public int refusedLate() { return refusedLate; }
    public String completionCode() { return completionCode; }
}
