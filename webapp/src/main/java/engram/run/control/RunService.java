package engram.run.control;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;
import engram.experiment.entity.DisplaySettings;
import engram.experiment.control.TextWithDefault;
import engram.archive.control.ProtocolVersions;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.run.entity.Box;
import engram.run.entity.DeviceReport;
import engram.run.entity.BoxRecord;
import engram.run.entity.ProlificIdentity;
import engram.run.entity.Run;
import engram.run.entity.RunEvent;
import engram.run.entity.RunSession;
import engram.run.entity.RunState;
import engram.run.entity.Trial;
import engram.run.entity.TrialContext;
import engram.run.entity.TrialRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** Starts, resumes, records and completes participants' runs. Every write commits before the method returns. */
@ApplicationScoped
public class RunService {

    private static final Pattern PROLIFIC_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** What can name an experiment in a study link (the page's /run/{slug} and POST /api/runs): 1-64 of [A-Za-z0-9_-]. */
    public static final Pattern EXPERIMENT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Run ids are UUIDs (36 characters). */
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    /** Arrival locks: a fixed set, an experiment's lock chosen by its name's hash, so no name sent leaves state behind. */
    static final int ARRIVAL_LOCKS = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Database database;
    private Clock clock;
    private SequenceAssignment assignment;
    private final ReentrantLock[] arrivalLocks = newLocks(ARRIVAL_LOCKS);

    protected RunService() {
    }

    @Inject
    public RunService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.assignment = new SequenceAssignment();
    }

    /** The outcome of opening the study link: a run to continue, or a refusal that is recorded before it is reported. */
    public record Opened(Run run, boolean resumed, List<Integer> confirmed, int session) {
        public Opened(Run run, boolean resumed, List<Integer> confirmed) {
            this(run, resumed, confirmed, 1);
        }
    }

    public Opened open(String slug, String prolificPid, String studyId, String sessionId) {
        return open(slug, prolificPid, studyId, sessionId, false);
    }

    /**
     * Opens the study link; {@code pilotLink} (a valid signed "try as participant" key was given) makes a pilot run
     * whatever the experiment's status, as long as its sequences exist.
     */
    public Opened open(String slug, String prolificPid, String studyId, String sessionId, boolean pilotLink) {
        return open(slug, prolificPid, studyId, sessionId, pilotLink, null);
    }

    /**
     * Opens the study link; {@code runToken} is the token of the run this browser started, kept in its storage by the
     * participant page. Continuing an unfinished run needs the same SESSION_ID and, once the run has been used, that
     * token ({@link RunOwnership}); otherwise the answer is 403 {@code session_mismatch} and the run stays as it was.
     */
    public Opened open(String slug, String prolificPid, String studyId, String sessionId, boolean pilotLink, String runToken) {
        return open(slug, prolificPid, studyId, sessionId, pilotLink, runToken, null);
    }

    /**
     * Opens the study link; {@code sessionLink} is the session a follow-up study's link names (its {@code session}
     * parameter, optional): a link for session 2 or later that finds no run of this participant is 404 unknown_session.
     */
    public Opened open(String slug, String prolificPid, String studyId, String sessionId, boolean pilotLink, String runToken,
                       Integer sessionLink) {
        checkExperimentName(slug);
        checkProlificFormat(prolificPid, studyId, sessionId);
        // Arrivals for one experiment queue here, not inside the database: a start waiting for the experiment's row
        // lock would otherwise hold a pooled connection, and a burst of arrivals would starve everybody's trial saves.
        // The locks are a fixed stripe (two experiments may share one, which only queues them together): the row lock
        // still serialises each experiment's arrivals, and an unknown name creates nothing.
        ReentrantLock arrivals = arrivalLocks[Math.floorMod(slug.hashCode(), ARRIVAL_LOCKS)];
        arrivals.lock();
        try {
            return openSerialized(slug, prolificPid, studyId, sessionId, pilotLink, runToken, sessionLink);
        } finally {
            arrivals.unlock();
        }
    }

