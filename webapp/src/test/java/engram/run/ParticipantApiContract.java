package engram.run;

import static engram.testing.PilotRuns.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

import engram.run.boundary.RunAnswers;
import engram.simulate.AckRecord;
import engram.simulate.ParticipantOutcome;
import engram.simulate.Simulation;
import engram.simulate.SimulationReport;
import engram.testing.Chromium;
import engram.testing.Deployments;
import engram.testing.Http;
import engram.testing.PhasePageSteps;
import engram.testing.Screenshots;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The participant API and the export over real HTTP on Payara Micro; the concrete classes choose the database. */
abstract class ParticipantApiContract {

    @ArquillianResource
    URL deployment;

    URI base() {
        try {
            return deployment.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Http http() {
        return new Http(base());
    }

    /** A JDBC connection to the deployment's database, for setting up what the HTTP API cannot. */
    abstract Connection database() throws SQLException;

    /** The file the deployment's {@code engram.test.clock-offset-file} names: seconds added to the server's clock. */
    abstract java.nio.file.Path clockFile();

    /**
     * A simulation against this server that gives up a request after 2 minutes of retries (the simulator's default is
     * 10), so that a broken WAR fails the test quickly instead of holding the IT lock.
     */
    Simulation simulation() {
        return Simulation.against(base()).retryBudget(java.time.Duration.ofMinutes(2));
    }

    record StartedRun(String runId, String token, List<JsonObject> trials) {
    }

    StartedRun start(String pid) {
        Http.Reply reply = http().post("api/runs", Json.createObjectBuilder().add("experiment", "demo").add("prolificPid", pid)
                .add("studyId", "IT").add("sessionId", "S1").build(), null);
        assertEquals(201, reply.status(), reply.body());
        JsonObject run = reply.json();
        return new StartedRun(run.getString("runId"), run.getString("token"), run.getJsonArray("trials").getValuesAs(JsonObject.class));
    }

    @Test
    void healthReportsTheEngramCheckUp() {
        Http.Reply health = http().get("health");
        assertEquals(200, health.status(), health.body());
        assertTrue(health.body().contains("\"engram-database\""), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());
    }

    @Test
    void aWholeRunIsStoredExactlyOnceAndExportedInTheDocumentedColumns() throws IOException {
        StartedRun run = start("ITWHOLE");
        String runPath = "api/runs/" + run.runId();
        assertEquals(200, http().post(runPath + "/consent", Json.createObjectBuilder().add("consent", true).build(), run.token()).status());
        Set<String> seen = new HashSet<>();
        int responses = 0;
        for (JsonObject t : run.trials()) {
            boolean repeat = !seen.add(t.getString("imageId"));
            responses += repeat ? 1 : 0;
            JsonObject body = trial(t.getString("imageId"), repeat);
            String path = runPath + "/trials/" + t.getInt("position");
            Http.Reply first = http().put(path, body, run.token());
            assertEquals(200, first.status(), first.body());
            assertTrue(first.json().getBoolean("stored"));
            Http.Reply retry = http().put(path, body, run.token());
            assertEquals(200, retry.status(), retry.body());
            assertFalse(retry.json().getBoolean("stored"), "a retry is acknowledged but not stored twice");
        }
        Http.Reply complete = http().post(runPath + "/complete", null, run.token());
        assertEquals(200, complete.status(), complete.body());
        String code = complete.json().getString("completionCode");
        assertEquals("https://app.prolific.com/submissions/complete?cc=" + code, complete.json().getString("redirectUrl"));

        Map<String, String> files = export();
        List<String[]> responsesCsv = csv(files.get("responses.csv"));
        assertEquals(List.of("participant_id", "sequence_id", "trial_index", "image_id", "presentation", "kind", "lag", "responded",
                "rt_ms", "onset_ms", "duration_ms", "run_id", "offset_ms", "dropped_frames", "visibility_changes", "fullscreen_exits",
                "displayed_width", "displayed_height", "device_pixel_ratio", "saved_at", "page_load", "interrupted", "extra_showings"),
                List.of(responsesCsv.get(0)));
        List<String[]> mine = responsesCsv.stream().filter(r -> r[0].equals("ITWHOLE")).toList();
        assertEquals(run.trials().size(), mine.size(), "every trial exactly once");
        assertEquals(run.trials().size(), mine.stream().map(r -> r[2]).distinct().count());
        String[] firstRepeat = mine.stream().filter(r -> r[4].equals("2")).findFirst().orElseThrow();
        assertEquals("1", firstRepeat[7]);
        assertEquals("612.5", firstRepeat[8]);
        assertFalse(firstRepeat[6].isEmpty(), "a repeat has its lag");

        List<String[]> boxes = csv(files.get("boxes.csv"));
        assertEquals(List.of("participant_id", "trial_index", "image_id", "box_index", "x", "y", "width", "height", "run_id",
                "displayed_width", "displayed_height", "device_pixel_ratio"), List.of(boxes.get(0)));
        List<String[]> myBoxes = boxes.stream().filter(r -> r[0].equals("ITWHOLE")).toList();
        assertEquals(responses, myBoxes.size());
        assertEquals(List.of("0.125", "0.25", "0.5", "0.375"), List.of(myBoxes.get(0)).subList(4, 8));

        assertEquals(List.of("sequence_id", "trial_index", "image_id", "presentation", "kind"), List.of(csv(files.get("sequences.csv")).get(0)));
        assertEquals(List.of("image_id", "file", "pair_id", "condition", "category", "predicted_memorability", "seed",
                "lure_type"), List.of(csv(files.get("manifest.csv")).get(0)));
        String[] participant = csv(files.get("participants.csv")).stream().filter(r -> r[0].equals("ITWHOLE")).findFirst().orElseThrow();
        assertEquals("COMPLETED", participant[5]);
        assertEquals(code, participant[12]);
        jakarta.json.JsonObject settings = Json.createReader(new java.io.StringReader(files.get("experiment.json"))).readObject();
        assertEquals("demo", settings.getString("slug"));
        assertEquals(code, settings.getJsonObject("completionCodes").getString("completed"), "experiment.json keeps the codes");
        assertEquals(0, settings.getInt("targetPerSequence"));
        assertFalse(settings.getBoolean("prolificWebhooks"));
        assertFalse(settings.getJsonObject("texts").getString("consent").isBlank(), "experiment.json keeps the consent text");
        assertTrue(files.keySet().stream().anyMatch(name -> name.startsWith("images/") && name.endsWith(".png")));
    }

    @Test
    void everyBadRequestGetsAClearStatusAndStoresNothing() throws IOException {
        Http http = http();
        assertEquals("bad_prolific_params", http.post("api/runs", Json.createObjectBuilder().add("experiment", "demo")
                .add("prolificPid", "{{%PROLIFIC_PID%}}").add("studyId", "IT").add("sessionId", "S").build(), null).error());
        assertEquals(400, http.post("api/runs", Json.createObjectBuilder().add("experiment", "demo").build(), null).status());
        Http.Reply noSlug = http.post("api/runs", Json.createObjectBuilder().build(), null);
        assertEquals(400, noSlug.status());
        assertEquals("bad_request", noSlug.error());
        assertTrue(noSlug.json().getString("message").contains("'experiment'"), noSlug.body());
        Http.Reply unknown = http.post("api/runs", Json.createObjectBuilder().add("experiment", "nope").add("prolificPid", "P")
                .add("studyId", "IT").add("sessionId", "S").build(), null);
        assertEquals(404, unknown.status());
        assertEquals("unknown_experiment", unknown.error());

        StartedRun run = start("ITBAD");
        String trials = "api/runs/" + run.runId() + "/trials/";
        JsonObject first = run.trials().get(0);
        JsonObject good = trial(first.getString("imageId"), false);
        Map<String, Http.Reply> refusals = new LinkedHashMap<>();
        refusals.put("401 bad_token (missing)", http.put(trials + "0", good, null));
        refusals.put("401 bad_token (wrong)", http.put(trials + "0", good, "not-the-token"));
        refusals.put("400 position_out_of_range", http.put(trials + run.trials().size(), good, run.token()));
        refusals.put("400 image_mismatch", http.put(trials + "1", good, run.token()));
        refusals.put("400 bad_box (outside)", http.put(trials + "0", withBox(first, 0.9, 0.1, 0.2, 0.2), run.token()));
        refusals.put("400 bad_box (zero area)", http.put(trials + "0", withBox(first, 0.1, 0.1, 0.0, 0.2), run.token()));
        refusals.put("400 bad_trial (missing field)", http.put(trials + "0", Json.createObjectBuilder().add("imageId", first.getString("imageId")).build(), run.token()));
        refusals.put("400 bad_box (missing coordinate)", http.put(trials + "0", Json.createObjectBuilder(trial(first.getString("imageId"), true))
                .add("boxes", Json.createArrayBuilder().add(Json.createObjectBuilder().add("x", 0.1).add("y", 0.1).add("width", 0.2))).build(), run.token()));
        refusals.put("400 bad_consent (consent without its field)", http.post("api/runs/" + run.runId() + "/consent", Json.createObjectBuilder().build(), run.token()));
        refusals.put("400 bad_json", http.putRaw(trials + "0", "{not json", run.token()));
        refusals.put("413 body_too_large", http.putRaw(trials + "0", "{\"imageId\":\"" + "x".repeat(70_000) + "\"}", run.token()));
        refusals.put("404 unknown_run", http.put("api/runs/no-such-run/trials/0", good, run.token()));
        for (var refusal : refusals.entrySet()) {
            String[] expected = refusal.getKey().split(" ");
            assertEquals(Integer.parseInt(expected[0]), refusal.getValue().status(), refusal.getKey() + ": " + refusal.getValue().body());
            assertEquals(expected[1], refusal.getValue().error(), refusal.getKey());
            assertFalse(refusal.getValue().json().getString("message").isBlank(), refusal.getKey());
        }
        assertEquals(200, http.put(trials + "0", good, run.token()).status());
        Http.Reply conflict = http.put(trials + "0", withBox(first, 0.1, 0.1, 0.2, 0.2), run.token());
        assertEquals(409, conflict.status());
        assertEquals("conflicting_answer", conflict.error());
        assertBody(RunAnswers.Refused.class, conflict);
        Http.Reply incomplete = http.post("api/runs/" + run.runId() + "/complete", null, run.token());
        assertEquals(409, incomplete.status());
        assertEquals(run.trials().size() - 1, incomplete.json().getJsonArray("missing").size());
        assertBody(RunAnswers.Incomplete.class, incomplete);

        long stored = csv(export().get("responses.csv")).stream().filter(r -> r[0].equals("ITBAD")).count();
        assertEquals(1, stored, "only the one good trial was stored");
    }

    @Test
    void looselyTypedJsonIsRefusedNamingTheFieldAndStoresNothing() {
        Http http = http();
        StartedRun run = start("ITSTRICT");
        String runPath = "api/runs/" + run.runId();
        Http.Reply consent = http.send(HttpRequest.newBuilder(base().resolve(runPath + "/consent")).header("Content-Type", "application/json")
                .header("X-Run-Token", run.token()).POST(HttpRequest.BodyPublishers.ofString("{\"consent\":\"TRUE\"}")));
        assertEquals(400, consent.status(), consent.body());
        assertEquals("bad_consent", consent.error());
        assertTrue(consent.json().getString("message").contains("'consent'"), consent.body());

        JsonObject first = run.trials().get(0);
        String good = trial(first.getString("imageId"), false).toString();
        Map<String, String> loose = new LinkedHashMap<>();
        loose.put("responded", good.replace("\"responded\":false", "\"responded\":\"yes\""));
        loose.put("droppedFrames", good.replace("\"droppedFrames\":0", "\"droppedFrames\":4294967301"));
        loose.put("onsetMs", good.replace("\"onsetMs\":1000.5", "\"onsetMs\":\"12\""));
        for (var body : loose.entrySet()) {
            assertFalse(body.getValue().equals(good), body.getKey());
            Http.Reply refused = http.putRaw(runPath + "/trials/0", body.getValue(), run.token());
            assertEquals(400, refused.status(), body.getKey() + ": " + refused.body());
            assertEquals("bad_trial", refused.error(), body.getKey());
            assertTrue(refused.json().getString("message").contains("'" + body.getKey() + "'"), refused.body());
        }
        Http.Reply stored = http.putRaw(runPath + "/trials/0", good.replace("\"onsetMs\":1000.5", "\"onsetMs\":0"), run.token());
        assertEquals(200, stored.status(), stored.body());
        assertTrue(stored.json().getBoolean("stored"), "nothing was stored by the refused bodies");
        Http.Reply retry = http.putRaw(runPath + "/trials/0", good.replace("\"onsetMs\":1000.5", "\"onsetMs\":-0.0"), run.token());
        assertEquals(200, retry.status(), "a retry that differs only by -0.0 is the same answer: " + retry.body());
        assertFalse(retry.json().getBoolean("stored"));
        Http.Reply consented = http.post(runPath + "/consent", Json.createObjectBuilder().add("consent", true).build(), run.token());
        assertEquals("STARTED", consented.json().getString("state"), "the refused 'TRUE' did not count as consent either way");
    }

    private static JsonObject withBox(JsonObject trialAt, double x, double y, double w, double h) {
        JsonObjectBuilder body = Json.createObjectBuilder(trial(trialAt.getString("imageId"), true));
        body.add("boxes", Json.createArrayBuilder().add(Json.createObjectBuilder().add("x", x).add("y", y).add("width", w).add("height", h)));
        return body.build();
    }

    @Test
    void theExportNeedsAnAccount() {
        assertEquals(401, http().get("api/experiments/demo/export").status());
        assertEquals(401, http().get("api/experiments/demo/export", "admin", "wrong").status());
        assertEquals(404, http().get("api/experiments/nope/export", "admin", Deployments.ADMIN_PASSWORD).status());
        assertEquals(200, http().get("api/experiments", "admin", Deployments.ADMIN_PASSWORD).status());
    }

    @Test
    void theParticipantPageAndImagesAreServed() {
        Http.Reply page = http().get("run/demo?PROLIFIC_PID=A&STUDY_ID=B&SESSION_ID=C");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script type=\"module\""), page.body());
        assertEquals(404, http().get("run/not.a.slug").status());
        StartedRun run = start("ITIMG");
        String url = run.trials().get(0).getString("url");
        Http.Reply image = http().get(url.substring(1));
        assertEquals(200, image.status());
        assertEquals("image/png", image.raw().headers().firstValue("Content-Type").orElse(""));
        assertTrue(image.raw().headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        String etag = image.raw().headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http().send(HttpRequest.newBuilder(base().resolve(url.substring(1))).header("If-None-Match", etag)).status());
        assertEquals(404, http().get("img/" + "0".repeat(64) + ".png").status());
    }

