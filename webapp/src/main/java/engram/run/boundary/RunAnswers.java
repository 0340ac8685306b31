package engram.run.boundary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import engram.core.phase.EncodingQuestion;
import engram.core.phase.Phase;
import engram.core.phase.Task;
import engram.experiment.control.TextWithDefault;
import engram.experiment.control.LaunchChecklist;
import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.run.control.RunPhases;
import engram.run.control.RunService;
import engram.run.entity.Run;
import engram.run.entity.RunSession;
import engram.run.entity.RunState;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The participant API's answers (docs/participant-api.md), one record each, so that /openapi describes them and a renamed
 * field is a compile error. A record that no route returns by its type (only through a Response or a refusal) carries
 * {@link Schema}, or /openapi would not list it. A component marked {@link JsonbNillable} is always sent (null
 * included); the others are left out when null, as the ending's code and redirect are until the run ends.
 */
public final class RunAnswers {

    private RunAnswers() {
    }

    /**
     * The start (201) or resume (200) answer: the run, its texts, practice, this visit's positions and display settings,
     * the phase plan, the session this visit runs and its break/distractor phases already done.
     */
    @Schema(description = "The start (201) or resume (200) answer")
    @JsonbPropertyOrder({"runId", "token", "state", "consented", "resumed", "pilot", "sequenceId", "displayMs", "isiMs", "minBoxes",
            "maxBoxes", "texts", "pageLoad", "practice", "trials", "confirmed", "display", "phases", "session", "phasesDone"})
    public record StartAnswer(String runId, String token, String state, boolean consented, boolean resumed, boolean pilot,
                              int sequenceId, int displayMs, int isiMs, int minBoxes, int maxBoxes, Texts texts, int pageLoad,
                              List<PracticeItem> practice, List<TrialItem> trials, List<Integer> confirmed, Display display,
                              List<PhaseItem> phases, int session, List<Integer> phasesDone) {
    }

    /** The experiment's texts as HTML; the ending of {@code already_completed} carries only the last two. */
    @JsonbPropertyOrder({"consentHtml", "instructionsHtml", "debriefHtml", "failedCheckHtml"})
    public record Texts(String consentHtml, String instructionsHtml, String debriefHtml, String failedCheckHtml) {
    }

    /**
     * One position of this visit: {@code imageId} and {@code url}, or for a 2AFC position its two images as {@code left}
     * and {@code right} (naming neither the studied one nor the kind); {@code phase} and {@code task} unless the study is
     * the continuous game alone.
     */
    @JsonbPropertyOrder({"position", "left", "right", "imageId", "url", "phase", "task"})
    public record TrialItem(int position, ShownImage left, ShownImage right, String imageId, String url, Integer phase, String task) {
    }

    /** One of the two images of a 2AFC position. */
    @JsonbPropertyOrder({"imageId", "url"})
    public record ShownImage(String imageId, String url) {
    }

    /** One phase of the plan, every field sent (null where it does not apply), as experiment.json writes it. */
    @JsonbNillable
    @JsonbPropertyOrder({"phase", "task", "session", "delayMinS", "delayMaxS", "displayMs", "encodingQuestion", "confidenceLevels", "boxes",
            "minDurationS"})
    public record PhaseItem(int phase, String task, int session, Integer delayMinS, Integer delayMaxS, Integer displayMs,
                            Question encodingQuestion, Integer confidenceLevels, boolean boxes, Integer minDurationS) {
    }

    /** A study phase's question about each image, and its answers. */
    @JsonbNillable
    @JsonbPropertyOrder({"text", "answers"})
    public record Question(String text, List<String> answers) {
    }

    /** One practice image; {@code repeat} when it was shown before in the practice. */
    @JsonbPropertyOrder({"imageId", "url", "repeat"})
    public record PracticeItem(String imageId, String url, boolean repeat) {
    }