    private Opened openSerialized(String slug, String prolificPid, String studyId, String sessionId, boolean pilotLink,
                                  String runToken, Integer sessionLink) {
        Instant now = clock.instant();
        Object outcome = database.write(em -> {
            Experiment experiment = pilotLink ? lockExperimentForPilot(em, slug) : lockExperimentRow(em, slug);
            int sessions = PhasePlans.sessions(PhasePlans.of(experiment));
            if (!pilotLink && sessions == 1) {
                requireAcceptsRuns(experiment);
            }
            boolean pilot = pilotLink || experiment.isPilot();
            ProlificIdentity who = identify(pilot, prolificPid, studyId, sessionId);
            Optional<Run> completed = completedRun(em, experiment, who);
            if (completed.isPresent()) {
                // the same Prolific submission (SESSION_ID) gets its ending again; anyone else only hears that it is done
                return completed.get().sessionId().equals(who.sessionId()) ? new AlreadyCompleted(completed.get())
                        : ClientError.conflict(ErrorCode.ALREADY_COMPLETED, "This Prolific ID has already completed this study. Thank you for taking part.");
            }
            Optional<String> practiceFailed = practiceFailedCode(em, experiment, who);
            if (practiceFailed.isPresent()) {
                return ClientError.conflict(ErrorCode.PRACTICE_FAILED, "You did not reach the practice's pass mark, so this study ended for you."
                        + " Your Prolific code is " + practiceFailed.get() + ".");
            }
            if (sessions > 1 && !pilotLink && experiment.status() == Experiment.Status.CLOSED) {
                requireAcceptsRuns(experiment);
            }
            if (sessions > 1) {
                Optional<Run> between = Sessions.betweenSessions(em, experiment, who.prolificPid());
                if (between.isPresent()) {
                    Object opened = Sessions.reopen(em, between.get(), who, now);
                    return opened instanceof Integer session ? new Opened(between.get(), true, confirmedPositions(em, between.get()), session)
                            : opened;
                }
            }
            Optional<Run> unfinished = unfinishedRun(em, experiment, who);
            if (unfinished.isPresent()) {
                String refusal = RunOwnership.refusal(unfinished.get(), who.sessionId(), runToken);
                if (refusal != null) {
                    return refuseForeignSession(em, unfinished.get(), refusal, now);
                }
                return reopen(em, unfinished.get(), now);
            }
            if (sessionLink != null && sessionLink > 1 || sessions > 1 && experiment.status() == Experiment.Status.PAUSED && !pilotLink) {
                return ClientError.notFound(ErrorCode.UNKNOWN_SESSION, "This link is for a later part of the study, but there is no earlier"
                        + " part taken with this Prolific ID. Please open the study from its first part, or message the researcher.");
            }
            if (!pilotLink && sessions > 1) {
                requireAcceptsRuns(experiment);
            }
            return startNewRun(em, experiment, who, pilot, sessions > 1, now);
        });
        if (outcome instanceof ClientError refusal) {
            throw refusal;
        }
        return (Opened) outcome;
    }

    /** A new run on the sequence the assignment picks: an {@link Opened}, or the {@link ClientError} of a full study. */
    private Object startNewRun(EntityManager em, Experiment experiment, ProlificIdentity who, boolean pilot, boolean multiSession,
                               Instant now) {
        OptionalInt free = assignment.sequenceFor(em, experiment, pilot, now);
        if (free.isEmpty()) {
            return new ClientError(409, ErrorCode.EXPERIMENT_FULL, "This study already has all the participants it needs, so there is no"
                    + " place left for you. Please return the study on Prolific.", ErrorAnswer.Details.fullHtml(TextWithDefault.FULL_STUDY.html(experiment)));
        }
        int sequenceId = free.getAsInt();
        Run run = new Run(experiment, sequenceId, who, pilot, newToken(), now);
        ProtocolVersions.forNewRun(em, experiment, now).ifPresent(v -> run.ranUnder(v.version(), v.hash()));
        em.persist(run);
        if (multiSession) {
            em.persist(RunSession.first(run, now));
        }
        em.persist(new RunEvent(run, "started", now, "sequence " + sequenceId));
        return new Opened(run, false, List.of());
    }