    @Test
    void simulatedParticipantsWithDropOutsAndReloadsLoseAndDuplicateNothing() throws Exception {
        SimulationReport report = simulation().experiment("demo").participants(24).concurrency(6).seed(4242)
                .dropout(0.15).reload(0.3).falseAlarmRate(0.05).run();
        assertEquals(0, report.runsFailed(), report.summary());
        assertTrue(report.runsResumed() > 0, "some participants reloaded: " + report.summary());
        Map<String, String> files = export();
        Map<String, String> runIdByParticipant = new HashMap<>();
        Set<String> exported = new HashSet<>();
        for (String[] row : csv(files.get("responses.csv")).subList(1, csv(files.get("responses.csv")).size())) {
            assertTrue(exported.add(row[11] + "#" + row[2]), "duplicate row for run " + row[11] + " position " + row[2]);
            runIdByParticipant.put(row[0], row[11]);
        }
        List<String> missing = new ArrayList<>();
        for (AckRecord ack : report.acknowledgedTrials()) {
            if (!exported.contains(ack.runId() + "#" + ack.position())) {
                missing.add(ack.runId() + "#" + ack.position());
            }
        }
        assertEquals(List.of(), missing, "every acknowledged trial is in the export");
    }

    /**
     * The simulator's normal protocol on the real server (moved here from the simulator's fake server, issue 11): a
     * client error is not retried and fails the participant with the server's code; a second simulation with the same
     * seed meets already_completed; pilot mode leaves the Prolific parameters to the server.
     */
    @Test
    void theSimulatorStopsAtClientErrorsMeetsAlreadyCompletedAndRunsPilots() throws Exception {
        SimulationReport unknown = simulation().experiment("no-such-study").participants(3).concurrency(2).seed(1).run();
        assertEquals(Map.of("unknown_experiment", 3L), unknown.failures(), unknown.summary());
        assertEquals(0, unknown.retries(), "a 4xx with engram's code is not retried");
        assertFalse(unknown.allNonDroppedCompleted());

        SimulationReport first = simulation().experiment("demo").participants(2).concurrency(2).seed(4343).run();
        assertEquals(2, first.runsCompleted(), first.summary());
        SimulationReport again = simulation().experiment("demo").participants(2).concurrency(2).seed(4343).run();
        assertEquals(Map.of("already_completed", 2L), again.failures(), again.summary());

        String slug = "pilotsim-" + Long.toString(System.nanoTime(), 36);
        copyDemoAs(slug, 0);
        try (Connection db = database(); PreparedStatement q = db.prepareStatement("UPDATE experiment SET status = 'PILOT' WHERE slug = ?")) {
            q.setString(1, slug);
            assertEquals(1, q.executeUpdate());
        }
        SimulationReport pilots = simulation().experiment(slug).pilot(true).participants(2).concurrency(2).seed(5).run();
        assertEquals(2, pilots.runsCompleted(), pilots.summary() + pilots.outcomes());
        assertEquals(List.of("pilot-0", "pilot-1"), pilots.outcomes().stream().map(ParticipantOutcome::participantId).toList());
    }

