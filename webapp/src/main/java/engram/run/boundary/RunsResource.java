package engram.run.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    static final String PROLIFIC_COMPLETE = "https://app.prolific.com/submissions/complete?cc=";

    @Inject
    RunService runs;
    @Inject
    StimulusCatalog catalog;
    @Inject
    Metrics metrics;
    @Inject
    EventLog events;

    public record StartRequest(String experiment, String prolificPid, String studyId, String sessionId) {
    }

    public record ConsentRequest(Boolean consent) {
    }

    public record BoxInput(Double x, Double y, Double width, Double height) {
    }

    public record TrialInput(String imageId, Boolean responded, Double rtMs, Double onsetMs, Double offsetMs, Double durationMs,
                             Integer droppedFrames, Integer visibilityChanges, Integer fullscreenExits, Integer displayedWidth,
                             Integer displayedHeight, Double devicePixelRatio, List<BoxInput> boxes) {
    }

    @POST
    public Response start(StartRequest request) {
        if (request == null || request.experiment() == null) {
            throw ClientError.badRequest("bad_request", "The body needs an 'experiment' slug.");
        }
        RunService.Opened opened;
        try {
            opened = runs.open(request.experiment(), request.prolificPid(), request.studyId(), request.sessionId());
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
    public Map<String, Object> consent(@PathParam("runId") String runId, @HeaderParam("X-Run-Token") String token, ConsentRequest request) {
        if (request == null || request.consent() == null) {
            throw ClientError.badRequest("bad_request", "The body needs 'consent': true or false.");
        }
        Run run = runs.consent(runId, token, request.consent());
        events.event(request.consent() ? "run_consented" : "run_no_consent", run.publicId(), EventLog.fields("state", run.state().name()));
        return ending(run);
    }

    @PUT
    @Path("{runId}/trials/{position}")
    public Map<String, Object> saveTrial(@PathParam("runId") String runId, @PathParam("position") int position,
                                         @HeaderParam("X-Run-Token") String token, TrialInput input) {
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

    static TrialRecord toRecord(int position, TrialInput in) {
        if (in == null) {
            throw ClientError.badRequest("bad_trial", "The body must be a trial object.");
        }
        List<BoxRecord> boxes = in.boxes() == null ? List.of() : in.boxes().stream().map(RunsResource::toBox).toList();
        return new TrialRecord(position, required("imageId", in.imageId()), required("responded", in.responded()), in.rtMs(),
                required("onsetMs", in.onsetMs()), required("offsetMs", in.offsetMs()), required("durationMs", in.durationMs()),
                orZero(in.droppedFrames()), orZero(in.visibilityChanges()), orZero(in.fullscreenExits()),
                in.displayedWidth(), in.displayedHeight(), in.devicePixelRatio(), boxes);
    }

    private static BoxRecord toBox(BoxInput box) {
        if (box == null || box.x() == null || box.y() == null || box.width() == null || box.height() == null) {
            throw ClientError.badRequest("bad_box", "Each box needs numbers x, y, width and height.");
        }
        return new BoxRecord(box.x(), box.y(), box.width(), box.height());
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw ClientError.badRequest("bad_trial", "The field '" + field + "' is missing.");
        }
        return value;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
