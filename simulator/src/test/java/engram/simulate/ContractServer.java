package engram.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The participant API (docs/participant-api.md) in memory, with injected faults: connections dropped before or after
 * the commit, 503s before or after the commit, answers delayed after the commit, and whole outages.
 */
final class ContractServer implements AutoCloseable {

    /** Fault probabilities per API request; delays apply after the commit. */
    record Faults(double dropBefore, double dropAfterCommit, double error503, double error503AfterCommit,
                  double delay, long delayMs) {
        static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0);
    }

    record Experiment(String slug, List<String> imageIds, int displayMs, int isiMs, int minBoxes, int maxBoxes,
                      boolean pilot, boolean open) {
    }

    /** One run; its stored answers survive outages, like a database. */
    static final class Run {
        final String id = UUID.randomUUID().toString();
        final String token = UUID.randomUUID().toString().replace("-", "");
        final Experiment experiment;
        final String pid;
        final String studyId;
        final String sessionId;
        final Map<Integer, JsonNode> stored = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> firstStores = new ConcurrentHashMap<>();
        volatile boolean consented;
        volatile String state = "STARTED";
        volatile String completionCode;

        Run(Experiment experiment, String pid, String studyId, String sessionId) {
            this.experiment = experiment;
            this.pid = pid;
            this.studyId = studyId;
            this.sessionId = sessionId;
        }
    }

    static {
        // without it the JDK server's separate header and body writes meet delayed ACKs: about 40 ms per answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern TRIAL = Pattern.compile("/api/runs/([^/]+)/trials/(-?\\d+)");
    private static final Pattern RUN_ACTION = Pattern.compile("/api/runs/([^/]+)/(consent|complete)");
    private static final Pattern PROLIFIC = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();
    final Map<String, Run> runsById = new ConcurrentHashMap<>();
    private final Map<String, Run> runsByKey = new ConcurrentHashMap<>();
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "contract-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Random faultRandom;
    final AtomicInteger injectedFaults = new AtomicInteger();
    final AtomicInteger putRequests = new AtomicInteger();
    private volatile Faults faults = Faults.NONE;
    /** Server bugs to show that the simulator notices them: a resume that starts a new run, a resume that forgets. */
    volatile boolean resumeStartsNewRun;
    volatile boolean resumeForgetsConfirmed;
    private HttpServer server;
    private final int port;

    ContractServer(long faultSeed) throws IOException {
        this.faultRandom = new Random(faultSeed);
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    void addExperiment(Experiment experiment) {
        experiments.put(experiment.slug(), experiment);
    }

    void faults(Faults faults) {
        this.faults = faults;
    }

    /** Stops listening (connections are refused) for {@code millis}, then listens again on the same port. */
    synchronized void outage(long millis) throws IOException, InterruptedException {
        outage(millis, () -> { });
    }

    private synchronized void outage(long millis, Runnable stopped) throws IOException, InterruptedException {
        server.stop(0);
        stopped.run();
        Thread.sleep(millis);
        server = bind(port);
    }

    /** The trial save that starts an outage: it waits until the server has stopped listening. */
    private record OutageTrigger(int put, CountDownLatch reached, CountDownLatch stopped) {
    }

    private volatile OutageTrigger outageTrigger;

    /**
     * An outage of {@code millis} that starts when the {@code put}-th trial save arrives. That save is held until the
     * server has stopped listening, so its participant meets the outage however slow the machine is (a thread that
     * polled a counter could wake after the simulation had already finished).
     *
     * @return the outage, done once the server listens again
     */
    FutureTask<Void> outageAtPut(int put, long millis) {
        OutageTrigger trigger = new OutageTrigger(put, new CountDownLatch(1), new CountDownLatch(1));
        outageTrigger = trigger;
        FutureTask<Void> outage = new FutureTask<>(() -> {
            trigger.reached().await();
            outage(millis, trigger.stopped()::countDown);
            return null;
        });
        Thread thread = new Thread(outage, "contract-server-outage");
        thread.setDaemon(true);
        thread.start();
        return outage;
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private HttpServer bind(int onPort) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
        created.setExecutor(handlers);
        created.createContext("/", this::handle);
        created.start();
        return created;
    }

    private synchronized double draw() {
        return faultRandom.nextDouble();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Faults now = faults;
            if (draw() < now.dropBefore()) {
                injectedFaults.incrementAndGet();
                return; // closing without an answer drops the connection
            }
            if (draw() < now.error503()) {
                injectedFaults.incrementAndGet();
                send(exchange, 503, error("unavailable", "injected"));
                return;
            }
            Reply reply = dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                    exchange.getRequestHeaders().getFirst("X-Run-Token"));
            if (draw() < now.dropAfterCommit()) {
                injectedFaults.incrementAndGet();
                return;
            }
            if (draw() < now.error503AfterCommit()) {
                injectedFaults.incrementAndGet();
                send(exchange, 503, error("unavailable", "injected after commit"));
                return;
            }
            if (draw() < now.delay()) {
                injectedFaults.incrementAndGet();
                try {
                    Thread.sleep(now.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            send(exchange, reply.status(), reply.body());
        } catch (IOException e) {
            // the client went away (timeout or outage): nothing to answer
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply dispatch(String method, String path, byte[] bytes, String token) {
        JsonNode body;
        try {
            body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (IOException e) {
            return new Reply(400, error("bad_json", e.getMessage()));
        }
        if (method.equals("POST") && path.equals("/api/runs")) {
            return start(body);
        }
        Matcher trial = TRIAL.matcher(path);
        if (method.equals("PUT") && trial.matches()) {
            int put = putRequests.incrementAndGet();
            OutageTrigger trigger = outageTrigger;
            if (trigger != null && put == trigger.put()) {
                trigger.reached().countDown();
                try {
                    trigger.stopped().await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return withRun(trial.group(1), token, run -> saveTrial(run, Integer.parseInt(trial.group(2)), body));
        }
        Matcher action = RUN_ACTION.matcher(path);
        if (method.equals("POST") && action.matches()) {
            return withRun(action.group(1), token, run -> action.group(2).equals("consent")
                    ? consent(run, body) : complete(run));
        }
        return new Reply(404, error("not_found", method + " " + path));
    }

    private interface RunAction {
        Reply apply(Run run);
    }

    private Reply withRun(String runId, String token, RunAction action) {
        Run run = runsById.get(runId);
        if (run == null) {
            return new Reply(404, error("unknown_run", runId));
        }
        if (!run.token.equals(token)) {
            return new Reply(401, error("bad_token", "wrong token"));
        }
        synchronized (run) {
            return action.apply(run);
        }
    }

    private synchronized Reply start(JsonNode body) {
        Experiment experiment = experiments.get(body.path("experiment").asText());
        if (experiment == null) {
            return new Reply(404, error("unknown_experiment", body.path("experiment").asText()));
        }
        if (!experiment.open()) {
            return new Reply(409, error("experiment_closed", experiment.slug()));
        }
        String[] ids = new String[3];
        String[] names = {"prolificPid", "studyId", "sessionId"};
        for (int i = 0; i < 3; i++) {
            JsonNode value = body.path(names[i]);
            if (value.isMissingNode() && experiment.pilot()) {
                ids[i] = "pilot" + UUID.randomUUID().toString().replace("-", "");
            } else if (!value.isTextual() || !PROLIFIC.matcher(value.asText()).matches()) {
                return new Reply(400, error("bad_prolific_params", names[i]));
            } else {
                ids[i] = value.asText();
            }
        }
        String key = experiment.slug() + "|" + ids[1] + "|" + ids[0];
        if (completed.contains(experiment.slug() + "|" + ids[0])) {
            return new Reply(409, error("already_completed", ids[0]));
        }
        Run existing = runsByKey.get(key);
        if (existing != null && existing.state.equals("STARTED") && !resumeStartsNewRun) {
            ObjectNode resumed = runJson(existing, true);
            if (resumeForgetsConfirmed) {
                resumed.putArray("confirmed");
            }
            return new Reply(200, resumed);
        }
        Run run = new Run(experiment, ids[0], ids[1], ids[2]);
        runsById.put(run.id, run);
        runsByKey.put(key, run);
        return new Reply(201, runJson(run, false));
    }

    private ObjectNode runJson(Run run, boolean resumed) {
        Experiment experiment = run.experiment;
        ObjectNode node = json.createObjectNode();
        node.put("runId", run.id).put("token", run.token).put("state", run.state).put("consented", run.consented)
                .put("resumed", resumed).put("sequenceId", 1).put("displayMs", experiment.displayMs())
                .put("isiMs", experiment.isiMs()).put("minBoxes", experiment.minBoxes())
                .put("maxBoxes", experiment.maxBoxes());
        node.putObject("texts").put("consentHtml", "<p>ok?</p>").put("instructionsHtml", "").put("debriefHtml", "");
        node.putArray("practice");
        ArrayNode trials = node.putArray("trials");
        for (int i = 0; i < experiment.imageIds().size(); i++) {
            trials.addObject().put("position", i).put("imageId", experiment.imageIds().get(i))
                    .put("url", "/img/" + i + ".png");
        }
        ArrayNode confirmed = node.putArray("confirmed");
        new TreeMap<>(run.stored).keySet().forEach(confirmed::add);
        return node;
    }

    private Reply consent(Run run, JsonNode body) {
        if (!run.state.equals("STARTED")) {
            return new Reply(409, error("run_not_active", run.state));
        }
        if (!body.path("consent").isBoolean()) {
            return new Reply(400, error("bad_consent", "consent"));
        }
        if (!body.get("consent").asBoolean()) {
            run.state = "NO_CONSENT";
            return new Reply(200, json.createObjectNode().put("state", "NO_CONSENT").put("completionCode", "NOCON"));
        }
        run.consented = true;
        return new Reply(200, json.createObjectNode().put("state", "STARTED"));
    }

    private Reply saveTrial(Run run, int position, JsonNode body) {
        Experiment experiment = run.experiment;
        if (position < 0 || position >= experiment.imageIds().size()) {
            return new Reply(400, error("position_out_of_range", String.valueOf(position)));
        }
        if (!run.state.equals("STARTED") || !run.consented) {
            return new Reply(409, error("run_not_active", run.state));
        }
        if (!experiment.imageIds().get(position).equals(body.path("imageId").asText())) {
            return new Reply(400, error("image_mismatch", body.path("imageId").asText()));
        }
        String problem = trialProblem(experiment, body);
        if (problem != null) {
            return new Reply(400,
                    error(problem.startsWith("box") ? "bad_box" : "bad_trial", problem));
        }
        JsonNode earlier = run.stored.putIfAbsent(position, body);
        if (earlier == null) {
            run.firstStores.computeIfAbsent(position, p -> new AtomicInteger()).incrementAndGet();
            return new Reply(200, json.createObjectNode().put("position", position).put("stored", true));
        }
        if (!earlier.equals(body)) {
            return new Reply(409, error("conflicting_answer", String.valueOf(position)));
        }
        return new Reply(200, json.createObjectNode().put("position", position).put("stored", false));
    }

    private static String trialProblem(Experiment experiment, JsonNode body) {
        if (!body.path("responded").isBoolean()) {
            return "responded";
        }
        boolean responded = body.get("responded").asBoolean();
        if (responded != body.path("rtMs").isNumber() || (!responded && !body.path("rtMs").isNull())) {
            return "rtMs";
        }
        for (String field : List.of("onsetMs", "offsetMs", "durationMs", "devicePixelRatio")) {
            if (!body.path(field).isNumber()) {
                return field;
            }
        }
        for (String field : List.of("droppedFrames", "visibilityChanges", "fullscreenExits", "displayedWidth",
                "displayedHeight")) {
            if (!body.path(field).isInt()) {
                return field;
            }
        }
        JsonNode boxes = body.path("boxes");
        if (!boxes.isArray()) {
            return "boxes";
        }
        if (responded ? boxes.size() < experiment.minBoxes() || boxes.size() > experiment.maxBoxes()
                : boxes.size() != 0) {
            return "box count " + boxes.size();
        }
        for (JsonNode box : boxes) {
            double x = box.path("x").asDouble(-1);
            double y = box.path("y").asDouble(-1);
            double w = box.path("width").asDouble(-1);
            double h = box.path("height").asDouble(-1);
            if (box.size() != 4 || !(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 1 && y + h <= 1)) {
                return "box " + box;
            }
        }
        return null;
    }

    private Reply complete(Run run) {
        if (run.state.equals("COMPLETED")) {
            return new Reply(200, completedJson(run));
        }
        if (!run.state.equals("STARTED")) {
            return new Reply(409, error("run_not_active", run.state));
        }
        ArrayNode missing = json.createArrayNode();
        for (int i = 0; i < run.experiment.imageIds().size(); i++) {
            if (!run.stored.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            ObjectNode node = error("incomplete", missing.size() + " trials missing");
            node.set("missing", missing);
            return new Reply(409, node);
        }
        run.state = "COMPLETED";
        run.completionCode = "C" + run.id.substring(0, 8).toUpperCase();
        completed.add(run.experiment.slug() + "|" + run.pid);
        return new Reply(200, completedJson(run));
    }

    private ObjectNode completedJson(Run run) {
        return json.createObjectNode().put("state", "COMPLETED").put("completionCode", run.completionCode)
                .put("redirectUrl", "https://app.prolific.com/submissions/complete?cc=" + run.completionCode);
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", code).put("message", message);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