    private Object reopen(EntityManager em, Run run, Instant now) {
        Experiment experiment = run.experiment();
        switch (experiment.resumePolicy()) {
            case RESUME -> {
                if (!run.withinResumeWindow(now)) {
                    run.finish(RunState.VOIDED, null, null, now);
                    em.persist(new RunEvent(run, "resume_refused", now, "more than " + experiment.resumeWindowMinutes() + " minutes since last activity"));
                    return ClientError.conflict(ErrorCode.RESUME_WINDOW_PASSED, "Too much time has passed since you left the study ("
                            + experiment.resumeWindowMinutes() + " minutes are allowed), so it cannot be resumed. Please return the study on Prolific.");
                }
                run.interrupted(now);
                run.pageLoaded();
                em.persist(new RunEvent(run, "resumed", now, null));
                return new Opened(run, true, confirmedPositions(em, run), Sessions.current(em, run));
            }
            case RESTART -> {
                run.finish(RunState.VOIDED, null, null, now);
                em.persist(new RunEvent(run, "restarted", now, "voided by a new run"));
                Run fresh = new Run(experiment, run.sequenceId(), new ProlificIdentity(run.prolificPid(), run.studyId(), run.sessionId()),
                        run.pilot(), newToken(), now);
                fresh.interrupted(now);
                ProtocolVersions.forNewRun(em, experiment, now).ifPresent(v -> fresh.ranUnder(v.version(), v.hash()));
                em.persist(fresh);
                if (PhasePlans.sessions(PhasePlans.of(experiment)) > 1) {
                    em.persist(RunSession.first(fresh, now));
                }
                em.persist(new RunEvent(fresh, "started", now, "restart of " + run.publicId()));
                return new Opened(fresh, false, List.of());
            }
            default -> {
                run.interrupted(now);
                em.persist(new RunEvent(run, "blocked", now, "link reopened; the resume policy is BLOCK"));
                return ClientError.conflict(ErrorCode.RUN_BLOCKED, "This study cannot be restarted once it has been left. Please return the study on Prolific.");
            }
        }
    }

    /**
     * Refuses to hand a run to another browser session. The run itself is left as it was (no interruption, no
     * voiding); one {@code resume_refused} event records the attempt, and repeats of the same attempt add none.
     */
    private static ClientError refuseForeignSession(EntityManager em, Run run, String reason, Instant now) {
        Optional<RunEvent> last = em.createQuery("select e from RunEvent e where e.run = :run order by e.id desc", RunEvent.class)
                .setParameter("run", run).setMaxResults(1).getResultStream().findFirst();
        String detail = "link opened by " + reason;
        if (last.isEmpty() || !("resume_refused".equals(last.get().kind()) && detail.equals(last.get().detail()))) {
            em.persist(new RunEvent(run, "resume_refused", now, detail));
        }
        return new ClientError(403, ErrorCode.SESSION_MISMATCH, "This study was started in another browser or Prolific session, so it"
                + " cannot be continued here. If you started it, please go back to the browser where you began. Otherwise,"
                + " please return the study on Prolific and message the researcher.");
    }

    public Run consent(String runId, String token, boolean consent) {
        checkRunId(runId);
        Instant now = clock.instant();
        return database.write(em -> {
            Run run = lockRun(em, runId, token);
            if (run.state() == RunState.NO_CONSENT || (consent && run.consented() && run.state() == RunState.STARTED)) {
                return run;
            }
            requireActive(run);
            if (consent) {
                run.consent();
                run.touch(now);
            } else {
                run.finish(RunState.NO_CONSENT, run.experiment().codeNoConsent(), null, now);
                em.persist(new RunEvent(run, "no_consent", now, null));
            }
            return run;
        });
    }

    /** Stores a trial once. Returns true when stored now, false when the same answer was already stored (a retry). */
    public boolean saveTrial(String runId, String token, TrialRecord trial) {
        checkRunId(runId);
        Instant now = clock.instant();
        return database.write(em -> {
            Run run = lockRun(em, runId, token);
            Optional<Trial> existing = em.createQuery("select t from Trial t where t.run = :run and t.trialIndex = :position", Trial.class)
                    .setParameter("run", run).setParameter("position", trial.position())
                    .getResultStream().findFirst();
            if (existing.isPresent()) {
                Trial stored = existing.get();
                Integer phase = trial.phaseAnswer().phase();
                if (phase != null && phase != stored.phase()) {
                    throw ClientError.badRequest(ErrorCode.WRONG_PHASE, "Position " + trial.position() + " belongs to phase " + stored.phase()
                            + ", not phase " + phase + ".");
                }
                if (sameAnswer(em, stored, shownImage(trial, stored.imageId(), stored.alternativeImageId()))) {
                    return false;
                }
                throw ClientError.conflict(ErrorCode.CONFLICTING_ANSWER, "Position " + trial.position() + " already has a different stored answer.");
            }
            requireActive(run);
            Experiment experiment = run.experiment();
            SequenceItem item = itemAt(em, run, trial.position());
            PhasePlan plan = PhasePlans.of(experiment);
            Phase phase = PhasePlans.phase(plan, item.phase());
            if (PhasePlans.sessions(plan) > 1 && phase.session() != Sessions.current(em, run)) {
                throw ClientError.badRequest(ErrorCode.WRONG_PHASE, "Position " + trial.position() + " belongs to session " + phase.session()
                        + "; this visit runs session " + Sessions.current(em, run) + ".");
            }
            TrialContext context = PhaseTrialRules.check(trial, experiment, item, phase, item.imageId());
            TrialRules.checkReload(trial, run.pageLoads());
            Trial stored = new Trial(run, shownImage(trial, item.imageId(), item.alternativeImageId()), now, context);
            em.persist(stored);
            for (int i = 0; i < trial.boxes().size(); i++) {
                em.persist(new Box(stored, i, trial.boxes().get(i)));
            }
            run.trialSaved();
            run.touch(now);
            return true;
        });
    }