    /** The display block of the start answer: size, calibration, warm-up, device rules, practice, and this run's check. */
    @JsonbNillable
    @JsonbPropertyOrder({"sizeMode", "stimulusSize", "viewingDistanceCm", "askViewingDistance", "distanceSource", "annotationScale",
            "warmupFrames", "rules", "practicePassMark", "practiceRepeats", "practiceFailAction", "deviceChecked", "calibrated",
            "pxPerDegree", "stimulusSizePx", "practiceAttempts", "practicePassed"})
    public record Display(String sizeMode, double stimulusSize, double viewingDistanceCm, boolean askViewingDistance,
                          String distanceSource, double annotationScale, int warmupFrames, DeviceRules rules, double practicePassMark,
                          int practiceRepeats, String practiceFailAction, boolean deviceChecked, boolean calibrated, Double pxPerDegree,
                          Double stimulusSizePx, int practiceAttempts, Boolean practicePassed) {
    }

    /** The experiment's device rules, which the browser check applies. */
    @JsonbPropertyOrder({"minRefreshHz", "minWindowWidth", "minWindowHeight", "allowPhones", "requireFullscreen"})
    public record DeviceRules(double minRefreshHz, int minWindowWidth, int minWindowHeight, boolean allowPhones, boolean requireFullscreen) {
    }

    /** The run's state, and once it has ended with a code: the code, the Prolific redirect and whether the attention checks passed. */
    @JsonbPropertyOrder({"state", "completionCode", "redirectUrl", "attentionPassed"})
    public record Ending(String state, String completionCode, String redirectUrl, Boolean attentionPassed) {
    }

    /**
     * The complete answer: the run's {@link Ending}, or, when a session other than the last ended, state {@code WAITING}
     * with that {@code session}, its code and redirect, and the window of the next session.
     */
    @JsonbPropertyOrder({"state", "session", "completionCode", "redirectUrl", "attentionPassed", "nextSession"})
    public record Completed(String state, Integer session, String completionCode, String redirectUrl, Boolean attentionPassed,
                            NextSession nextSession) {
    }

    /** The session a waiting run comes back for, and when it opens and closes (ISO-8601 UTC). */
    @JsonbPropertyOrder({"session", "opensAt", "closesAt"})
    public record NextSession(int session, String opensAt, String closesAt) {
    }

    /** A break or distractor phase: when it opened, when it may be done, and whether (and when) it was. */
    @JsonbPropertyOrder({"phase", "startedAt", "earliestDoneAt", "done", "finishedAt"})
    public record PhaseTimes(int phase, String startedAt, String earliestDoneAt, boolean done, @JsonbNillable String finishedAt) {
    }

    /** The browser check's and the calibration's answer: the ending, whether the device passed, and the sizes. */
    @JsonbPropertyOrder({"state", "completionCode", "redirectUrl", "attentionPassed", "accepted", "rule", "message", "pxPerDegree",
            "stimulusSizePx"})
    public record DeviceAnswer(String state, String completionCode, String redirectUrl, Boolean attentionPassed, boolean accepted,
                               @JsonbNillable String rule, @JsonbNillable String message, @JsonbNillable Double pxPerDegree,
                               @JsonbNillable Double stimulusSizePx) {
    }

    /** A practice attempt's answer: the ending, whether it passed (null without a pass mark), and what comes next. */
    @JsonbPropertyOrder({"state", "completionCode", "redirectUrl", "attentionPassed", "passed", "repeat", "ended", "attempts"})
    public record PracticeAnswer(String state, String completionCode, String redirectUrl, Boolean attentionPassed,
                                 @JsonbNillable Boolean passed, boolean repeat, boolean ended, int attempts) {
    }

    /** A saved trial: {@code stored} is false for an identical retry. */
    @JsonbPropertyOrder({"position", "stored"})
    public record TrialSaved(int position, boolean stored) {
    }

    /** The body of 409 {@code already_completed} for the same Prolific session: the refusal, then the run's ending again. */
    @Schema(description = "409 already_completed: the refusal and the run's ending again")
    @JsonbPropertyOrder({"error", "message", "state", "completionCode", "redirectUrl", "attentionPassed", "texts"})
    public record CompletedAgain(@Schema(enumeration = "already_completed") String error, String message, String state, String completionCode, String redirectUrl,
                                 Boolean attentionPassed, Texts texts) {
    }

    // The other 409 bodies, one record per shape (ErrorAnswer with the details its code carries; nothing else is sent).
    // They exist for /openapi: each route's 409 lists them with oneOf, and each record's error names its codes.

