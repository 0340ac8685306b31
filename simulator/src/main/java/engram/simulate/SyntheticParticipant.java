package engram.simulate;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One synthetic participant walking through a run over HTTP: start, consent, every trial, complete. */
final class SyntheticParticipant {

    /** What the simulation shares with each participant. */
    record Context(ParticipantApi api, BehaviourModel model, String experiment, String studyId, boolean pilot,
                   long seed, long trialDelayMs, long rampUpMs, int participants, Clock clock, RunStats stats,
                   AckLog ackLog) {
    }

    /** The parts of a start answer a participant uses. */
    private record Started(String runId, String token, boolean consented, boolean resumed, RunLayout layout,
                           BitSet confirmed, int pageLoad) {
    }

    /** Longest pause between abandoning the in-flight trial and reloading, in ms. */
    private static final int MAX_RELOAD_PAUSE_MS = 20;

    private final Context context;
    private final int index;
    private final String participantId;
    private final SplittableRandom jitter;
    private String runId;
    /** The page load the participant is in (the start answer's pageLoad; 0 when the server gave none). */
    private int pageLoad;
    /** The run's token, kept as the participant page keeps it in the browser, and sent when the link is reopened. */
    private String runToken;
    private int acknowledged;
    private boolean reloaded;

    SyntheticParticipant(Context context, int index) {
        this.context = context;
        this.index = index;
        this.participantId = context.pilot() ? "pilot-" + index : SyntheticIds.prolificPid(context.seed(), index);
        this.jitter = SyntheticIds.jitterRandom(context.seed(), index);
    }

    ParticipantOutcome run() throws InterruptedException {
        try {
            return walk();
        } catch (ApiFailure failure) {
            return failed(failure.code(), failure.getMessage());
        } catch (RuntimeException e) {
            return failed("simulator_error", e.toString());
        } finally {
            context.stats().participantsFinished.increment();
        }
    }

    private ParticipantOutcome walk() throws ApiFailure, InterruptedException {
        if (context.rampUpMs() > 0) {
            Thread.sleep(context.rampUpMs() * index / context.participants());
        }
        if (context.trialDelayMs() > 0) {
            // paced participants arrive spread over one trial interval, as real ones do, not all on the same instant
            Thread.sleep(jitter.nextLong(context.trialDelayMs()));
        }
        ParticipantApi.Answer startAnswer = start();
        if (startAnswer.status() != 201 && startAnswer.status() != 200) {
            throw new ApiFailure(startAnswer.errorCode(), "POST /api/runs: " + startAnswer.describe());
        }
        Started run = started(startAnswer);
        runId = run.runId();
        runToken = run.token();
        if (run.resumed()) {
            context.stats().runsResumed.increment();
        } else {
            context.stats().runsStarted.increment();
        }
        ParticipantPlan plan = context.model().plan(run.layout(), SyntheticIds.behaviourRandom(context.seed(), index));
        String token = run.token();
        pageLoad = run.pageLoad();
        if (!run.consented()) {
            consent(token);
        }
        BitSet acked = new BitSet();
        for (TrialAnswer answer : plan.answers()) {
            int position = answer.position();
            if (position == plan.dropoutAt()) {
                return outcome(ParticipantOutcome.Status.DROPPED, null, null, null);
            }
            int sentIn = pageLoad;
            if (position == plan.reloadAt() && !reloaded) {
                context.api().abandon("PUT", trialPath(position), trialBody(answer, sentIn), token);
                Thread.sleep(jitter.nextInt(MAX_RELOAD_PAUSE_MS + 1));
                Started again = reload(acked);
                token = again.token();
                pageLoad = again.pageLoad();
                if (!again.consented()) {
                    consent(token);
                }
            }
            if (acked.get(position)) {
                continue;
            }
            save(answer, token, sentIn); // the page resends an answer that was in flight as it was: with its page load
            acked.set(position);
            if (context.trialDelayMs() > 0) {
                Thread.sleep(pacedDelayMs());
            }
        }
        return complete(token);
    }

    /** The trial interval with ±20 % jitter, so that paced participants do not drift into lock-step. */
    private long pacedDelayMs() {
        return Math.round(context.trialDelayMs() * (0.8 + 0.4 * jitter.nextDouble()));
    }