    /** A 2AFC trial may name either image shown, or none: it is stored under the studied one ({@code imageId}). */
    private static TrialRecord shownImage(TrialRecord trial, String imageId, String alternativeImageId) {
        boolean twoAfc = alternativeImageId != null;
        return twoAfc && (trial.imageId() == null || trial.imageId().equals(alternativeImageId)) ? trial.withImageId(imageId) : trial;
    }

    /**
     * The end of a session: {@code next} is the session the run now waits for (null when the run completed or the
     * experiment has one session), {@code session} the session that ended.
     */
    public record Completion(Run run, int session, RunSession next) {
    }

    /** Completes the run (or, before the last session, the session); the run as it is afterwards. */
    public Run complete(String runId, String token) {
        return completeSession(runId, token).run();
    }

    public Completion completeSession(String runId, String token) {
        checkRunId(runId);
        Instant now = clock.instant();
        return database.write(em -> {
            Run run = lockRun(em, runId, token);
            if (run.state() == RunState.COMPLETED) {
                return new Completion(run, PhasePlans.sessions(PhasePlans.of(run.experiment())), null);
            }
            if (run.state() == RunState.WAITING) {
                RunSession next = Sessions.latest(em, run);
                return new Completion(run, next.session() - 1, next);
            }
            requireActive(run);
            Experiment experiment = run.experiment();
            PhasePlan plan = PhasePlans.of(experiment);
            int sessions = PhasePlans.sessions(plan);
            int current = sessions > 1 ? Sessions.current(em, run) : 1;
            List<SequenceItem> items = sequenceItems(em, experiment, run.sequenceId());
            List<Trial> trials = em.createQuery("select t from Trial t where t.run = :run", Trial.class).setParameter("run", run).getResultList();
            Set<Integer> stored = new HashSet<>();
            trials.forEach(t -> stored.add(t.trialIndex()));
            List<Integer> missing = new ArrayList<>();
            for (SequenceItem item : items) {
                if (PhasePlans.phase(plan, item.phase()).session() == current && !stored.contains(item.trialIndex())) {
                    missing.add(item.trialIndex());
                }
            }
            List<Integer> notDone = RunPhases.notDone(em, run, plan, current);
            if (!missing.isEmpty() || !notDone.isEmpty()) {
                String what = !missing.isEmpty() ? missing.size() + " trial(s) have not reached the server yet."
                        : "Phase(s) " + notDone + " have not been done yet.";
                throw new ClientError(409, ErrorCode.INCOMPLETE, what, ErrorAnswer.Details.missing(missing, notDone));
            }
            if (current < sessions) {
                return new Completion(run, current, Sessions.finishAndWait(em, run, plan, current, now));
            }
            List<SequenceItem> game = items.stream().filter(i -> PhasePlans.phase(plan, i.phase()).task() == Task.CONTINUOUS).toList();
            boolean passed = AttentionCheck.passes(experiment, game, trials);
            run.finish(RunState.COMPLETED, passed ? experiment.codeCompleted() : experiment.codeFailedCheck(), passed, now);
            if (sessions > 1) {
                Sessions.session(em, run, current).ifPresent(s -> s.finish(run.completionCode(), now));
            }
            em.persist(new RunEvent(run, "completed", now, passed ? null : "failed attention check"));
            return new Completion(run, current, null);
        });
    }