    /** A 409 with its code and message only. */
    @Schema(description = "409 with the code and message only")
    @JsonbPropertyOrder({"error", "message"})
    public record Refused(@Schema(enumeration = {"already_completed", "conflicting_answer", "device_not_checked", "experiment_closed",
            "no_calibration", "no_sequences", "practice_failed", "resume_window_passed", "run_blocked", "run_not_active"}) String error,
                          String message) {
    }

    /** 409 {@code experiment_full}: the experiment's "study is full" text as HTML. */
    @Schema(description = "409 experiment_full: the refusal and the experiment's \"study is full\" text")
    @JsonbPropertyOrder({"error", "message", "fullHtml"})
    public record StudyFull(@Schema(enumeration = "experiment_full") String error, String message, String fullHtml) {
    }

    /** 409 {@code session_too_early}: the too-early code and its redirect, the session asked for and its window (ISO-8601 UTC). */
    @Schema(description = "409 session_too_early: the too-early code and its redirect, the session asked for and when it opens and closes")
    @JsonbPropertyOrder({"error", "message", "completionCode", "redirectUrl", "session", "opensAt", "closesAt"})
    public record SessionTooEarly(@Schema(enumeration = "session_too_early") String error, String message, String completionCode,
                                  String redirectUrl, int session, String opensAt, String closesAt) {
    }

    /** 409 {@code session_too_late}: the too-late code and its redirect, the session asked for and when it closed (ISO-8601 UTC). */
    @Schema(description = "409 session_too_late: the too-late code and its redirect, the session asked for and when it closed")
    @JsonbPropertyOrder({"error", "message", "completionCode", "redirectUrl", "session", "closedAt"})
    public record SessionTooLate(@Schema(enumeration = "session_too_late") String error, String message, String completionCode,
                                 String redirectUrl, int session, String closedAt) {
    }

    /** 409 {@code too_soon}: when the break or distractor phase may be done (ISO-8601 UTC). */
    @Schema(description = "409 too_soon: when the break or distractor phase may be done")
    @JsonbPropertyOrder({"error", "message", "earliestDoneAt"})
    public record TooSoon(@Schema(enumeration = "too_soon") String error, String message, String earliestDoneAt) {
    }

    /** 409 {@code incomplete}: the positions of this session not stored yet and its break/distractor phases not done (both sent). */
    @Schema(description = "409 incomplete: the positions of this session not stored yet and its break and distractor phases not done")
    @JsonbPropertyOrder({"error", "message", "missing", "phasesNotDone"})
    public record Incomplete(@Schema(enumeration = "incomplete") String error, String message, List<Integer> missing,
                             List<Integer> phasesNotDone) {
    }

    /** 409 {@code practice_out_of_order}: the practice attempt the server expected. */
    @Schema(description = "409 practice_out_of_order: the practice attempt the server expected")
    @JsonbPropertyOrder({"error", "message", "expected"})
    public record PracticeOutOfOrder(@Schema(enumeration = "practice_out_of_order") String error, String message, int expected) {
    }

    static StartAnswer start(RunService.Opened opened, RunService.Visit visit, Map<String, String> urls) {
        Run run = opened.run();
        Experiment experiment = run.experiment();
        return new StartAnswer(run.publicId(), run.token(), run.state().name(), run.consented(), opened.resumed(), run.pilot(),
                run.sequenceId(), experiment.displayMs(), experiment.isiMs(), experiment.minBoxes(), experiment.maxBoxes(),
                new Texts(experiment.consentHtml(), experiment.instructionsHtml(), experiment.debriefHtml(), TextWithDefault.FAILED_CHECK.html(experiment)),
                run.pageLoads(), practice(experiment, urls), trials(visit, urls), opened.confirmed(), display(run),
                visit.plan().phases().stream().map(RunAnswers::phase).toList(), visit.session(), visit.phasesDone());
    }

