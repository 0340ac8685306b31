package engram.simulate;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One synthetic participant walking through a run over HTTP: start, consent, every trial (and, with phases, every break
 * and distractor), complete; with sessions, each later session is a return visit through the session link, which the
 * {@link Simulation} schedules ({@link #returnVisit}).
 */
final class SyntheticParticipant {

    /** What the simulation shares with each participant. */
    record Context(ParticipantApi api, BehaviourModel model, String experiment, String studyId, boolean pilot,
                   long seed, long trialDelayMs, long rampUpMs, int participants, Clock clock, RunStats stats,
                   AckLog ackLog, ServerClock serverClock, Returns returns, Duration maxWait) {
    }

    /** The parts of a start answer a participant uses; {@code session} is null for an experiment without phases. */
    private record Started(String runId, String token, boolean consented, boolean resumed, RunLayout layout,
                           SessionLayout session, BitSet confirmed, Set<Integer> phasesDone, int pageLoad) {
    }

    /** A run waiting for its next session: the window the server gave when the previous session was completed. */
    record Waiting(int session, Instant opensAt, Instant closesAt) {
    }

    /** Longest pause between abandoning the in-flight trial and reloading, in ms. */
    private static final int MAX_RELOAD_PAUSE_MS = 20;
    /** How many times a return within the window may be refused as too early (a server clock ahead) before failing. */
    private static final int MAX_EARLY_REFUSALS_ON_TIME = 3;

    private final Context context;
    private final int index;
    private final String participantId;
    private final SplittableRandom jitter;
    private final Returns returns;
    private String runId;
    /** The page load the participant is in (the start answer's pageLoad; 0 when the server gave none). */
    private int pageLoad;
    /** The run's token, kept as the participant page keeps it in the browser, and sent when the link is reopened. */
    private String runToken;
    private int acknowledged;
    private boolean reloaded;
    /** The session this visit runs (1 for the first visit). */
    private int session = 1;
    /** The images studied so far, across sessions. */
    private Set<String> memory = Set.of();
    private Waiting waiting;
    private boolean triedEarly;
    private int refusedOnTime;
    private ParticipantOutcome outcome;

    SyntheticParticipant(Context context, int index) {
        this.context = context;
        this.index = index;
        this.participantId = context.pilot() ? "pilot-" + index : SyntheticIds.prolificPid(context.seed(), index);
        this.jitter = SyntheticIds.jitterRandom(context.seed(), index);
        this.returns = context.returns().of(index);
    }

    int index() {
        return index;
    }

    /** @return how this participant returns for a later session */
    Returns returns() {
        return returns;
    }

    /** @return the window of the session the run waits for, or null when the participant has ended */
    Waiting waiting() {
        return outcome == null ? waiting : null;
    }

    /** @return whether a planned early return has not yet been tried for the session the run waits for */
    boolean earlyTryDue() {
        return returns == Returns.EARLY && !triedEarly;
    }

    /** @return how the participant ended; null while its run waits for a session */
    ParticipantOutcome outcome() {
        return outcome;
    }

    /** The first visit: the whole run, or its first session. */
    ParticipantOutcome run() throws InterruptedException {
        return guarded(this::walk);
    }

    /** Comes back through the session link for the session the run waits for, and plays it when let in. */
    ParticipantOutcome returnVisit() throws InterruptedException {
        return guarded(this::comeBack);
    }

    /** Ends a waiting participant without a return: the window is further away than the simulation waits. */
    void notWaited(String why) {
        finish(outcome(ParticipantOutcome.Status.NOT_WAITED, null, "not_waited", why));
        context.stats().notWaited.increment();
    }

    @FunctionalInterface
    private interface Visit {
        ParticipantOutcome go() throws ApiFailure, InterruptedException;
    }

    private ParticipantOutcome guarded(Visit visit) throws InterruptedException {
        ParticipantOutcome ended;
        try {
            ended = visit.go();
        } catch (ApiFailure failure) {
            ended = failed(failure.code(), failure.getMessage());
        } catch (RuntimeException e) {
            ended = failed("simulator_error", e.toString());
        }
        if (ended != null) {
            finish(ended);
        }
        return ended;
    }

    private void finish(ParticipantOutcome ended) {
        outcome = ended;
        context.stats().participantsFinished.increment();
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
        if (run.session() != null) {
            return playSession(run);
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

    /**
     * One session of an experiment with phases: its phases in order, each study or test trial saved, each break and
     * distractor opened and done (after its minimum on the server's clock), then complete: COMPLETED ends the
     * participant, WAITING leaves it waiting for the next session (null is returned).
     */
    private ParticipantOutcome playSession(Started run) throws ApiFailure, InterruptedException {
        session = run.session().session();
        SessionPlan plan = context.model().planSession(run.session(), memory,
                SyntheticIds.behaviourRandom(context.seed(), index, session));
        memory = plan.memory();
        pageLoad = run.pageLoad();
        if (!run.consented()) {
            consent(runToken);
        }
        BitSet acked = new BitSet();
        for (int position = run.confirmed().nextSetBit(0); position >= 0; position = run.confirmed().nextSetBit(position + 1)) {
            acked.set(position);
        }
        Set<Integer> phasesDone = new HashSet<>(run.phasesDone());
        for (PhaseSpec phase : run.session().sessionPhases()) {
            if (phase.timed()) {
                if (!phasesDone.contains(phase.phase())) {
                    ParticipantOutcome stopped = finishTimedPhase(phase, plan);
                    if (stopped != null) {
                        return stopped;
                    }
                    phasesDone.add(phase.phase());
                }
                continue;
            }
            for (TrialAnswer answer : plan.answers()) {
                if (answer.phase() != phase.phase()) {
                    continue;
                }
                int position = answer.position();
                if (position == plan.dropoutAt()) {
                    return outcome(ParticipantOutcome.Status.DROPPED, null, null, null);
                }
                int sentIn = pageLoad;
                if (position == plan.reloadAt() && !reloaded) {
                    context.api().abandon("PUT", trialPath(position), trialBody(answer, sentIn), runToken);
                    Thread.sleep(jitter.nextInt(MAX_RELOAD_PAUSE_MS + 1));
                    Started again = reload(acked);
                    pageLoad = again.pageLoad();
                    if (!again.consented()) {
                        consent(runToken);
                    }
                }
                if (acked.get(position)) {
                    continue;
                }
                save(answer, runToken, sentIn);
                acked.set(position);
                if (context.trialDelayMs() > 0) {
                    Thread.sleep(pacedDelayMs());
                }
            }
        }
        return complete(runToken);
    }

    /**
     * Opens a break or distractor and marks it done once its minimum has passed on the server's clock: moved through
     * the offset file when the simulation has one, else waited for (up to the simulation's longest wait).
     *
     * @return null when done, or the NOT_WAITED outcome when the minimum is longer than the simulation waits
     */
    private ParticipantOutcome finishTimedPhase(PhaseSpec phase, SessionPlan plan) throws ApiFailure, InterruptedException {
        String path = "/api/runs/" + runId + "/phases/" + phase.phase();
        ParticipantApi.Answer opened = context.api().send(RequestKind.PHASE, "POST", path + "/open", null, runToken, jitter);
        if (opened.status() != 200) {
            throw new ApiFailure(opened.errorCode(), "POST open of phase " + phase.phase() + " of run " + runId + ": "
                    + opened.describe());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("startedAtMs", 1000.0);
        SessionPlan.DistractorScore score = plan.distractorScores().get(phase.phase());
        if (score != null) {
            body.put("problems", score.problems());
            body.put("correct", score.correct());
        }
        Instant deadline = null;
        while (true) {
            ParticipantApi.Answer done = context.api().send(RequestKind.PHASE, "POST", path + "/done", body, runToken, jitter);
            if (done.status() == 200 && done.body().path("done").asBoolean(false)) {
                context.stats().timedPhasesDone.increment();
                return null;
            }
            if (done.status() != 409 || !"too_soon".equals(done.errorCode())) {
                throw new ApiFailure(done.status() == 200 ? "bad_phase_answer" : done.errorCode(), "POST done of phase "
                        + phase.phase() + " of run " + runId + ": " + done.describe());
            }
            context.stats().tooSoon.increment();
            Instant earliest = instant(done.body(), "earliestDoneAt", "too_soon answer");
            ServerClock clock = context.serverClock();
            if (clock.movable()) {
                clock.advanceTo(earliest);
                continue;
            }
            Duration wait = clock.until(earliest).plusMillis(200);
            if (deadline == null) {
                if (wait.compareTo(context.maxWait()) > 0) {
                    return outcome(ParticipantOutcome.Status.NOT_WAITED, null, "not_waited", "phase " + phase.phase()
                            + " (" + phase.task() + ") may end at " + earliest + ", " + seconds(wait)
                            + " from now: longer than the longest wait (" + seconds(context.maxWait())
                            + "); the run stays unfinished (a test server's `clockOffsetFile` moves its clock instead)");
                }
                deadline = Instant.now().plus(context.maxWait());
            } else if (Instant.now().isAfter(deadline)) {
                throw new ApiFailure("too_soon", "phase " + phase.phase() + " of run " + runId
                        + " still answered too_soon after waiting " + seconds(context.maxWait()));
            }
            Thread.sleep(Math.max(200, Math.min(wait.toMillis(), context.maxWait().toMillis())));
        }
    }

    /** The return visit for the session the run waits for: refused early (still waiting), late (MISSED), or played. */
    private ParticipantOutcome comeBack() throws ApiFailure, InterruptedException {
        if (context.pilot()) {
            return outcome(ParticipantOutcome.Status.NOT_WAITED, null, "not_waited", "a pilot run cannot come back"
                    + " for session " + waiting.session() + ": pilot mode has no PROLIFIC_PID to return with");
        }
        boolean early = returns == Returns.EARLY && !triedEarly;
        triedEarly = true;
        session = waiting.session();
        ParticipantApi.Answer answer = start();
        if (answer.status() == 409 && "session_too_early".equals(answer.errorCode())) {
            context.stats().refusedEarly.increment();
            if (!early && ++refusedOnTime >= MAX_EARLY_REFUSALS_ON_TIME) {
                throw new ApiFailure("session_too_early", "run " + runId + ": the return for session "
                        + waiting.session() + " within its window (" + waiting.opensAt() + " to " + waiting.closesAt()
                        + ") was refused as too early " + refusedOnTime + " times: " + answer.describe());
            }
            return null;
        }
        if (answer.status() == 409 && "session_too_late".equals(answer.errorCode())) {
            context.stats().refusedLate.increment();
            if (returns != Returns.LATE) {
                throw new ApiFailure("session_too_late", "run " + runId + ": the return for session "
                        + waiting.session() + " (window " + waiting.opensAt() + " to " + waiting.closesAt()
                        + ") was refused as too late: " + answer.describe());
            }
            return outcome(ParticipantOutcome.Status.MISSED, answer.body().path("completionCode").asText(null), null,
                    null);
        }
        if (answer.status() != 200) {
            throw new ApiFailure(answer.errorCode(), "return for session " + waiting.session() + ": POST /api/runs: "
                    + answer.describe());
        }
        if (returns == Returns.LATE) {
            throw new ApiFailure("late_return_accepted", "run " + runId + ": the return for session "
                    + waiting.session() + " after its window closed (" + waiting.closesAt() + ") was let in: "
                    + answer.describe());
        }
        Started run = started(answer);
        if (!run.resumed() || !runId.equals(run.runId()) || run.session() == null
                || run.session().session() != waiting.session()) {
            throw new ApiFailure("bad_return", "return of run " + runId + " for session " + waiting.session()
                    + " expected resumed:true for the same run and that session, got runId " + run.runId()
                    + ", resumed:" + run.resumed() + ", session " + (run.session() == null ? null : run.session().session()));
        }
        runToken = run.token();
        context.stats().sessionReturns.increment();
        context.stats().runsResumed.increment();
        waiting = null;
        triedEarly = false;
        refusedOnTime = 0;
        reloaded = false;
        return playSession(run);
    }

    /** The trial interval with ±20 % jitter, so that paced participants do not drift into lock-step. */
    private long pacedDelayMs() {
        return Math.round(context.trialDelayMs() * (0.8 + 0.4 * jitter.nextDouble()));
    }

    private ParticipantApi.Answer start() throws ApiFailure, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment", context.experiment());
        if (!context.pilot()) {
            body.put("prolificPid", participantId);
            // a later session is a follow-up study on Prolific: its own STUDY_ID and SESSION_ID, the same PROLIFIC_PID
            body.put("studyId", session == 1 ? context.studyId() : SyntheticIds.followUpStudyId(context.studyId(), session));
            body.put("sessionId", SyntheticIds.sessionId(context.seed(), index, session));
            if (session > 1) {
                body.put("session", session);
            }
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
        if (answer.choiceSide() == null) {
            body.put("imageId", answer.imageId());
        }
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
        if (answer.phase() != null) {
            body.put("phase", answer.phase());
            putIfSet(body, "answer", answer.answer());
            putIfSet(body, "confidence", answer.confidence());
            putIfSet(body, "choiceSide", answer.choiceSide());
            putIfSet(body, "chosenImageId", answer.chosenImageId());
        }
        return body;
    }

    private static void putIfSet(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
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
        String state = answer.body().path("state").asText();
        if ("WAITING".equals(state) && !code.isBlank()) {
            JsonNode next = answer.body().path("nextSession");
            waiting = new Waiting(next.path("session").asInt(session + 1), instant(next, "opensAt", "WAITING answer"),
                    instant(next, "closesAt", "WAITING answer"));
            context.stats().sessionsWaiting.increment();
            return null;
        }
        if (!"COMPLETED".equals(state) || code.isBlank()) {
            throw new ApiFailure("bad_completion", "POST complete of run " + runId
                    + ": 200 without state COMPLETED (or WAITING) and a completion code: " + answer.body());
        }
        return outcome(ParticipantOutcome.Status.COMPLETED, code, null, null);
    }

    private Instant instant(JsonNode body, String field, String what) throws ApiFailure {
        try {
            return Instant.parse(body.path(field).asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiFailure("bad_" + field, "run " + runId + ": the " + what + " lacks an ISO time in " + field
                    + ": " + body);
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.0f s", duration.toMillis() / 1000.0);
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
        BitSet confirmed = new BitSet();
        for (JsonNode position : body.path("confirmed")) {
            confirmed.set(position.asInt());
        }
        Set<Integer> phasesDone = new HashSet<>();
        for (JsonNode phase : body.path("phasesDone")) {
            phasesDone.add(phase.asInt());
        }
        boolean consented = body.path("consented").asBoolean(false);
        boolean resumed = body.path("resumed").asBoolean(false);
        int loads = body.path("pageLoad").asInt(0);
        try {
            if (withPhases(body)) {
                return new Started(id, token, consented, resumed, null, sessionLayout(body), confirmed, phasesDone, loads);
            }
            List<String> imageIds = new ArrayList<>(trials.size());
            for (int i = 0; i < trials.size(); i++) {
                JsonNode trial = trials.get(i);
                if (trial.path("position").asInt(-1) != i || !trial.path("imageId").isTextual()) {
                    throw new IllegalArgumentException("trials[" + i + "] lacks position " + i + " or imageId: " + trial);
                }
                imageIds.add(trial.get("imageId").asText());
            }
            RunLayout layout = new RunLayout(body.path("displayMs").asInt(0), body.path("isiMs").asInt(0),
                    body.path("minBoxes").asInt(1), body.path("maxBoxes").asInt(1), imageIds);
            return new Started(id, token, consented, resumed, layout, null, confirmed, phasesDone, loads);
        } catch (IllegalArgumentException e) {
            throw new ApiFailure("bad_start_answer", "POST /api/runs: " + e.getMessage());
        }
    }

    /** An experiment with phases: a trial names its task, or the plan has more than the one continuous phase. */
    private static boolean withPhases(JsonNode body) {
        for (JsonNode trial : body.path("trials")) {
            if (trial.has("task")) {
                return true;
            }
        }
        for (JsonNode phase : body.path("phases")) {
            if (!"continuous".equals(phase.path("task").asText())) {
                return true;
            }
        }
        return false;
    }

    private static SessionLayout sessionLayout(JsonNode body) {
        List<PhaseSpec> phases = new ArrayList<>();
        for (JsonNode phase : body.path("phases")) {
            List<String> answers = new ArrayList<>();
            for (JsonNode choice : phase.path("encodingQuestion").path("answers")) {
                answers.add(choice.asText());
            }
            phases.add(new PhaseSpec(phase.path("phase").asInt(), phase.path("task").asText(""),
                    phase.path("session").asInt(1), intOrNull(phase, "displayMs"), answers,
                    intOrNull(phase, "confidenceLevels"), phase.path("boxes").asBoolean(false),
                    intOrNull(phase, "minDurationS")));
        }
        List<PhaseTrial> trials = new ArrayList<>();
        for (JsonNode trial : body.path("trials")) {
            String task = trial.path("task").asText("");
            boolean choice = "2afc".equals(task);
            String left = trial.path("left").path("imageId").asText(null);
            String right = trial.path("right").path("imageId").asText(null);
            String imageId = trial.path("imageId").asText(null);
            if (!trial.path("position").canConvertToInt() || !trial.path("phase").canConvertToInt()
                    || (choice ? left == null || right == null : imageId == null)) {
                throw new IllegalArgumentException("trial entry lacks position, phase, or its image(s): " + trial);
            }
            trials.add(new PhaseTrial(trial.path("position").asInt(), trial.path("phase").asInt(), task,
                    choice ? null : imageId, left, right));
        }
        return new SessionLayout(body.path("displayMs").asInt(0), body.path("isiMs").asInt(0),
                body.path("minBoxes").asInt(1), body.path("maxBoxes").asInt(1), body.path("session").asInt(1), phases,
                trials);
    }

    private static Integer intOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToInt() && value.isNumber() ? value.asInt() : null;
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