    @Test
    void aFullStudyRefusesNewArrivalsWith409ButLetsItsParticipantsResume() throws SQLException {
        String slug = "capped-" + Long.toString(System.nanoTime(), 36);
        copyDemoAs(slug, 1);
        List<String> runIds = new ArrayList<>();
        for (String pid : List.of("CAP1", "CAP2")) {
            Http.Reply started = startIn(slug, pid);
            assertEquals(201, started.status(), started.body());
            runIds.add(started.json().getString("runId"));
        }
        Http.Reply full = startIn(slug, "CAP3");
        assertEquals(409, full.status(), full.body());
        assertEquals("experiment_full", full.error());
        assertTrue(full.json().getString("message").contains("return the study on Prolific"), full.body());
        assertBody(RunAnswers.StudyFull.class, full);
        Http.Reply resumed = startIn(slug, "CAP1");
        assertEquals(200, resumed.status(), "a participant of a full study resumes: " + resumed.body());
        assertEquals(runIds.get(0), resumed.json().getString("runId"));
        assertTrue(resumed.json().getBoolean("resumed"));
        try (Connection db = database(); PreparedStatement q = db.prepareStatement(
                "SELECT COUNT(*) FROM run r JOIN experiment e ON e.id = r.experiment_id WHERE e.slug = ?")) {
            q.setString(1, slug);
            try (var rs = q.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getLong(1), "the refused arrival stored no run");
            }
        }
    }

    /**
     * Issue 10: with a target per sequence, careless participants (failed attention checks) and drop-outs do not use up
     * places, so every sequence ends with the same number of usable runs; the monitor shows that number; the export's
     * analysis leaves out the unfinished runs and applies the experiment's own attention rule.
     */
    @Test
    void failedAttentionRunsFreeTheirPlacesSoEverySequenceEndsWithTheSameUsableRuns() throws Exception {
        String slug = "usable-" + Long.toString(System.nanoTime(), 36);
        copyDemoAs(slug, 4);
        try (Connection db = database(); PreparedStatement q = db.prepareStatement(
                "UPDATE experiment SET min_vigilance_hit_rate = 0.5, max_false_alarm_rate = 0.3 WHERE slug = ?")) {
            q.setString(1, slug);
            assertEquals(1, q.executeUpdate());
        }
        List<ParticipantOutcome> outcomes = new ArrayList<>();
        // Careless participants press on most first showings (false-alarm rate 0.8 >= 0.3): they complete and fail.
        outcomes.addAll(simulation().experiment(slug).participants(4).concurrency(4).seed(101)
                .hitRate(0.9).falseAlarmRate(0.8).run().outcomes());
        outcomes.addAll(simulation().experiment(slug).participants(5).concurrency(3).seed(102)
                .hitRate(0.97).falseAlarmRate(0.02).run().outcomes());
        SimulationReport leavers = simulation().experiment(slug).participants(4).concurrency(4).seed(103)
                .hitRate(0.9).falseAlarmRate(0.8).dropout(0.5).run();
        outcomes.addAll(leavers.outcomes());
        // The drop-outs' reservations run out (as they would after the reservation time).
        try (Connection db = database(); PreparedStatement q = db.prepareStatement("UPDATE run SET reserved_until = ? WHERE state = 'STARTED'"
                + " AND experiment_id = (SELECT id FROM experiment WHERE slug = ?)")) {
            q.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1));
            q.setString(2, slug);
            q.executeUpdate();
        }
        // Then attentive participants keep arriving, one at a time, until the study is full.
        List<ParticipantOutcome> last = simulation().experiment(slug).participants(12).concurrency(1).seed(104)
                .hitRate(0.97).falseAlarmRate(0.02).run().outcomes();
        outcomes.addAll(last);
        assertEquals("experiment_full", last.get(last.size() - 1).failureCode(), "the last arrival finds the study full");
        assertTrue(leavers.runsDropped() > 0, "some participants left: " + leavers.summary());

        Map<Integer, long[]> bySequence = new java.util.TreeMap<>();
        try (Connection db = database(); PreparedStatement q = db.prepareStatement("SELECT r.sequence_id,"
                + " SUM(CASE WHEN r.state = 'COMPLETED' AND r.attention_passed = TRUE THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN r.state = 'COMPLETED' AND r.attention_passed = FALSE THEN 1 ELSE 0 END)"
                + " FROM run r JOIN experiment e ON e.id = r.experiment_id WHERE e.slug = ? GROUP BY r.sequence_id")) {
            q.setString(1, slug);
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    bySequence.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        long failed = bySequence.values().stream().mapToLong(v -> v[1]).sum();
        assertTrue(failed >= 4, "careless runs failed the attention check: " + failed);
        assertEquals(List.of(1, 2), List.copyOf(bySequence.keySet()));
        assertEquals(4L, bySequence.get(1)[0], "usable runs on sequence 1 (" + failed + " failed runs in all)");
        assertEquals(4L, bySequence.get(2)[0], "usable runs on sequence 2 (" + failed + " failed runs in all)");

        // The monitor's bar and notice show the same count as the full check.
        try (Chromium chromium = Chromium.launch(); var context = chromium.browser().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))) {
            com.microsoft.playwright.Page page = context.newPage();
            page.navigate(base().resolve("admin/login.xhtml").toString());
            page.locator("[id='login:username']").fill("admin");
            page.locator("[id='login:password']").fill(Deployments.ADMIN_PASSWORD);
            page.locator("[id='login:submit']").click();
            page.waitForURL("**/admin/index.xhtml");
            page.navigate(base().resolve("admin/monitor.xhtml?slug=" + slug).toString());
            assertEquals(List.of("4 / 4", "4 / 4"), page.locator("[data-testid=counted]").allTextContents().stream().map(String::trim).toList());
            String notice = page.locator("#study-full").textContent();
            assertTrue(notice.contains("completed runs that passed the attention checks, plus reservations that still hold"), notice);
            Screenshots.fromSystemProperty().page(page, "monitor-usable-runs");
        }

        // The export, analysed: unfinished runs left out, the experiment's own attention rule applied.
        Http.Reply reply = http().get("api/experiments/" + slug + "/export", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, reply.status(), reply.body());
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory("engram-usable-");
        java.nio.file.Path zip = work.resolve("export.zip");
        java.nio.file.Files.write(zip, reply.raw().body());
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int exit = engram.analysis.cli.AnalyseMain.run(new String[] {"--export", zip.toString(), "--out", work.resolve("out").toString(),
            "--splits", "10", "--threads", "1"}, new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, log.toString(StandardCharsets.UTF_8));
        Set<String> unfinished = new HashSet<>();
        Set<String> failedPids = new HashSet<>();
        int completed = 0;
        for (Map<String, String> run : rows(unzip(reply.raw().body(), "participants.csv"))) {
            completed += run.get("state").equals("COMPLETED") ? 1 : 0;
            if (!run.get("state").equals("COMPLETED")) {
                unfinished.add(run.get("run_id"));
            } else if (run.get("attention_passed").equals("0")) {
                failedPids.add(run.get("participant_id"));
            }
        }
        assertFalse(unfinished.isEmpty());
        Set<String> leftOut = new HashSet<>();
        Set<String> excluded = new HashSet<>();
        for (Map<String, String> e : rows(java.nio.file.Files.readString(work.resolve("out/exclusions.csv")))) {
            if (e.get("reason").equals("not_completed")) {
                leftOut.add(e.get("run_id"));
            } else {
                excluded.add(e.get("participant_id"));
                assertEquals("0.5", e.get("min_vigilance_hit_rate"), e.toString());
                assertEquals("0.3", e.get("max_false_alarm_rate"), e.toString());
            }
        }
        assertEquals(unfinished, leftOut, "every run that did not complete is left out, and only those");
        assertEquals(failedPids, excluded, "the analysis excludes exactly the runs the server failed, by the experiment's rule");
        assertEquals(8 + failedPids.size(), completed);
        assertEquals(completed, rows(java.nio.file.Files.readString(work.resolve("out/participants.csv"))).size(),
            "the analysis scores the completed runs only");
    }

    private static String unzip(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name + " in the export");
    }

    /** Rows of a simple CSV as header → value maps. */
    private static List<Map<String, String>> rows(String text) {
        List<String[]> lines = csv(text);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < lines.get(0).length; i++) {
                row.put(lines.get(0)[i], i < line.length ? line[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void prolificWebhooksReleaseAReturnedRunOnceAndRefuseBadSignatures() throws SQLException {
        String slug = "hooked-" + Long.toString(System.nanoTime(), 36);
        copyDemoAs(slug, 1);
        String secret = "it-hook-secret-0123456789abcdef";
        try (Connection db = database(); PreparedStatement q = db.prepareStatement("UPDATE experiment SET prolific_webhook_secret = ? WHERE slug = ?")) {
            q.setString(1, secret);
            q.setString(2, slug);
            assertEquals(1, q.executeUpdate());
        }
        Http.Reply first = http().post("api/runs", Json.createObjectBuilder().add("experiment", slug).add("prolificPid", "HOOK1")
                .add("studyId", "IT").add("sessionId", "SUBMISSION1").build(), null);
        assertEquals(201, first.status(), first.body());
        assertEquals(201, startIn(slug, "HOOK2").status());
        assertEquals("experiment_full", startIn(slug, "HOOK3").error());

        String body = "{\"event_type\":\"submission.status.change\",\"resource_id\":\"SUBMISSION1\",\"status\":\"RETURNED\"}";
        Http.Reply forged = hook(slug, "evt-http-1", body, "not-the-secret-0123456789");
        assertEquals(401, forged.status(), forged.body());
        assertEquals("bad_signature", forged.error());
        assertEquals("experiment_full", startIn(slug, "HOOK3").error(), "a badly signed event released nothing");

        Http.Reply old = hook(slug, "evt-http-2001", body, secret, "1000000000");
        assertEquals(401, old.status(), "an event signed in 2001: " + old.body());
        assertEquals("stale_timestamp", old.error());
        assertEquals("experiment_full", startIn(slug, "HOOK3").error(), "an old event released nothing");

        Http.Reply good = hook(slug, "evt-http-1", body, secret);
        assertEquals(200, good.status(), good.body());
        assertEquals("released", good.json().getString("outcome"));
        assertEquals(first.json().getString("runId"), good.json().getString("runId"));
        String signedAt = good.raw().request().headers().firstValue("X-Prolific-Request-Timestamp").orElseThrow();
        Http.Reply replay = hook(slug, "evt-http-1", body, secret, signedAt);
        assertEquals(200, replay.status(), "a redelivery is acknowledged, so Prolific stops retrying");
        assertEquals("duplicate", replay.json().getString("outcome"));
        Http.Reply freshId = hook(slug, "evt-http-1-replayed", body, secret, signedAt);
        assertEquals("duplicate", freshId.json().getString("outcome"), "a replay under a fresh event id: " + freshId.body());

        assertEquals(201, startIn(slug, "HOOK3").status(), "the returned run's slot went to the next participant");
        assertEquals("experiment_full", startIn(slug, "HOOK4").error());
        assertEquals(404, hook("demo", "evt-http-2", body, secret).status(), "webhooks are off where no secret is set");
    }

    @Test
    void aStartedRunContinuesOnlyForItsSessionAndToken() {
        StartedRun run = start("ITOWN");
        assertEquals(200, http().post("api/runs/" + run.runId() + "/consent", Json.createObjectBuilder().add("consent", true).build(),
                run.token()).status());
        Map<String, Http.Reply> refusals = new LinkedHashMap<>();
        refusals.put("another SESSION_ID", reopen("ITOWN", "S2", run.token()));
        refusals.put("no run token", reopen("ITOWN", "S1", null));
        refusals.put("wrong run token", reopen("ITOWN", "S1", "not-the-token"));
        for (var refusal : refusals.entrySet()) {
            assertEquals(403, refusal.getValue().status(), refusal.getKey() + ": " + refusal.getValue().body());
            assertEquals("session_mismatch", refusal.getValue().error(), refusal.getKey());
            assertFalse(refusal.getValue().body().contains(run.token()), "a refusal never hands out the token");
            assertFalse(refusal.getValue().body().contains(run.runId()), "nor the run id");
        }
        Http.Reply owner = reopen("ITOWN", "S1", run.token());
        assertEquals(200, owner.status(), owner.body());
        assertTrue(owner.json().getBoolean("resumed"));
        assertEquals(run.runId(), owner.json().getString("runId"));
    }

    private Http.Reply reopen(String pid, String sessionId, String runToken) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("experiment", "demo").add("prolificPid", pid).add("studyId", "IT")
                .add("sessionId", sessionId);
        if (runToken != null) {
            body.add("runToken", runToken);
        }
        return http().post("api/runs", body.build(), null);
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreNeutralisedInTheExportAndTheAnalysisReadsThemBack() throws Exception {
        String slug = "formulas-" + Long.toString(System.nanoTime(), 36);
        copyDemoAs(slug, 0);
        String category = "=HYPERLINK(\"http://evil.example\",\"click\")";
        withFormulaStimuli(slug, category, "{\"seed\":\"-0.25\",\"=note\":\"@SUM(1+1)\"}");
        String pid = "-ITF1";
        Http.Reply started = http().post("api/runs", Json.createObjectBuilder().add("experiment", slug).add("prolificPid", pid)
                .add("studyId", "IT").add("sessionId", "S1").build(), null);
        assertEquals(201, started.status(), started.body());
        String runPath = "api/runs/" + started.json().getString("runId");
        String token = started.json().getString("token");
        assertEquals(200, http().post(runPath + "/consent", Json.createObjectBuilder().add("consent", true).build(), token).status());
        Set<String> seen = new HashSet<>();
        for (JsonObject t : started.json().getJsonArray("trials").getValuesAs(JsonObject.class)) {
            assertTrue(t.getString("imageId").startsWith("="), t.toString());
            Http.Reply saved = http().put(runPath + "/trials/" + t.getInt("position"),
                    trial(t.getString("imageId"), !seen.add(t.getString("imageId"))), token);
            assertEquals(200, saved.status(), saved.body());
        }
        assertEquals(200, http().post(runPath + "/complete", null, token).status());

        Http.Reply reply = http().get("api/experiments/" + slug + "/export", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, reply.status(), reply.body());
        java.nio.file.Path zip = java.nio.file.Files.createTempFile("engram-formulas-", ".zip");
        try {
            java.nio.file.Files.write(zip, reply.raw().body());
            Map<String, String> files = new HashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(reply.raw().body()))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    if (entry.getName().endsWith(".csv")) {
                        files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            for (var file : files.entrySet()) {
                for (org.apache.commons.csv.CSVRecord row : org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(file.getValue()))) {
                    for (String cell : row) {
                        assertFalse(!cell.isEmpty() && engram.core.csv.CsvCells.isFormulaStart(cell.charAt(0))
                                && !engram.core.csv.CsvCells.isNumber(cell), file.getKey() + " line " + row.getRecordNumber() + ": " + cell);
                    }
                }
            }
            String manifest = files.get("manifest.csv");
            assertTrue(manifest.startsWith("image_id,file,pair_id,condition,category,predicted_memorability,seed,'=note\n"), manifest);
            assertTrue(manifest.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",-0.25,-0.25,'@SUM(1+1)\n"), manifest);
            assertTrue(files.get("responses.csv").lines().skip(1).allMatch(line -> line.startsWith("'-ITF1,") && line.contains(",'=")),
                    files.get("responses.csv"));
            assertTrue(files.get("participants.csv").contains("\n'-ITF1,"), files.get("participants.csv"));
            assertTrue(files.get("sequences.csv").lines().skip(1).allMatch(line -> line.split(",")[2].startsWith("'=")));

            engram.analysis.io.Study study = engram.analysis.io.StudyReader.create().readExport(zip);
            engram.core.format.Manifest read = study.manifest();
            assertTrue(read.row(0).imageId().startsWith("=") && !read.row(0).imageId().startsWith("'"), read.row(0).imageId());
            assertEquals(category, read.row(0).category());
            assertEquals(-0.25, read.row(0).predictedMemorability());
            assertEquals(List.of("seed", "=note"), read.extraColumns());
            assertEquals("-0.25", read.row(0).extra().get("seed"));
            assertEquals("@SUM(1+1)", read.row(0).extra().get("=note"));
            assertEquals(pid, study.responses().participantId(0));
            assertEquals(started.json().getJsonArray("trials").size(), study.responses().size());
        } finally {
            java.nio.file.Files.deleteIfExists(zip);
        }
    }

    /** Points the experiment at a copy of the demo's stimuli whose texts a spreadsheet would run as formulas. */
    private void withFormulaStimuli(String slug, String category, String extraJson) throws SQLException {
        String set = java.util.UUID.randomUUID().toString();
        try (Connection db = database()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO stimulus_set (public_id, name, source, created_at) VALUES (?, ?, 'it', CURRENT_TIMESTAMP)")) {
                insert.setString(1, set);
                insert.setString(2, "formulas " + slug);
                assertEquals(1, insert.executeUpdate());
            }
            try (PreparedStatement copy = db.prepareStatement("INSERT INTO stimulus (stimulus_set_id, image_id, file_name, pair_id,"
                    + " condition_name, category, predicted_memorability, extra_columns, sha256)"
                    + " SELECT (SELECT id FROM stimulus_set WHERE public_id = ?), '=' || s.image_id, s.file_name,"
                    + " CASE WHEN s.pair_id IS NULL THEN NULL ELSE '+' || s.pair_id END, s.condition_name, ?, -0.25, ?, s.sha256"
                    + " FROM stimulus s JOIN experiment e ON e.stimulus_set_id = s.stimulus_set_id WHERE e.slug = 'demo' ORDER BY s.id")) {
                copy.setString(1, set);
                copy.setString(2, category);
                copy.setString(3, extraJson);
                assertTrue(copy.executeUpdate() > 0);
            }
            try (PreparedStatement point = db.prepareStatement(
                    "UPDATE experiment SET stimulus_set_id = (SELECT id FROM stimulus_set WHERE public_id = ?) WHERE slug = ?")) {
                point.setString(1, set);
                point.setString(2, slug);
                assertEquals(1, point.executeUpdate());
            }
            try (PreparedStatement items = db.prepareStatement("UPDATE sequence_item SET image_id = '=' || image_id"
                    + " WHERE experiment_id = (SELECT id FROM experiment WHERE slug = ?)")) {
                items.setString(1, slug);
                assertTrue(items.executeUpdate() > 0);
            }
            db.commit();
        }
    }

    private Http.Reply hook(String slug, String eventId, String body, String secret) {
        return hook(slug, eventId, body, secret, String.valueOf(java.time.Instant.now().getEpochSecond()));
    }

    private Http.Reply hook(String slug, String eventId, String body, String secret, String timestamp) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http().send(HttpRequest.newBuilder(base().resolve("api/prolific/" + slug + "/webhook"))
                .header("Content-Type", "application/json").header("X-Event-ID", eventId)
                .header("X-Prolific-Request-Timestamp", timestamp)
                .header("X-Prolific-Request-Signature", engram.run.control.ProlificWebhooks.signature(secret, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private Http.Reply startIn(String slug, String pid, String study, String session, Integer sessionLink) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("experiment", slug).add("prolificPid", pid).add("studyId", study)
                .add("sessionId", session);
        if (sessionLink != null) {
            body.add("session", sessionLink);
        }
        return http().post("api/runs", body.build(), null);
    }

    /**
     * A two-session study over HTTP with the server's clock moved by the test (never slept): the break's minimum
     * duration, the end of session 1 with its code, the return too early (refused with its code, counted), within the
     * window (the same run, session 2, 2AFC positions that do not tell the studied side), and too late (MISSED); every
     * bad phase answer refused with its code and nothing stored; sessions.csv in the export.
     */
    @Test
    void aTwoSessionStudyRefusesEarlyAcceptsInTheWindowAndRefusesLateWithTheServerClock() throws Exception {
        String slug = "twosession";
        try (Connection db = database()) {
            PhasePageSteps.createTwoSessionStudy(db, slug);
        }
        java.nio.file.Path clock = clockFile();
        PhasePageSteps.clockOffset(clock, 0);
        try {
            Http http = http();
            Http.Reply started = startIn(slug, "ITTWO", "STUDY1", "S1", null);
            assertEquals(201, started.status(), started.body());
            JsonObject run = started.json();
            String token = run.getString("token");
            String path = "api/runs/" + run.getString("runId");
            assertEquals(1, run.getInt("session"));
            assertEquals(4, run.getJsonArray("phases").size());
            assertEquals("2afc", run.getJsonArray("phases").getJsonObject(3).getString("task"));
            List<JsonObject> trials = run.getJsonArray("trials").getValuesAs(JsonObject.class);
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), trials.stream().map(t -> t.getInt("position")).toList(), "session 1's positions only");
            assertEquals(200, http.post(path + "/consent", Json.createObjectBuilder().add("consent", true).build(), token).status());

            JsonObject study = trials.get(0);
            JsonObject test = trials.get(5);
            Map<String, Http.Reply> refusals = new LinkedHashMap<>();
            refusals.put("400 wrong_phase", http.put(path + "/trials/0", Json.createObjectBuilder(PhasePageSteps.good(study))
                    .add("phase", 3).build(), token));
            refusals.put("400 bad_answer", http.put(path + "/trials/0", Json.createObjectBuilder(PhasePageSteps.good(study))
                    .add("answer", "sideways").build(), token));
            refusals.put("400 bad_confidence (outside the scale)", http.put(path + "/trials/5", Json.createObjectBuilder(PhasePageSteps.good(test))
                    .add("confidence", 7).build(), token));
            refusals.put("400 bad_confidence (missing)", http.put(path + "/trials/5", Json.createObjectBuilder(PhasePageSteps.good(test))
                    .remove("confidence").build(), token));
            refusals.put("400 bad_answer (a choice outside 2afc)", http.put(path + "/trials/5", Json.createObjectBuilder(PhasePageSteps.good(test))
                    .add("choiceSide", "left").build(), token));
            refusals.put("400 wrong_phase (a later session's position)", http.put(path + "/trials/7",
                    PhasePageSteps.trial(null, true).add("phase", 4).add("choiceSide", "left").add("chosenImageId", "foil02").build(), token));
            refusals.put("400 bad_trial (confidence as text)", http.put(path + "/trials/5", Json.createObjectBuilder(PhasePageSteps.good(test))
                    .add("confidence", "5").build(), token));
            assertRefusals(refusals);
            assertEquals(0, storedTrials("ITTWO"), "nothing stored");

            for (JsonObject t : trials) {
                Http.Reply saved = http.put(path + "/trials/" + t.getInt("position"), PhasePageSteps.good(t), token);
                assertEquals(200, saved.status(), saved.body());
                assertTrue(saved.json().getBoolean("stored"));
            }
            Http.Reply early = http.post(path + "/complete", null, token);
            assertEquals(409, early.status(), early.body());
            assertEquals(List.of(2), early.json().getJsonArray("phasesNotDone").getValuesAs(jakarta.json.JsonNumber.class).stream()
                    .map(jakarta.json.JsonNumber::intValue).toList(), "the break is not done yet");
            assertEquals(200, http.post(path + "/phases/2/open", null, token).status());
            Http.Reply tooSoon = http.post(path + "/phases/2/done", Json.createObjectBuilder().add("startedAtMs", 5.0).build(), token);
            assertEquals(409, tooSoon.status(), tooSoon.body());
            assertEquals("too_soon", tooSoon.error());
            assertBody(RunAnswers.TooSoon.class, tooSoon);
            PhasePageSteps.clockOffset(clock, 31);
            Http.Reply done = http.post(path + "/phases/2/done", Json.createObjectBuilder().add("startedAtMs", 5.0).build(), token);
            assertEquals(200, done.status(), done.body());
            assertTrue(done.json().getBoolean("done"));

            Http.Reply waiting = http.post(path + "/complete", null, token);
            assertEquals(200, waiting.status(), waiting.body());
            assertEquals("WAITING", waiting.json().getString("state"));
            assertEquals("SESSION1CODE", waiting.json().getString("completionCode"));
            assertEquals("https://app.prolific.com/submissions/complete?cc=SESSION1CODE", waiting.json().getString("redirectUrl"));
            JsonObject next = waiting.json().getJsonObject("nextSession");
            assertEquals(2, next.getInt("session"));
            java.time.Instant opensAt = java.time.Instant.parse(next.getString("opensAt"));
            assertEquals(3600, java.time.Duration.between(opensAt, java.time.Instant.parse(next.getString("closesAt"))).getSeconds());

            Http.Reply tooEarly = startIn(slug, "ITTWO", "STUDY2", "S2", 2);
            assertEquals(409, tooEarly.status(), tooEarly.body());
            assertEquals("session_too_early", tooEarly.error());
            assertBody(RunAnswers.SessionTooEarly.class, tooEarly);
            assertEquals("TOOEARLY1", tooEarly.json().getString("completionCode"));
            assertEquals(opensAt.toString(), tooEarly.json().getString("opensAt"));

            PhasePageSteps.clockOffset(clock, 31 + 3700);
            Http.Reply back = startIn(slug, "ITTWO", "STUDY2", "S2", 2);
            assertEquals(200, back.status(), back.body());
            JsonObject second = back.json();
            assertEquals(run.getString("runId"), second.getString("runId"), "the session link continues the same run");
            assertEquals(2, second.getInt("session"));
            List<JsonObject> afc = second.getJsonArray("trials").getValuesAs(JsonObject.class);
            assertEquals(List.of(7, 8), afc.stream().map(t -> t.getInt("position")).toList());
            afc.forEach(PhasePageSteps::assertNoTopLevelImage);
            JsonObject first = afc.get(0);
            String right = first.getJsonObject("right").getString("imageId");
            Http.Reply notShown = http.put(path + "/trials/7", PhasePageSteps.trial(null, true).add("phase", 4).add("choiceSide", "left")
                    .add("chosenImageId", right).build(), token);
            assertEquals(400, notShown.status(), notShown.body());
            assertEquals("image_not_on_screen", notShown.error());
            Http.Reply offScreen = http.put(path + "/trials/7", PhasePageSteps.trial(null, true).add("phase", 4).add("choiceSide", "right")
                    .add("chosenImageId", "foil23").build(), token);
            assertEquals("image_not_on_screen", offScreen.error());
            for (JsonObject t : afc) {
                JsonObject body = PhasePageSteps.good(t);
                assertTrue(http.put(path + "/trials/" + t.getInt("position"), body, token).json().getBoolean("stored"));
                assertFalse(http.put(path + "/trials/" + t.getInt("position"), body, token).json().getBoolean("stored"), "a retry");
            }
            Http.Reply completed = http.post(path + "/complete", null, token);
            assertEquals(200, completed.status(), completed.body());
            assertEquals("COMPLETED", completed.json().getString("state"));

            Http.Reply late = startIn(slug, "ITLATE", "STUDY1", "S1", null);
            assertEquals(201, late.status(), late.body());
            String latePath = "api/runs/" + late.json().getString("runId");
            String lateToken = late.json().getString("token");
            for (JsonObject t : late.json().getJsonArray("trials").getValuesAs(JsonObject.class)) {
                assertEquals(200, http.put(latePath + "/trials/" + t.getInt("position"), PhasePageSteps.good(t), lateToken).status());
            }
            http.post(latePath + "/phases/2/open", null, lateToken);
            PhasePageSteps.clockOffset(clock, 31 + 3700 + 40);
            assertEquals(200, http.post(latePath + "/phases/2/done", Json.createObjectBuilder().add("startedAtMs", 2.0).build(), lateToken).status());
            assertEquals("WAITING", http.post(latePath + "/complete", null, lateToken).json().getString("state"));
            String allowlist = "admin/files/" + slug + "/allowlist.csv";
            assertEquals(List.of("participant_id"), http.get(allowlist, "admin", Deployments.ADMIN_PASSWORD).body().lines().toList(),
                    "nobody is due before the window opens");
            PhasePageSteps.clockOffset(clock, 31 + 3700 + 40 + 3700);
            assertEquals(List.of("participant_id", "ITLATE"), http.get(allowlist, "admin", Deployments.ADMIN_PASSWORD).body().lines().toList(),
                    "ITLATE is on the allowlist while the window is open");
            PhasePageSteps.clockOffset(clock, 31 + 3700 + 40 + 7300);
            Http.Reply tooLate = startIn(slug, "ITLATE", "STUDY2", "S2", 2);
            assertEquals(409, tooLate.status(), tooLate.body());
            assertEquals("session_too_late", tooLate.error());
            assertBody(RunAnswers.SessionTooLate.class, tooLate);
            assertEquals("TOOLATE1", tooLate.json().getString("completionCode"));

            Http.Reply unknown = startIn(slug, "ITNOBODY", "STUDY2", "S2", 2);
            assertEquals(404, unknown.status(), unknown.body());
            assertEquals("unknown_session", unknown.error());
            assertEquals(0, storedTrials("ITNOBODY"));

            Http.Reply export = http.get("api/experiments/" + slug + "/export", "admin", Deployments.ADMIN_PASSWORD);
            assertEquals(200, export.status());
            Map<String, String> files = new HashMap<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.raw().body()))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    files.put(entry.getName(), entry.getName().endsWith(".png") ? "" : new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            List<String[]> sessions = csv(files.get("sessions.csv"));
            assertEquals("participant_id", sessions.get(0)[0]);
            String[] returned = sessions.stream().filter(r -> r[0].equals("ITTWO") && r[2].equals("2")).findFirst().orElseThrow();
            assertEquals("COMPLETED", returned[4]);
            assertTrue(Long.parseLong(returned[9]) >= 3669, "delay_s: " + returned[9]);
            String[] missed = sessions.stream().filter(r -> r[0].equals("ITLATE") && r[2].equals("2")).findFirst().orElseThrow();
            assertEquals(List.of("MISSED", "0", "1"), List.of(missed[4], missed[10], missed[11]));
            String[] tooEarlyRow = returned;
            assertEquals("1", tooEarlyRow[10], "one early refusal counted");
            List<String[]> responses = csv(files.get("responses.csv"));
            assertEquals("alternative_image_id", responses.get(0)[responses.get(0).length - 1]);
            assertEquals(9 + 7, responses.stream().filter(r -> r[0].startsWith("IT")).count());
        } finally {
            PhasePageSteps.clockOffset(clock, 0);
        }
    }

    /**
     * Issue 14 item 6: the simulator plays every task over the real API (study with its question, a break, old-new with
     * confidence and boxes, a distractor; then, in session 2 after a 1-2 hour window, old-similar-new and 2AFC with
     * confidence), with reloads, and comes back on time, early (refused, then let in) and late (MISSED), moving the
     * server's clock through the offset file. The export holds every acknowledged trial exactly once, and sessions.csv
     * the refusals the simulator counted.
     */
    @Test
    void simulatedParticipantsPlayEveryTaskAndSessionReturningOnTimeEarlyAndLate() throws Exception {
        String slug = "simphases";
        String question = "\"encodingQuestion\":{\"text\":\"Indoor or outdoor?\",\"answers\":[\"indoor\",\"outdoor\"]}";
        try (Connection db = database()) {
            PhasePageSteps.create(db, slug, "[{\"phase\":1,\"task\":\"study\",\"session\":1,\"displayMs\":700," + question + "},"
                    + "{\"phase\":2,\"task\":\"break\",\"session\":1,\"minDurationS\":30},"
                    + "{\"phase\":3,\"task\":\"old-new\",\"session\":1,\"confidenceLevels\":6,\"boxes\":true},"
                    + "{\"phase\":4,\"task\":\"distractor\",\"session\":1,\"minDurationS\":20},"
                    + "{\"phase\":5,\"task\":\"old-similar-new\",\"session\":2,\"delayMinS\":3600,\"delayMaxS\":7200},"
                    + "{\"phase\":6,\"task\":\"2afc\",\"session\":2,\"confidenceLevels\":4}]", List.of(
                    PhasePageSteps.Row.study("pair01_high", 1), PhasePageSteps.Row.study("pair02_high", 1),
                    PhasePageSteps.Row.study("pair03_high", 1), PhasePageSteps.Row.study("pair04_high", 1),
                    PhasePageSteps.Row.study("foil01", 1),
                    PhasePageSteps.Row.test("pair01_high", "target", 3), PhasePageSteps.Row.test("pair02_low", "lure", 3),
                    PhasePageSteps.Row.test("foil02", "foil", 3),
                    PhasePageSteps.Row.test("pair03_high", "target", 5), PhasePageSteps.Row.test("pair04_low", "lure", 5),
                    PhasePageSteps.Row.test("foil03", "foil", 5),
                    PhasePageSteps.Row.choice("pair01_high", "pair01_low", "lure", "left", 6),
                    PhasePageSteps.Row.choice("foil01", "foil04", "foil", "right", 6)));
        }
        java.nio.file.Path clock = clockFile();
        PhasePageSteps.clockOffset(clock, 0);
        try {
            SimulationReport report = simulation().experiment(slug).participants(6).concurrency(3).seed(1414)
                    .reload(0.5).returns(engram.simulate.Returns.MIX).clockOffsetFile(clock)
                    .maxWait(java.time.Duration.ZERO).run();
            String summary = report.summary() + report.outcomes();
            assertTrue(report.allNonDroppedCompleted(), summary);
            assertEquals(4, report.runsCompleted(), summary);
            SimulationReport.Sessions sessions = report.sessions();
            assertEquals(List.of(6L, 4L, 2L, 2L, 2, 0), List.of(sessions.waiting(), sessions.returned(), sessions.refusedEarly(),
                    sessions.refusedLate(), sessions.missed(), sessions.notWaited()), summary);
            assertEquals(12, sessions.timedPhasesDone(), "a break and a distractor each: " + summary);
            assertTrue(sessions.tooSoon() > 0, "a break or distractor answered too_soon before the clock moved: " + summary);
            assertTrue(sessions.clockMovedS() > 7200, "the clock moved past the late window: " + summary);
            assertTrue(report.runsResumed() > 4, "reloads besides the 4 returns: " + summary);

            Map<String, String> files = export(slug);
            List<String[]> responses = csv(files.get("responses.csv"));
            List<String> header = List.of(responses.get(0));
            int task = header.indexOf("task");
            int answer = header.indexOf("answer");
            int choice = header.indexOf("choice_side");
            Set<String> exported = new HashSet<>();
            Map<String, Integer> rowsByParticipant = new HashMap<>();
            for (String[] row : responses.subList(1, responses.size())) {
                assertTrue(exported.add(row[11] + "#" + row[2]), "duplicate row for run " + row[11] + " position " + row[2]);
                rowsByParticipant.merge(row[0], 1, Integer::sum);
                switch (row[task]) {
                    case "study", "old-new", "old-similar-new" -> assertFalse(row[answer].isEmpty(), String.join(",", row));
                    case "2afc" -> assertFalse(row[choice].isEmpty(), String.join(",", row));
                    default -> throw new AssertionError("unexpected task " + row[task]);
                }
            }
            Set<String> acked = new HashSet<>();
            report.acknowledgedTrials().forEach(ack -> acked.add(ack.runId() + "#" + ack.position()));
            assertEquals(exported, acked, "the export holds exactly the acknowledged trials");
            Map<String, Integer> expected = new HashMap<>();
            for (ParticipantOutcome outcome : report.outcomes()) {
                expected.put(outcome.participantId(), outcome.status() == ParticipantOutcome.Status.COMPLETED ? 13 : 8);
                assertEquals(outcome.index() % 3 == 2 ? ParticipantOutcome.Status.MISSED : ParticipantOutcome.Status.COMPLETED,
                        outcome.status(), summary);
            }
            assertEquals(expected, rowsByParticipant, "every position of each session played exactly once");
            for (String[] row : csv(files.get("sessions.csv"))) {
                if (row[2].equals("2")) {
                    int index = report.outcomes().stream().filter(o -> o.participantId().equals(row[0])).findFirst().orElseThrow().index();
                    assertEquals(List.of(index % 3 == 2 ? "MISSED" : "COMPLETED", index % 3 == 1 ? "1" : "0", index % 3 == 2 ? "1" : "0"),
                            List.of(row[4], row[10], row[11]), "session 2 of participant " + index);
                }
            }
        } finally {
            PhasePageSteps.clockOffset(clock, 0);
        }
    }

    private long storedTrials(String pid) throws SQLException {
        try (Connection db = database(); PreparedStatement q = db.prepareStatement(
                "SELECT COUNT(*) FROM trial t JOIN run r ON r.id = t.run_id WHERE r.prolific_pid = ?")) {
            q.setString(1, pid);
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void assertRefusals(Map<String, Http.Reply> refusals) {
        for (var refusal : refusals.entrySet()) {
            String[] expected = refusal.getKey().split(" ");
            assertEquals(Integer.parseInt(expected[0]), refusal.getValue().status(), refusal.getKey() + ": " + refusal.getValue().body());
            assertEquals(expected[1], refusal.getValue().error(), refusal.getKey());
            assertFalse(refusal.getValue().json().getString("message").isBlank(), refusal.getKey());
        }
    }

    private Http.Reply startIn(String slug, String pid) {
        return http().post("api/runs", Json.createObjectBuilder().add("experiment", slug).add("prolificPid", pid)
                .add("studyId", "IT").add("sessionId", "S1").build(), null);
    }

    /** A live copy of the demo experiment (settings and sequences) with a target per sequence, written with plain SQL. */
    private void copyDemoAs(String slug, int targetPerSequence) throws SQLException {
        String columns = "title, stimulus_set_id, display_ms, isi_ms, min_boxes, max_boxes, resume_policy, resume_window_minutes,"
                + " reservation_minutes, practice_images, consent_html, instructions_html, debrief_html, code_completed, code_no_consent,"
                + " code_failed_check, min_vigilance_hit_rate, max_false_alarm_rate, design_json, sequence_count, sequence_length, created_at,"
                + " consent_md, instructions_md, debrief_md";
        try (Connection db = database()) {
            db.setAutoCommit(false);
            try (PreparedStatement copy = db.prepareStatement("INSERT INTO experiment (public_id, slug, status, target_per_sequence, " + columns
                    + ") SELECT ?, ?, 'LIVE', ?, " + columns + " FROM experiment WHERE slug = 'demo'")) {
                copy.setString(1, java.util.UUID.randomUUID().toString());
                copy.setString(2, slug);
                copy.setInt(3, targetPerSequence);
                assertEquals(1, copy.executeUpdate());
            }
            try (PreparedStatement items = db.prepareStatement("INSERT INTO sequence_item (experiment_id, sequence_id, trial_index, image_id,"
                    + " presentation, kind, lag) SELECT (SELECT id FROM experiment WHERE slug = ?), sequence_id, trial_index, image_id,"
                    + " presentation, kind, lag FROM sequence_item WHERE experiment_id = (SELECT id FROM experiment WHERE slug = 'demo')")) {
                items.setString(1, slug);
                assertTrue(items.executeUpdate() > 0);
            }
            db.commit();
        }
    }

    Map<String, String> export() throws IOException {
        return export("demo");
    }

    Map<String, String> export(String slug) throws IOException {
        Http.Reply reply = http().get("api/experiments/" + slug + "/export", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, reply.status(), reply.body());
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(reply.raw().body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), entry.getName().endsWith(".png") ? "" : new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /**
     * A 409 body is exactly the record that /openapi gives for its code: the record's components, in their order, and
     * nothing else.
     */
    static void assertBody(Class<? extends Record> record, Http.Reply reply) {
        assertEquals(java.util.Arrays.stream(record.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList(),
                List.copyOf(reply.json().keySet()), record.getSimpleName() + ": " + reply.body());
    }

    /** Splits simple CSV (the export quotes no field in these tests' data). */
    static List<String[]> csv(String text) {
        return text.lines().map(line -> line.split(",", -1)).toList();
    }
}