    /** This visit's positions; phase and task are named unless the plan is the continuous game alone. */
    private static List<TrialItem> trials(RunService.Visit visit, Map<String, String> urls) {
        boolean named = visit.plan().phases().size() > 1;
        List<TrialItem> trials = new ArrayList<>();
        for (SequenceItem item : visit.items()) {
            Phase phase = visit.plan().phases().get(item.phase() - 1);
            boolean withPhase = named || phase.task() != Task.CONTINUOUS;
            Integer number = withPhase ? item.phase() : null;
            String task = withPhase ? phase.task().code() : null;
            if (phase.task() == Task.TWO_AFC) {
                boolean targetLeft = "left".equals(item.targetSide());
                String left = targetLeft ? item.imageId() : item.alternativeImageId();
                String right = targetLeft ? item.alternativeImageId() : item.imageId();
                trials.add(new TrialItem(item.trialIndex(), new ShownImage(left, urls.get(left)), new ShownImage(right, urls.get(right)),
                        null, null, number, task));
            } else {
                trials.add(new TrialItem(item.trialIndex(), null, null, item.imageId(), urls.get(item.imageId()), number, task));
            }
        }
        return trials;
    }

    private static PhaseItem phase(Phase p) {
        EncodingQuestion q = p.encodingQuestion();
        return new PhaseItem(p.phase(), p.task().code(), p.session(), p.delayMinS(), p.delayMaxS(), p.displayMs(),
                q == null ? null : new Question(q.text(), q.answers()), p.confidenceLevels(), p.boxes(), p.minDurationS());
    }

    static Completed completed(RunService.Completion done) {
        Run run = done.run();
        RunSession next = done.next();
        if (next == null) {
            Ending e = ending(run);
            return new Completed(e.state(), null, e.completionCode(), e.redirectUrl(), e.attentionPassed(), null);
        }
        String code = run.experiment().sessionCode(done.session(), done.session() + 1);
        return new Completed(RunState.WAITING.name(), done.session(), code, LaunchChecklist.completionUrl(code), null,
                new NextSession(next.session(), next.opensAt().toString(), next.closesAt().toString()));
    }

    static PhaseTimes phaseTimes(RunPhases.Timed timed) {
        return new PhaseTimes(timed.phase(), timed.startedAt().toString(), timed.earliestDoneAt().toString(), timed.finishedAt() != null,
                timed.finishedAt() == null ? null : timed.finishedAt().toString());
    }

    private static List<PracticeItem> practice(Experiment experiment, Map<String, String> urls) {
        Set<String> seen = new HashSet<>();
        return experiment.practiceImageIds().stream()
                .filter(urls::containsKey)
                .map(id -> new PracticeItem(id, urls.get(id), !seen.add(id)))
                .toList();
    }

    static Display display(Run run) {
        DisplaySettings s = run.experiment().display();
        return new Display(s.sizeMode().name(), s.stimulusSize(), s.viewingDistanceCm(), s.askViewingDistance(), s.distanceSource().name(),
                s.annotationScale(), s.warmupFrames(),
                new DeviceRules(s.minRefreshHz(), s.minWindowWidth(), s.minWindowHeight(), s.allowPhones(), s.requireFullscreen()),
                s.practicePassMark(), s.practiceRepeats(), s.practiceFailAction().name(), run.deviceChecked(), run.pxPerDegree() != null,
                run.pxPerDegree(), run.stimulusSizePx(), run.practiceAttempts(), run.practicePassed());
    }

    static Ending ending(Run run) {
        String code = run.completionCode();
        return code == null ? new Ending(run.state().name(), null, null, null)
                : new Ending(run.state().name(), code, LaunchChecklist.completionUrl(code), run.attentionPassed());
    }

    static DeviceAnswer device(RunService.DeviceOutcome outcome) {
        Run run = outcome.run();
        Ending e = ending(run);
        return new DeviceAnswer(e.state(), e.completionCode(), e.redirectUrl(), e.attentionPassed(), outcome.refusal() == null,
                run.deviceRule(), outcome.refusal(), run.pxPerDegree(), run.stimulusSizePx());
    }

    static PracticeAnswer practice(RunService.PracticeOutcome outcome) {
        Ending e = ending(outcome.run());
        return new PracticeAnswer(e.state(), e.completionCode(), e.redirectUrl(), e.attentionPassed(), outcome.passed(),
                outcome.repeat(), outcome.ended(), outcome.attempts());
    }

    static CompletedAgain completedAgain(String code, String message, Run run) {
        Ending e = ending(run);
        return new CompletedAgain(code, message, e.state(), e.completionCode(), e.redirectUrl(), e.attentionPassed(),
                new Texts(null, null, run.experiment().debriefHtml(), TextWithDefault.FAILED_CHECK.html(run.experiment())));
    }
}