    /** What one visit shows: the plan, the session it runs, that session's positions, and its break/distractor phases already done. */
    public record Visit(PhasePlan plan, int session, List<SequenceItem> items, List<Integer> phasesDone) {
    }

    public Visit visit(Opened opened) {
        Run run = opened.run();
        return database.read(em -> {
            PhasePlan plan = PhasePlans.of(run.experiment());
            List<SequenceItem> items = sequenceItems(em, run.experiment(), run.sequenceId()).stream()
                    .filter(i -> PhasePlans.phase(plan, i.phase()).session() == opened.session()).toList();
            return new Visit(plan, opened.session(), items, RunPhases.done(em, run));
        });
    }

    /** A stored browser check: the run (NO_DEVICE when refused) and, when refused, the sentence naming the rule. */
    public record DeviceOutcome(Run run, String refusal) {
    }

    /**
     * Stores the browser check once and applies the experiment's device rules: a device that fails one ends the run
     * (NO_DEVICE) with the no-device code. A repeated check (a reload) answers with the stored outcome.
     */
    public DeviceOutcome checkDevice(String runId, String token, DeviceReport report) {
        DeviceCheck.validate(report);
        Instant now = clock.instant();
        return database.write(em -> {
            Run run = lockRun(em, runId, token);
            DisplaySettings rules = run.experiment().display();
            if (run.state() == RunState.NO_DEVICE || (run.state() == RunState.STARTED && run.deviceChecked())) {
                return new DeviceOutcome(run, run.state() == RunState.NO_DEVICE ? refusalSentence(rules, report, run.deviceRule()) : null);
            }
            requireActive(run);
            Double size = DeviceCheck.sizeBeforeCalibration(rules, report);
            Optional<DeviceCheck.Refusal> refusal = DeviceCheck.refusal(rules, report)
                    .or(() -> DeviceCheck.fits(size, report.windowWidth(), report.windowHeight()));
            run.deviceChecked(report, DeviceCheck.browser(report.userAgent()), DeviceCheck.os(report.userAgent()),
                    refusal.map(DeviceCheck.Refusal::rule).orElse(null), size);
            if (refusal.isPresent()) {
                run.finish(RunState.NO_DEVICE, rules.codeNoDevice(), null, now);
                em.persist(new RunEvent(run, "no_device", now, refusal.get().rule()));
                return new DeviceOutcome(run, refusal.get().message());
            }
            run.touch(now);
            return new DeviceOutcome(run, null);
        });
    }

    private static String refusalSentence(DisplaySettings rules, DeviceReport report, String rule) {
        return DeviceCheck.refusal(rules, report).filter(r -> r.rule().equals(rule)).map(DeviceCheck.Refusal::message)
                .orElse("This device does not meet the study's requirements (" + rule + ").");
    }

    /**
     * Stores the card calibration once (Li et al. 2020): px per degree from the card's width on screen and the viewing
     * distance (the experiment's, the participant's stated one, or the one measured from the participant's blind-spot
     * presses, as the experiment says), and the stimulus size
     * that follows. A stimulus that would not fit the window ends the run as NO_DEVICE.
     */
    public DeviceOutcome calibrate(String runId, String token, double cardWidthPx, Double statedDistanceCm, List<Double> blindSpotPx) {
        Instant now = clock.instant();
        return database.write(em -> {
            Run run = lockRun(em, runId, token);
            DisplaySettings s = run.experiment().display();
            DeviceCheck.validateCard(cardWidthPx); // first: the blind spot is converted to mm with it
            List<Double> presses = blindSpotPx == null ? null
                    : blindSpotPx.stream().map(v -> v == null ? null : Math.round(v * 100) / 100.0).toList();
            double distance = switch (s.distanceSource()) {
                case SET -> s.viewingDistanceCm();
                case STATED -> statedDistanceCm == null ? Double.NaN : statedDistanceCm;
                case MEASURED -> DeviceCheck.validateBlindSpot(cardWidthPx, presses);
            };
            DeviceCheck.validateCalibration(cardWidthPx, distance);
            if (run.pxPerDegree() != null && run.state() == RunState.STARTED) {
                return new DeviceOutcome(run, null);
            }
            requireActive(run);
            if (s.sizeMode() != DisplaySettings.SizeMode.DEGREES) {
                throw ClientError.conflict(ErrorCode.NO_CALIBRATION, "This study does not size its images in degrees, so it needs no calibration.");
            }
            if (!run.deviceChecked()) {
                throw ClientError.conflict(ErrorCode.DEVICE_NOT_CHECKED, "The browser check comes before the calibration.");
            }
            double pxPerDegree = DeviceCheck.pxPerDegree(cardWidthPx, distance);
            double size = s.stimulusSize() * pxPerDegree;
            String measured = s.distanceSource() == DisplaySettings.DistanceSource.MEASURED
                    ? presses.stream().map(DeviceCheck::plain).collect(java.util.stream.Collectors.joining(";")) : null;
            run.calibrated(cardWidthPx, distance, s.distanceSource().name(), measured, pxPerDegree, size);
            String[] window = run.windowSize().split("x");
            Optional<DeviceCheck.Refusal> refusal = DeviceCheck.fits(size, Integer.parseInt(window[0]), Integer.parseInt(window[1]));
            if (refusal.isPresent()) {
                run.deviceRefused(refusal.get().rule());
                run.finish(RunState.NO_DEVICE, s.codeNoDevice(), null, now);
                em.persist(new RunEvent(run, "no_device", now, refusal.get().rule()));
                return new DeviceOutcome(run, refusal.get().message());
            }
            run.touch(now);
            return new DeviceOutcome(run, null);
        });
    }

