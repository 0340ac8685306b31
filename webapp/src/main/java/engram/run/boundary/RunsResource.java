package engram.run.boundary;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.experiment.control.PilotKeys;
import engram.experiment.control.LaunchChecklist;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.EventLog;
import engram.run.control.RunMetrics;
import engram.experiment.control.FailedCheckText;
import engram.run.control.AlreadyCompleted;
import engram.run.control.RunPhases;
import engram.run.control.RunService;
import engram.experiment.control.PhasesJson;
import engram.run.entity.PhaseAnswer;
import engram.run.entity.BoxRecord;
import engram.run.entity.Run;
import engram.run.entity.TrialRecord;
import engram.stimuli.control.StimulusCatalog;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The participant API (docs/participant-api.md): start or resume, consent, save a trial, complete. */
@Path("runs")
@Tag(name = "participant")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {


    @Inject
    RunService runs;
    @Inject
    StimulusCatalog catalog;
    @Inject
    PilotKeys pilotKeys;
    @Inject
    RunMetrics metrics;
    @Inject
    EventLog events;
    @Inject
    RunPhases phases;

    // Only @NotNull on these records: Payara's OpenAPI generator fails (NPE) on @NotBlank of a record component.
    public record StartRequest(@NotNull String experiment, String prolificPid, String studyId, String sessionId, String pilotKey,
                               String runToken, Integer session) {
    }

    public record ConsentRequest(@NotNull Boolean consent) {
    }

    public record BoxInput(@NotNull Double x, @NotNull Double y, @NotNull Double width, @NotNull Double height) {
    }

    public record TrialInput(String imageId, @NotNull Boolean responded, Double rtMs, @NotNull Double onsetMs,
                             @NotNull Double offsetMs, @NotNull Double durationMs, Integer droppedFrames, Integer visibilityChanges,
                             Integer fullscreenExits, Integer displayedWidth, Integer displayedHeight, Double devicePixelRatio,
                             List<@Valid @NotNull BoxInput> boxes, Integer pageLoad, String interrupted, Integer extraShowings,
                             Integer phase, String answer, Integer confidence, String choiceSide, String chosenImageId) {
    }

    public record PhaseDoneInput(Double startedAtMs, Integer problems, Integer correct) {
    }

    public record DeviceInput(@NotNull String userAgent, @NotNull Integer screenWidth, @NotNull Integer screenHeight,
                              @NotNull Integer windowWidth, @NotNull Integer windowHeight, @NotNull Double devicePixelRatio,
                              @NotNull Boolean touch, Boolean coarsePointer, @NotNull Double refreshHz, @NotNull Integer frames,
                              @NotNull Boolean fullscreenAvailable) {
    }

    public record CalibrationInput(@NotNull Double cardWidthPx, Double viewingDistanceCm, java.util.List<Double> blindSpotPx) {
    }

    public record PracticeInput(@NotNull Integer attempt, @NotNull Integer correct, @NotNull Integer total) {
    }

    @POST
    public Response start(@Valid @NotNull StartRequest request) {
        // A malformed name is refused before any lookup, lock or log line: it names no study and leaves no trace.
        RunService.checkExperimentName(request.experiment());
        boolean pilotLink = request.pilotKey() != null && pilotKeys.isValid(request.experiment(), request.pilotKey());
        if (request.pilotKey() != null && !pilotLink) {
            throw new ClientError(403, ErrorCode.BAD_PILOT_KEY, "This 'try as participant' link is invalid or has expired; open a new one from the design page.");
        }
        RunService.Opened opened;
        try {
            opened = runs.open(request.experiment(), request.prolificPid(), request.studyId(), request.sessionId(), pilotLink,
                    request.runToken(), request.session());
        } catch (AlreadyCompleted done) {
            events.event("run_refused", null, EventLog.fields("experiment", request.experiment(), "code", done.code(),
                    "participant", events.participant(request.prolificPid())));
            throw againEnding(done);
        } catch (ClientError refused) {
            events.event("run_refused", null, EventLog.fields("experiment", request.experiment(), "code", refused.code(),
                    "participant", events.participant(request.prolificPid())));
            throw refused;
        }
        Run run = opened.run();
        events.event(opened.resumed() ? "run_resumed" : "run_started", run.publicId(), EventLog.fields("experiment", run.experiment().slug(),
                "sequence", run.sequenceId(), "pilot", run.pilot(), "participant", events.participant(run.prolificPid())));
        Experiment experiment = run.experiment();
        Map<String, String> urls = catalog.urls(experiment.stimulusSet().id());
        RunService.Visit visit = runs.visit(opened);
        List<Map<String, Object>> trials = RunView.trials(visit, urls);
        List<Map<String, Object>> practice = practice(experiment, urls);
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("runId", run.publicId());
        body.put("token", run.token());
        body.put("state", run.state().name());
        body.put("consented", run.consented());
        body.put("resumed", opened.resumed());
        body.put("pilot", run.pilot());
        body.put("sequenceId", run.sequenceId());
        body.put("displayMs", experiment.displayMs());
        body.put("isiMs", experiment.isiMs());
        body.put("minBoxes", experiment.minBoxes());
        body.put("maxBoxes", experiment.maxBoxes());
        body.put("texts", Map.of("consentHtml", experiment.consentHtml(), "instructionsHtml", experiment.instructionsHtml(),
                "debriefHtml", experiment.debriefHtml(), "failedCheckHtml", FailedCheckText.html(experiment)));
        body.put("pageLoad", run.pageLoads());
        body.put("practice", practice);
        body.put("trials", trials);
        body.put("confirmed", opened.confirmed());
        body.put("display", DisplayView.of(run));
        body.put("phases", PhasesJson.asMaps(visit.plan()));
        body.put("session", visit.session());
        body.put("phasesDone", visit.phasesDone());
        return Response.status(opened.resumed() ? 200 : 201).entity(body).build();
    }

    private static List<Map<String, Object>> practice(Experiment experiment, Map<String, String> urls) {
        var seen = new java.util.HashSet<String>();
        return experiment.practiceImageIds().stream()
                .filter(urls::containsKey)
                .map(id -> Map.<String, Object>of("imageId", id, "url", urls.get(id), "repeat", !seen.add(id)))
                .toList();
    }

    @POST
    @Path("{runId}/consent")
    public Map<String, Object> consent(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                       @Valid @NotNull ConsentRequest request) {
        Run run = runs.consent(runId, token, request.consent());
        events.event(request.consent() ? "run_consented" : "run_no_consent", run.publicId(), EventLog.fields("state", run.state().name()));
        return ending(run);
    }

    @PUT
    @Path("{runId}/trials/{position}")
    public Map<String, Object> saveTrial(@PathParam("runId") String runId, @PathParam("position") int position,
                                         @HeaderParam("X-Run-Token") String token, @Valid @NotNull TrialInput input) {
        long started = System.nanoTime();
        boolean stored;
        try {
            stored = runs.saveTrial(runId, token, toRecord(position, input));
        } catch (RuntimeException refused) {
            metrics.trialRefused(System.nanoTime() - started);
            throw refused;
        }
        metrics.trialSaved(stored, System.nanoTime() - started);
        return Map.of("position", position, "stored", stored);
    }

    @POST
    @Path("{runId}/complete")
    public Map<String, Object> complete(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token) {
        RunService.Completion done = runs.completeSession(runId, token);
        Run run = done.run();
        if (done.next() != null) {
            events.event("run_session_completed", run.publicId(), EventLog.fields("session", done.session(), "trials", run.trialsSaved()));
            return RunView.waiting(done);
        }
        events.event("run_completed", run.publicId(), EventLog.fields("state", run.state().name(),
                "attentionPassed", run.attentionPassed(), "trials", run.trialsSaved()));
        return ending(run);
    }

    /** Opens a break or distractor phase: the server's clock starts its minimum duration (idempotent). */
    @POST
    @Path("{runId}/phases/{phase}/open")
    public Map<String, Object> openPhase(@PathParam("runId") String runId, @PathParam("phase") int phase,
                                         @HeaderParam("X-Run-Token") String token) {
        return RunView.timed(phases.open(runId, token, phase));
    }

    /** A break or distractor phase is done (409 too_soon before its minimum duration); a distractor sends its score. */
    @POST
    @Path("{runId}/phases/{phase}/done")
    public Map<String, Object> phaseDone(@PathParam("runId") String runId, @PathParam("phase") int phase,
                                         @HeaderParam("X-Run-Token") String token, PhaseDoneInput in) {
        return RunView.timed(phases.done(runId, token, phase, in == null ? null : in.problems(), in == null ? null : in.correct()));
    }

    /** The browser check: stored once; a device that fails a rule of the experiment ends the run with the no-device code. */
    @POST
    @Path("{runId}/device")
    public Map<String, Object> device(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                      @Valid @NotNull DeviceInput in) {
        RunService.DeviceOutcome outcome = runs.checkDevice(runId, token, new engram.run.entity.DeviceReport(in.userAgent(),
                in.screenWidth(), in.screenHeight(), in.windowWidth(), in.windowHeight(), in.devicePixelRatio(), in.touch(),
                Boolean.TRUE.equals(in.coarsePointer()), in.refreshHz(), in.frames(), in.fullscreenAvailable()));
        if (outcome.refusal() != null) {
            events.event("run_no_device", outcome.run().publicId(), EventLog.fields("rule", outcome.run().deviceRule()));
        }
        return deviceAnswer(outcome);
    }

    /**
     * The card calibration (virtual chinrest) with the stated viewing distance or the blind-spot presses, as the
     * experiment asks: stores px per degree and the stimulus size.
     */
    @POST
    @Path("{runId}/calibration")
    public Map<String, Object> calibration(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                           @Valid @NotNull CalibrationInput in) {
        return deviceAnswer(runs.calibrate(runId, token, in.cardWidthPx(), in.viewingDistanceCm(), in.blindSpotPx()));
    }

    /** One practice attempt's score; the answer says whether to repeat the practice, go on, or stop (with the code). */
    @POST
    @Path("{runId}/practice")
    public Map<String, Object> practice(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                        @Valid @NotNull PracticeInput in) {
        RunService.PracticeOutcome outcome = runs.practice(runId, token, in.attempt(), in.correct(), in.total());
        var body = new java.util.LinkedHashMap<String, Object>(ending(outcome.run()));
        body.put("passed", outcome.passed());
        body.put("repeat", outcome.repeat());
        body.put("ended", outcome.ended());
        body.put("attempts", outcome.attempts());
        return body;
    }

    private static Map<String, Object> deviceAnswer(RunService.DeviceOutcome outcome) {
        Run run = outcome.run();
        var body = new java.util.LinkedHashMap<String, Object>(ending(run));
        body.put("accepted", outcome.refusal() == null);
        body.put("rule", run.deviceRule());
        body.put("message", outcome.refusal());
        body.put("pxPerDegree", run.pxPerDegree());
        body.put("stimulusSizePx", run.stimulusSizePx());
        return body;
    }

    static Map<String, Object> ending(Run run) {
        if (run.completionCode() == null) {
            return Map.of("state", run.state().name());
        }
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("state", run.state().name());
        body.put("completionCode", run.completionCode());
        body.put("redirectUrl", LaunchChecklist.completionUrl(run.completionCode()));
        if (run.attentionPassed() != null) {
            body.put("attentionPassed", run.attentionPassed());
        }
        return body;
    }

    /** A completed participant who opens the link again gets the same code, redirect and closing text as the first time. */
    private static ClientError againEnding(AlreadyCompleted done) {
        Run run = done.run();
        var details = new java.util.LinkedHashMap<String, Object>(ending(run));
        details.put("texts", Map.of("debriefHtml", run.experiment().debriefHtml(), "failedCheckHtml", FailedCheckText.html(run.experiment())));
        return new ClientError(409, done.errorCode(), done.getMessage(), details);
    }

    /** Converts a validated body (Bean Validation has checked the required fields) to the control's record. */
    static TrialRecord toRecord(int position, TrialInput in) {
        List<BoxRecord> boxes = in.boxes() == null ? List.of()
                : in.boxes().stream().map(b -> new BoxRecord(b.x(), b.y(), b.width(), b.height())).toList();
        return new TrialRecord(position, in.imageId(), in.responded(), in.rtMs(), in.onsetMs(), in.offsetMs(), in.durationMs(),
                orZero(in.droppedFrames()), orZero(in.visibilityChanges()), orZero(in.fullscreenExits()),
                in.displayedWidth(), in.displayedHeight(), in.devicePixelRatio(), boxes, in.pageLoad(), in.interrupted(),
                orZero(in.extraShowings()), new PhaseAnswer(in.phase(), in.answer(), in.confidence(), in.choiceSide(), in.chosenImageId()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
