package engram.run.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.experiment.control.PilotKeys;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.EventLog;
import engram.platform.Metrics;
import engram.run.control.RunService;
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

    static final String PROLIFIC_COMPLETE = "https://app.prolific.com/submissions/complete?cc=";

    @Inject
    RunService runs;
    @Inject
    StimulusCatalog catalog;
    @Inject
    PilotKeys pilotKeys;
    @Inject
    Metrics metrics;
    @Inject
    EventLog events;

    // Only @NotNull on these records: Payara's OpenAPI generator fails (NPE) on @NotBlank of a record component.
    public record StartRequest(@NotNull String experiment, String prolificPid, String studyId, String sessionId, String pilotKey,
                               String runToken) {
    }

    public record ConsentRequest(@NotNull Boolean consent) {
    }

    public record BoxInput(@NotNull Double x, @NotNull Double y, @NotNull Double width, @NotNull Double height) {
    }

    public record TrialInput(@NotNull String imageId, @NotNull Boolean responded, Double rtMs, @NotNull Double onsetMs,
                             @NotNull Double offsetMs, @NotNull Double durationMs, Integer droppedFrames, Integer visibilityChanges,
                             Integer fullscreenExits, Integer displayedWidth, Integer displayedHeight, Double devicePixelRatio,
                             List<@Valid @NotNull BoxInput> boxes) {
    }

    @POST
    public Response start(@Valid @NotNull StartRequest request) {
        // A malformed name is refused before any lookup, lock or log line: it names no study and leaves no trace.
        RunService.checkExperimentName(request.experiment());
        boolean pilotLink = request.pilotKey() != null && pilotKeys.isValid(request.experiment(), request.pilotKey());
        if (request.pilotKey() != null && !pilotLink) {
            throw new ClientError(403, "bad_pilot_key", "This 'try as participant' link is invalid or has expired; open a new one from the design page.");
        }
        RunService.Opened opened;
        try {
            opened = runs.open(request.experiment(), request.prolificPid(), request.studyId(), request.sessionId(), pilotLink,
                    request.runToken());
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
        List<Map<String, Object>> trials = runs.sequence(run).stream()
                .map(item -> Map.<String, Object>of("position", item.trialIndex(), "imageId", item.imageId(), "url", urls.get(item.imageId())))
                .toList();
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
                "debriefHtml", experiment.debriefHtml()));
        body.put("practice", practice);
        body.put("trials", trials);
        body.put("confirmed", opened.confirmed());
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
        Run run = runs.complete(runId, token);
        events.event("run_completed", run.publicId(), EventLog.fields("state", run.state().name(),
                "attentionPassed", run.attentionPassed(), "trials", run.trialsSaved()));
        return ending(run);
    }

    private static Map<String, Object> ending(Run run) {
        if (run.completionCode() == null) {
            return Map.of("state", run.state().name());
        }
        return Map.of("state", run.state().name(), "completionCode", run.completionCode(),
                "redirectUrl", PROLIFIC_COMPLETE + URLEncoder.encode(run.completionCode(), StandardCharsets.UTF_8));
    }

    /** Converts a validated body (Bean Validation has checked the required fields) to the control's record. */
    static TrialRecord toRecord(int position, TrialInput in) {
        List<BoxRecord> boxes = in.boxes() == null ? List.of()
                : in.boxes().stream().map(b -> new BoxRecord(b.x(), b.y(), b.width(), b.height())).toList();
        return new TrialRecord(position, in.imageId(), in.responded(), in.rtMs(), in.onsetMs(), in.offsetMs(), in.durationMs(),
                orZero(in.droppedFrames()), orZero(in.visibilityChanges()), orZero(in.fullscreenExits()),
                in.displayedWidth(), in.displayedHeight(), in.devicePixelRatio(), boxes);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