    /** The practice's outcome: passed (null without a pass mark), repeat it, or the run ended (PRACTICE_FAILED). */
    public record PracticeOutcome(Run run, Boolean passed, boolean repeat, boolean ended, int attempts) {
    }

    /**
     * Records one practice attempt ({@code attempt} counts from 1, so a resent attempt is not counted twice) and applies
     * the pass mark: below it the participant repeats the practice up to the experiment's number of repeats, and then
     * continues or the run ends with the practice-failed code, as configured.
     */
    public PracticeOutcome practice(String runId, String token, int attempt, int correct, int total) {
        Instant now = clock.instant();
        return database.write(em -> {
            Run run = lockRun(em, runId, token);
            DisplaySettings s = run.experiment().display();
            int items = run.experiment().practiceImageIds().size();
            if (total != items || correct < 0 || correct > total || attempt < 1) {
                throw new ClientError(400, ErrorCode.BAD_PRACTICE, "A practice result needs 0 ≤ correct ≤ total = " + items + " and attempt ≥ 1.",
                        ErrorAnswer.Details.field(total != items ? "total" : attempt < 1 ? "attempt" : "correct"));
            }
            if (run.state() == RunState.STARTED && attempt <= run.practiceAttempts() || run.state() == RunState.PRACTICE_FAILED) {
                return practiceOutcome(run, s);
            }
            requireActive(run);
            if (attempt != run.practiceAttempts() + 1) {
                throw new ClientError(409, ErrorCode.PRACTICE_OUT_OF_ORDER, "Practice attempt " + attempt + " arrived, but attempt "
                        + (run.practiceAttempts() + 1) + " was expected.", ErrorAnswer.Details.expected(run.practiceAttempts() + 1));
            }
            // the pass mark is typed with two decimals, so it counts to within 0.005: 0.67 means 2 of 3
            Boolean passed = s.hasPassMark() ? Boolean.valueOf((double) correct / total >= s.practicePassMark() - 0.005) : null;
            run.practiceAttempted(passed);
            run.touch(now);
            boolean lastTry = run.practiceAttempts() > s.practiceRepeats();
            if (Boolean.FALSE.equals(passed) && lastTry && s.practiceFailAction() == DisplaySettings.PracticeFailAction.END) {
                run.finish(RunState.PRACTICE_FAILED, s.codePracticeFailed(), null, now);
                em.persist(new RunEvent(run, "practice_failed", now, correct + " of " + total + " after " + run.practiceAttempts() + " attempt(s)"));
            }
            return practiceOutcome(run, s);
        });
    }

    private static PracticeOutcome practiceOutcome(Run run, DisplaySettings s) {
        boolean failed = Boolean.FALSE.equals(run.practicePassed());
        boolean ended = run.state() == RunState.PRACTICE_FAILED;
        boolean repeat = failed && !ended && run.practiceAttempts() <= s.practiceRepeats();
        return new PracticeOutcome(run, run.practicePassed(), repeat, ended, run.practiceAttempts());
    }