    private ParticipantApi.Answer start() throws ApiFailure, InterruptedException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("experiment", context.experiment());
        if (!context.pilot()) {
            body.put("prolificPid", participantId);
            body.put("studyId", context.studyId());
            body.put("sessionId", SyntheticIds.sessionId(context.seed(), index));
        }
        if (runToken != null) {
            body.put("runToken", runToken);
        }
        return context.api().send(RequestKind.START, "POST", "/api/runs", body, null, jitter);
    }

    private Started reload(BitSet acked) throws ApiFailure, InterruptedException {
        reloaded = true;
        ParticipantApi.Answer answer = start();
        if (answer.status() != 200) {
            throw new ApiFailure("reload_not_resumed",
                    "reload at POST /api/runs expected 200 resumed:true, got " + answer.describe());
        }
        Started again = started(answer);
        runToken = again.token();
        if (!again.resumed() || !runId.equals(again.runId())) {
            throw new ApiFailure("reload_not_resumed", "reload of run " + runId + " expected resumed:true for the"
                    + " same run, got resumed:" + again.resumed() + " runId " + again.runId());
        }
        context.stats().runsResumed.increment();
        BitSet lost = (BitSet) acked.clone();
        lost.andNot(again.confirmed());
        if (!lost.isEmpty()) {
            throw new ApiFailure("acked_not_confirmed", "run " + runId + ": positions " + lost
                    + " were acknowledged with 200 but are missing from confirmed after the reload");
        }
        return again;
    }

    private void consent(String token) throws ApiFailure, InterruptedException {
        ParticipantApi.Answer answer = context.api().send(RequestKind.CONSENT, "POST",
                "/api/runs/" + runId + "/consent", Map.of("consent", true), token, jitter);
        if (answer.status() != 200 || !"STARTED".equals(answer.body().path("state").asText())) {
            throw new ApiFailure(answer.status() == 200 ? "bad_consent_answer" : answer.errorCode(),
                    "POST consent of run " + runId + ": " + answer.describe());
        }
    }

    private String trialPath(int position) {
        return "/api/runs/" + runId + "/trials/" + position;
    }

    /** The trial as the page sends it; {@code pageLoad} is the page load it ran in (omitted when the server gave none). */
    private Map<String, Object> trialBody(TrialAnswer answer, int pageLoad) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imageId", answer.imageId());
        body.put("responded", answer.responded());
        body.put("rtMs", answer.rtMs());
        body.put("onsetMs", answer.onsetMs());
        body.put("offsetMs", answer.offsetMs());
        body.put("durationMs", answer.durationMs());
        body.put("droppedFrames", 0);
        body.put("visibilityChanges", 0);
        body.put("fullscreenExits", 0);
        body.put("displayedWidth", 512);
        body.put("displayedHeight", 512);
        body.put("devicePixelRatio", 1.0);
        body.put("boxes", answer.boxes());
        if (pageLoad > 0) {
            body.put("pageLoad", pageLoad);
        }
        return body;
    }

    private void save(TrialAnswer answer, String token, int pageLoad) throws ApiFailure, InterruptedException {
        int position = answer.position();
        ParticipantApi.Answer reply = context.api().send(RequestKind.SAVE_TRIAL, "PUT", trialPath(position),
                trialBody(answer, pageLoad), token, jitter);
        if (reply.status() != 200) {
            throw new ApiFailure(reply.errorCode(), "PUT trial " + position + " of run " + runId + ": "
                    + reply.describe());
        }
        JsonNode stored = reply.body().path("stored");
        if (!stored.isBoolean() || reply.body().path("position").asInt(-1) != position) {
            throw new ApiFailure("bad_ack", "PUT trial " + position + " of run " + runId
                    + ": 200 without position and stored: " + reply.body());
        }
        context.ackLog().add(new AckRecord(runId, participantId, position, answer.imageId(), answer.responded(),
                stored.booleanValue(), context.clock().instant()));
        context.stats().trialsAcknowledged.increment();
        if (!stored.booleanValue()) {
            context.stats().duplicatesStoredFalse.increment();
        }
        acknowledged++;
    }

    private ParticipantOutcome complete(String token) throws ApiFailure, InterruptedException {
        ParticipantApi.Answer answer = context.api().send(RequestKind.COMPLETE, "POST",
                "/api/runs/" + runId + "/complete", null, token, jitter);
        if (answer.status() != 200) {
            throw new ApiFailure(answer.errorCode(), "POST complete of run " + runId + ": " + answer.describe());
        }
        String code = answer.body().path("completionCode").asText("");
        if (!"COMPLETED".equals(answer.body().path("state").asText()) || code.isBlank()) {
            throw new ApiFailure("bad_completion", "POST complete of run " + runId
                    + ": 200 without state COMPLETED and a completion code: " + answer.body());
        }
        return outcome(ParticipantOutcome.Status.COMPLETED, code, null, null);
    }

    private Started started(ParticipantApi.Answer answer) throws ApiFailure {
        JsonNode body = answer.body();
        String id = body.path("runId").asText("");
        String token = body.path("token").asText("");
        JsonNode trials = body.path("trials");
        if (id.isEmpty() || token.isEmpty() || !trials.isArray()) {
            throw new ApiFailure("bad_start_answer", "POST /api/runs: answer lacks runId, token or trials: "
                    + answer.describe());
        }
        List<String> imageIds = new ArrayList<>(trials.size());
        for (int i = 0; i < trials.size(); i++) {
            JsonNode trial = trials.get(i);
            if (trial.path("position").asInt(-1) != i || !trial.path("imageId").isTextual()) {
                throw new ApiFailure("bad_start_answer", "POST /api/runs: trials[" + i
                        + "] lacks position " + i + " or imageId: " + trial);
            }
            imageIds.add(trial.get("imageId").asText());
        }
        BitSet confirmed = new BitSet(imageIds.size());
        for (JsonNode position : body.path("confirmed")) {
            confirmed.set(position.asInt());
        }
        RunLayout layout;
        try {
            layout = new RunLayout(body.path("displayMs").asInt(0), body.path("isiMs").asInt(0),
                    body.path("minBoxes").asInt(1), body.path("maxBoxes").asInt(1), imageIds);
        } catch (IllegalArgumentException e) {
            throw new ApiFailure("bad_start_answer", "POST /api/runs: " + e.getMessage());
        }
        return new Started(id, token, body.path("consented").asBoolean(false), body.path("resumed").asBoolean(false),
                layout, confirmed, body.path("pageLoad").asInt(0));
    }

    private ParticipantOutcome failed(String code, String message) {
        context.stats().failure(code);
        return outcome(ParticipantOutcome.Status.FAILED, null, code, message);
    }

    private ParticipantOutcome outcome(ParticipantOutcome.Status status, String completionCode, String failureCode,
                                       String failureMessage) {
        return new ParticipantOutcome(index, participantId, runId, status, completionCode, acknowledged, reloaded,
                failureCode, failureMessage);
    }
}
