package engram.run.boundary;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.experiment.control.PilotKeys;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.platform.EventLog;
import engram.run.control.RunMetrics;
import engram.run.control.AlreadyCompleted;
import engram.run.control.RunPhases;
import engram.run.control.RunService;
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

/**
 * The participant API (docs/participant-api.md): start or resume, consent, browser check, calibration, practice, save a
 * trial, complete. Requests and answers are records ({@link RunAnswers}), so /openapi describes each one.
 */
@Path("runs")
@Tag(name = "participant")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    static final String REFUSAL = "A refusal: {error, message, …} with a code of docs/participant-api.md#error-codes";

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

    public record CalibrationInput(@NotNull Double cardWidthPx, Double viewingDistanceCm, List<Double> blindSpotPx) {
    }

    public record PracticeInput(@NotNull Integer attempt, @NotNull Integer correct, @NotNull Integer total) {
    }

    @POST
    @Operation(summary = "Start a run, or resume this participant's run (docs/participant-api.md)")
    @APIResponse(responseCode = "201", description = "A new run", content = @Content(schema = @Schema(implementation = RunAnswers.StartAnswer.class)))
    @APIResponse(responseCode = "200", description = "This participant's run, resumed", content = @Content(schema = @Schema(implementation = RunAnswers.StartAnswer.class)))
    @APIResponse(responseCode = "409", description = "already_completed (for the same Prolific session with the run's ending again), session_too_early,"
            + " session_too_late, experiment_full, experiment_closed, no_sequences, practice_failed, resume_window_passed, run_blocked",
            content = @Content(schema = @Schema(oneOf = {RunAnswers.CompletedAgain.class, RunAnswers.SessionTooEarly.class, RunAnswers.SessionTooLate.class,
                    RunAnswers.StudyFull.class, RunAnswers.Refused.class})))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public Response start(@RequestBody(required = true, content = @Content(schema = @Schema(implementation = StartRequest.class))) @Valid @NotNull StartRequest request) {
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
        RunAnswers.StartAnswer answer = RunAnswers.start(opened, runs.visit(opened), catalog.urls(run.experiment().stimulusSet().id()));
        return Response.status(opened.resumed() ? 200 : 201).entity(answer).build();
    }

    @POST
    @Path("{runId}/consent")
    @Operation(summary = "Record the consent answer; no consent ends the run with the no-consent code")
    @APIResponse(responseCode = "200", description = "The run's state and ending", content = @Content(schema = @Schema(implementation = RunAnswers.Ending.class)))
    @APIResponse(responseCode = "409", description = "run_not_active",
            content = @Content(schema = @Schema(implementation = RunAnswers.Refused.class)))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.Ending consent(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                       @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConsentRequest.class))) @Valid @NotNull ConsentRequest request) {
        Run run = runs.consent(runId, token, request.consent());
        events.event(request.consent() ? "run_consented" : "run_no_consent", run.publicId(), EventLog.fields("state", run.state().name()));
        return RunAnswers.ending(run);
    }

    @PUT
    @Path("{runId}/trials/{position}")
    @Operation(summary = "Save one trial (idempotent: an identical retry answers stored=false)")
    @APIResponse(responseCode = "200", description = "Saved, or already stored", content = @Content(schema = @Schema(implementation = RunAnswers.TrialSaved.class)))
    @APIResponse(responseCode = "409", description = "conflicting_answer, run_not_active",
            content = @Content(schema = @Schema(implementation = RunAnswers.Refused.class)))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.TrialSaved saveTrial(@PathParam("runId") String runId, @PathParam("position") int position,
                                         @HeaderParam("X-Run-Token") String token, @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TrialInput.class))) @Valid @NotNull TrialInput input) {
        long started = System.nanoTime();
        boolean stored;
        try {
            stored = runs.saveTrial(runId, token, toRecord(position, input));
        } catch (RuntimeException refused) {
            metrics.trialRefused(System.nanoTime() - started);
            throw refused;
        }
        metrics.trialSaved(stored, System.nanoTime() - started);
        return new RunAnswers.TrialSaved(position, stored);
    }

    @POST
    @Path("{runId}/complete")
    @Operation(summary = "Complete the run (or, before the last session, the session) once every position is stored and every phase done")
    @APIResponse(responseCode = "200", description = "The completion code and redirect; between sessions state WAITING and the next session's window",
            content = @Content(schema = @Schema(implementation = RunAnswers.Completed.class)))
    @APIResponse(responseCode = "409", description = "incomplete, run_not_active",
            content = @Content(schema = @Schema(oneOf = {RunAnswers.Incomplete.class, RunAnswers.Refused.class})))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.Completed complete(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token) {
        RunService.Completion done = runs.completeSession(runId, token);
        Run run = done.run();
        if (done.next() != null) {
            events.event("run_session_completed", run.publicId(), EventLog.fields("session", done.session(), "trials", run.trialsSaved()));
        } else {
            events.event("run_completed", run.publicId(), EventLog.fields("state", run.state().name(),
                    "attentionPassed", run.attentionPassed(), "trials", run.trialsSaved()));
        }
        return RunAnswers.completed(done);
    }

    /** Opens a break or distractor phase: the server's clock starts its minimum duration (idempotent). */
    @POST
    @Path("{runId}/phases/{phase}/open")
    @Operation(summary = "Open a break or distractor phase: the server's clock starts its minimum duration (idempotent)")
    @APIResponse(responseCode = "200", description = "When the phase opened and when it may be done", content = @Content(schema = @Schema(implementation = RunAnswers.PhaseTimes.class)))
    @APIResponse(responseCode = "409", description = "run_not_active",
            content = @Content(schema = @Schema(implementation = RunAnswers.Refused.class)))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.PhaseTimes openPhase(@PathParam("runId") String runId, @PathParam("phase") int phase,
                                           @HeaderParam("X-Run-Token") String token) {
        return RunAnswers.phaseTimes(phases.open(runId, token, phase));
    }

    /** A break or distractor phase is done (409 too_soon before its minimum duration); a distractor sends its score. */
    @POST
    @Path("{runId}/phases/{phase}/done")
    @Operation(summary = "A break or distractor phase is done (409 too_soon before its minimum duration); a distractor sends its score")
    @APIResponse(responseCode = "200", description = "The phase, done", content = @Content(schema = @Schema(implementation = RunAnswers.PhaseTimes.class)))
    @APIResponse(responseCode = "409", description = "too_soon, run_not_active",
            content = @Content(schema = @Schema(oneOf = {RunAnswers.TooSoon.class, RunAnswers.Refused.class})))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.PhaseTimes phaseDone(@PathParam("runId") String runId, @PathParam("phase") int phase, @HeaderParam("X-Run-Token") String token,
                                           @RequestBody(required = false, content = @Content(schema = @Schema(implementation = PhaseDoneInput.class))) PhaseDoneInput in) {
        return RunAnswers.phaseTimes(phases.done(runId, token, phase, in == null ? null : in.problems(), in == null ? null : in.correct()));
    }

    /** The browser check: stored once; a device that fails a rule of the experiment ends the run with the no-device code. */
    @POST
    @Path("{runId}/device")
    @Operation(summary = "The browser check; a device that fails a rule ends the run with the no-device code")
    @APIResponse(responseCode = "200", description = "Whether the device passed, and the run's state", content = @Content(schema = @Schema(implementation = RunAnswers.DeviceAnswer.class)))
    @APIResponse(responseCode = "409", description = "run_not_active",
            content = @Content(schema = @Schema(implementation = RunAnswers.Refused.class)))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.DeviceAnswer device(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                      @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DeviceInput.class))) @Valid @NotNull DeviceInput in) {
        RunService.DeviceOutcome outcome = runs.checkDevice(runId, token, new engram.run.entity.DeviceReport(in.userAgent(),
                in.screenWidth(), in.screenHeight(), in.windowWidth(), in.windowHeight(), in.devicePixelRatio(), in.touch(),
                Boolean.TRUE.equals(in.coarsePointer()), in.refreshHz(), in.frames(), in.fullscreenAvailable()));
        if (outcome.refusal() != null) {
            events.event("run_no_device", outcome.run().publicId(), EventLog.fields("rule", outcome.run().deviceRule()));
        }
        return RunAnswers.device(outcome);
    }

    /**
     * The card calibration (virtual chinrest) with the stated viewing distance or the blind-spot presses, as the
     * experiment asks: stores px per degree and the stimulus size.
     */
    @POST
    @Path("{runId}/calibration")
    @Operation(summary = "The card calibration: px per degree and the stimulus size")
    @APIResponse(responseCode = "200", description = "The sizes, or the run's ending when the stimulus does not fit", content = @Content(schema = @Schema(implementation = RunAnswers.DeviceAnswer.class)))
    @APIResponse(responseCode = "409", description = "device_not_checked, no_calibration, run_not_active",
            content = @Content(schema = @Schema(implementation = RunAnswers.Refused.class)))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.DeviceAnswer calibration(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                           @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CalibrationInput.class))) @Valid @NotNull CalibrationInput in) {
        return RunAnswers.device(runs.calibrate(runId, token, in.cardWidthPx(), in.viewingDistanceCm(), in.blindSpotPx()));
    }

    /** One practice attempt's score; the answer says whether to repeat the practice, go on, or stop (with the code). */
    @POST
    @Path("{runId}/practice")
    @Operation(summary = "One practice attempt's score: repeat the practice, go on, or stop")
    @APIResponse(responseCode = "200", description = "What comes next", content = @Content(schema = @Schema(implementation = RunAnswers.PracticeAnswer.class)))
    @APIResponse(responseCode = "409", description = "practice_out_of_order, run_not_active",
            content = @Content(schema = @Schema(oneOf = {RunAnswers.PracticeOutOfOrder.class, RunAnswers.Refused.class})))
    @APIResponse(responseCode = "default", description = REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public RunAnswers.PracticeAnswer practice(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token,
                                        @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PracticeInput.class))) @Valid @NotNull PracticeInput in) {
        return RunAnswers.practice(runs.practice(runId, token, in.attempt(), in.correct(), in.total()));
    }

    /** A completed participant who opens the link again gets the same code, redirect and closing text as the first time. */
    private static ClientError againEnding(AlreadyCompleted done) {
        return new CompletedAgainRefusal(done);
    }

    /** 409 already_completed whose body repeats the run's ending ({@link RunAnswers.CompletedAgain}). */
    static final class CompletedAgainRefusal extends ClientError {

        private static final long serialVersionUID = 1L;

        private final transient RunAnswers.CompletedAgain body;

        CompletedAgainRefusal(AlreadyCompleted done) {
            super(409, done.errorCode(), done.getMessage());
            this.body = RunAnswers.completedAgain(done.code(), done.getMessage(), done.run());
        }

        @Override
        public Object body() {
            return body;
        }
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