    public List<SequenceItem> sequence(Run run) {
        return database.read(em -> sequenceItems(em, run.experiment(), run.sequenceId()));
    }

    static List<SequenceItem> sequenceItems(EntityManager em, Experiment experiment, int sequenceId) {
        return em.createQuery("select i from SequenceItem i where i.experiment = :e and i.sequenceId = :s order by i.trialIndex", SequenceItem.class)
                .setParameter("e", experiment).setParameter("s", sequenceId).getResultList();
    }

    private static SequenceItem itemAt(EntityManager em, Run run, int position) {
        if (position < 0 || position >= run.experiment().sequenceLength()) {
            throw ClientError.badRequest(ErrorCode.POSITION_OUT_OF_RANGE,
                    "Position " + position + " is outside this sequence (0.." + (run.experiment().sequenceLength() - 1) + ").");
        }
        return em.createQuery("select i from SequenceItem i where i.experiment = :e and i.sequenceId = :s and i.trialIndex = :p", SequenceItem.class)
                .setParameter("e", run.experiment()).setParameter("s", run.sequenceId()).setParameter("p", position)
                .getResultStream().findFirst()
                .orElseThrow(() -> ClientError.badRequest(ErrorCode.POSITION_OUT_OF_RANGE, "Position " + position + " is not in this run's list."));
    }

    private static boolean sameAnswer(EntityManager em, Trial stored, TrialRecord incoming) {
        List<BoxRecord> storedBoxes = em.createQuery("select b from Box b where b.trial = :t order by b.boxIndex", Box.class)
                .setParameter("t", stored).getResultList().stream().map(Box::toRecord).toList();
        TrialRecord before = new TrialRecord(stored.trialIndex(), stored.imageId(), stored.responded(), stored.rtMs(), stored.onsetMs(),
                stored.offsetMs(), stored.durationMs(), stored.droppedFrames(), stored.visibilityChanges(), stored.fullscreenExits(),
                stored.displayedWidth(), stored.displayedHeight(), stored.devicePixelRatio(), storedBoxes,
                stored.pageLoad(), stored.interrupted(), stored.extraShowings(), stored.phaseAnswer(incoming.phaseAnswer().phase()));
        return before.equals(incoming);
    }

    private static List<Integer> confirmedPositions(EntityManager em, Run run) {
        return em.createQuery("select t.trialIndex from Trial t where t.run = :run order by t.trialIndex", Integer.class)
                .setParameter("run", run).getResultList();
    }

