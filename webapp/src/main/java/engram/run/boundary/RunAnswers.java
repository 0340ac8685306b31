package engram.run.boundary;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import engram.experiment.control.TextWithDefault;
import engram.experiment.control.LaunchChecklist;
import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.run.control.RunService;
import engram.run.entity.Run;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The participant API's answers (docs/participant-api.md), one record each, so that /openapi describes them and a renamed
 * field is a compile error. A component marked {@link JsonbNillable} is always sent (null included); the others are left
 * out when null, as the ending's code and redirect are until the run ends.
 */
public final class RunAnswers {

    private RunAnswers() {
    }

    /** The start (201) or resume (200) answer: the run, its texts, practice, sequence and display settings. */
    @JsonbPropertyOrder({"runId", "token", "state", "consented", "resumed", "pilot", "sequenceId", "displayMs", "isiMs", "minBoxes",
            "maxBoxes", "texts", "pageLoad", "practice", "trials", "confirmed", "display"})
    public record StartAnswer(String runId, String token, String state, boolean consented, boolean resumed, boolean pilot,
                              int sequenceId, int displayMs, int isiMs, int minBoxes, int maxBoxes, Texts texts, int pageLoad,
                              List<PracticeItem> practice, List<TrialItem> trials, List<Integer> confirmed, Display display) {
    }

    /** The experiment's texts as HTML; the ending of {@code already_completed} carries only the last two. */
    @JsonbPropertyOrder({"consentHtml", "instructionsHtml", "debriefHtml", "failedCheckHtml"})
    public record Texts(String consentHtml, String instructionsHtml, String debriefHtml, String failedCheckHtml) {
    }

    /** One position of the run's sequence. */
    @JsonbPropertyOrder({"position", "imageId", "url"})
    public record TrialItem(int position, String imageId, String url) {
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
    @JsonbPropertyOrder({"error", "message", "state", "completionCode", "redirectUrl", "attentionPassed", "texts"})
    public record CompletedAgain(String error, String message, String state, String completionCode, String redirectUrl,
                                 Boolean attentionPassed, Texts texts) {
    }

    static StartAnswer start(RunService.Opened opened, List<SequenceItem> sequence, Map<String, String> urls) {
        Run run = opened.run();
        Experiment experiment = run.experiment();
        return new StartAnswer(run.publicId(), run.token(), run.state().name(), run.consented(), opened.resumed(), run.pilot(),
                run.sequenceId(), experiment.displayMs(), experiment.isiMs(), experiment.minBoxes(), experiment.maxBoxes(),
                new Texts(experiment.consentHtml(), experiment.instructionsHtml(), experiment.debriefHtml(), TextWithDefault.FAILED_CHECK.html(experiment)),
                run.pageLoads(), practice(experiment, urls),
                sequence.stream().map(item -> new TrialItem(item.trialIndex(), item.imageId(), urls.get(item.imageId()))).toList(),
                opened.confirmed(), display(run));
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
