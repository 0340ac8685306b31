package engram.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.Deployments;
import engram.testing.Http;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The second demo, made at first start: demo-recognition over the participant API. Session 1 is the study phase (8
 * images); completing it answers WAITING with session 2's window 2 minutes to 2 days after it ended, and the session
 * link opened at once is refused as too early.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoRecognitionIT {

    private static final File DATA = new File("target/it-data/demo-recognition-" + System.nanoTime()).getAbsoluteFile();

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.engram(Map.of("engram.data", DATA.getPath(), "engram.db.url", "jdbc:h2:file:" + DATA + "/engram"));
    }

    @Test
    void aStudySessionThenA2afcSessionTwoMinutesLater() {
        Http http = new Http(URI.create(deployment.toString()));
        Http.Reply started = http.post("api/runs", Json.createObjectBuilder().add("experiment", "demo-recognition").add("prolificPid", "DEMOREC1")
                .add("studyId", "PART1").add("sessionId", "S1").build(), null);
        assertEquals(201, started.status(), started.body());
        JsonObject run = started.json();
        assertEquals(1, run.getInt("session"));
        assertEquals(List.of("study", "2afc"), run.getJsonArray("phases").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("task")).toList());
        JsonObject test = run.getJsonArray("phases").getJsonObject(1);
        assertEquals(2, test.getInt("session"));
        assertEquals(120, test.getInt("delayMinS"));
        assertEquals(2 * 86_400, test.getInt("delayMaxS"));
        List<JsonObject> trials = run.getJsonArray("trials").getValuesAs(JsonObject.class);
        assertEquals(8, trials.size(), "session 1: the 8 images to study");
        assertTrue(trials.stream().allMatch(t -> t.getString("task").equals("study") && t.getInt("phase") == 1), trials.toString());

        String path = "api/runs/" + run.getString("runId");
        String token = run.getString("token");
        assertEquals(200, http.post(path + "/consent", Json.createObjectBuilder().add("consent", true).build(), token).status());
        for (JsonObject t : trials) {
            Http.Reply saved = http.put(path + "/trials/" + t.getInt("position"), Json.createObjectBuilder().add("phase", 1)
                    .add("imageId", t.getString("imageId")).add("responded", false).add("rtMs", JsonValue.NULL).add("onsetMs", 1000.5)
                    .add("offsetMs", 3000.5).add("durationMs", 2000.0).add("boxes", Json.createArrayBuilder()).build(), token);
            assertEquals(200, saved.status(), saved.body());
        }
        Http.Reply waiting = http.post(path + "/complete", null, token);
        assertEquals(200, waiting.status(), waiting.body());
        assertEquals("WAITING", waiting.json().getString("state"));
        JsonObject next = waiting.json().getJsonObject("nextSession");
        Instant opensAt = Instant.parse(next.getString("opensAt"));
        assertEquals(Duration.ofDays(2).minusMinutes(2), Duration.between(opensAt, Instant.parse(next.getString("closesAt"))));

        Http.Reply early = http.post("api/runs", Json.createObjectBuilder().add("experiment", "demo-recognition").add("prolificPid", "DEMOREC1")
                .add("studyId", "PART2").add("sessionId", "S2").add("session", 2).build(), null);
        assertEquals(409, early.status(), early.body());
        assertEquals("session_too_early", early.error());
        assertEquals(opensAt.toString(), early.json().getString("opensAt"));
    }
}