    /** The experiment's row, locked; a draft is unknown to participants. Whether it accepts runs is checked apart. */
    private static Experiment lockExperimentRow(EntityManager em, String slug) {
        return em.createQuery("select e from Experiment e where e.slug = :slug", Experiment.class)
                .setParameter("slug", slug)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .filter(e -> e.status() != Experiment.Status.DRAFT)
                .orElseThrow(() -> ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT, "There is no study called '" + slug + "'."));
    }

    private static void requireAcceptsRuns(Experiment e) {
        if (!e.status().acceptsRuns()) {
            throw ClientError.conflict(ErrorCode.EXPERIMENT_CLOSED, "This study is not accepting participants at the moment.");
        }
    }

    private static Experiment lockExperimentForPilot(EntityManager em, String slug) {
        return em.createQuery("select e from Experiment e where e.slug = :slug", Experiment.class)
                .setParameter("slug", slug)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .map(e -> {
                    if (e.sequenceCount() == 0) {
                        throw ClientError.conflict(ErrorCode.NO_SEQUENCES, "This study has no sequences yet; generate them on the design page first.");
                    }
                    return e;
                })
                .orElseThrow(() -> ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT, "There is no study called '" + slug + "'."));
    }

    /** 400 bad_experiment unless the name could be an experiment's; checked before any lookup, lock or log line. */
    public static void checkExperimentName(String slug) {
        if (slug == null || !EXPERIMENT_NAME.matcher(slug).matches()) {
            throw ClientError.badRequest(ErrorCode.BAD_EXPERIMENT,
                    "The field 'experiment' is not a study name (1-64 letters, digits, '-' or '_').");
        }
    }

    /** 400 bad_prolific_params when a Prolific id that is given is ill-formed (whether a missing one is allowed depends on the experiment). */
    static void checkProlificFormat(String prolificPid, String studyId, String sessionId) {
        List<String> problems = new ArrayList<>();
        String[][] values = {{"PROLIFIC_PID", prolificPid}, {"STUDY_ID", studyId}, {"SESSION_ID", sessionId}};
        for (String[] value : values) {
            if (value[1] != null && !value[1].isEmpty() && !PROLIFIC_VALUE.matcher(value[1]).matches()) {
                problems.add(value[0] + " is not 1-64 letters, digits, '-' or '_'");
            }
        }
        if (!problems.isEmpty()) {
            throw ClientError.badRequest(ErrorCode.BAD_PROLIFIC_PARAMS, "The study link is incomplete: " + String.join("; ", problems)
                    + ". Please open the study from Prolific again.");
        }
    }

    private static ReentrantLock[] newLocks(int count) {
        ReentrantLock[] locks = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    /** 404 unknown_run for anything that is not a run id, before a connection is taken. */
    static void checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw ClientError.notFound(ErrorCode.UNKNOWN_RUN, "There is no run with this id.");
        }
    }

    static Run lockRun(EntityManager em, String runId, String token) {
        Run run = em.createQuery("select r from Run r where r.publicId = :id", Run.class)
                .setParameter("id", runId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> ClientError.notFound(ErrorCode.UNKNOWN_RUN, "There is no run " + runId + "."));
        if (token == null || !MessageDigest.isEqual(token.getBytes(), run.token().getBytes())) {
            throw new ClientError(401, ErrorCode.BAD_TOKEN, "The run token is missing or wrong.");
        }
        return run;
    }

    static void requireActive(Run run) {
        if (run.state() != RunState.STARTED) {
            throw ClientError.conflict(ErrorCode.RUN_NOT_ACTIVE, "This run has ended (" + run.state().name().toLowerCase() + ") and accepts no more answers.");
        }
    }

    private static Optional<Run> completedRun(EntityManager em, Experiment experiment, ProlificIdentity who) {
        return em.createQuery("select r from Run r where r.experiment = :e and r.prolificPid = :pid and r.state = :done order by r.finishedAt desc",
                        Run.class)
                .setParameter("e", experiment).setParameter("pid", who.prolificPid()).setParameter("done", RunState.COMPLETED)
                .setMaxResults(1).getResultStream().findFirst();
    }

    private static Optional<String> practiceFailedCode(EntityManager em, Experiment experiment, ProlificIdentity who) {
        return em.createQuery("select r.completionCode from Run r where r.experiment = :e and r.prolificPid = :pid and r.state = :failed", String.class)
                .setParameter("e", experiment).setParameter("pid", who.prolificPid()).setParameter("failed", RunState.PRACTICE_FAILED)
                .getResultStream().findFirst();
    }

    private static Optional<Run> unfinishedRun(EntityManager em, Experiment experiment, ProlificIdentity who) {
        return em.createQuery("select r from Run r where r.experiment = :e and r.prolificPid = :pid and r.studyId = :study and r.state = :open"
                        + " order by r.startedAt desc", Run.class)
                .setParameter("e", experiment).setParameter("pid", who.prolificPid()).setParameter("study", who.studyId())
                .setParameter("open", RunState.STARTED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    static ProlificIdentity identify(Experiment experiment, String prolificPid, String studyId, String sessionId) {
        return identify(experiment.isPilot(), prolificPid, studyId, sessionId);
    }

    static ProlificIdentity identify(boolean pilot, String prolificPid, String studyId, String sessionId) {
        List<String> problems = new ArrayList<>();
        String pid = checked("PROLIFIC_PID", prolificPid, pilot, problems);
        String study = checked("STUDY_ID", studyId, pilot, problems);
        String session = checked("SESSION_ID", sessionId, pilot, problems);
        if (!problems.isEmpty()) {
            throw ClientError.badRequest(ErrorCode.BAD_PROLIFIC_PARAMS, "The study link is incomplete: " + String.join("; ", problems)
                    + ". Please open the study from Prolific again.");
        }
        return new ProlificIdentity(pid, study, session);
    }

    private static String checked(String name, String value, boolean pilot, List<String> problems) {
        if (value == null || value.isEmpty()) {
            if (pilot) {
                return "PILOT-" + newToken().substring(0, 12);
            }
            problems.add(name + " is missing");
            return null;
        }
        if (!PROLIFIC_VALUE.matcher(value).matches()) {
            problems.add(name + " is not 1-64 letters, digits, '-' or '_'");
        }
        return value;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
