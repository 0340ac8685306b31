package engram.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** Plays a whole pilot run over the participant API, for tests that must pass the pre-launch checklist. */
public final class PilotRuns {

    private PilotRuns() {
    }

    /** Opens a pilot run with the key of {@code pilotUrl} (…/run/slug?pilot=KEY), answers every trial and completes it. */
    public static void complete(Http http, String slug, String pilotUrl) {
        String key = URLDecoder.decode(pilotUrl.substring(pilotUrl.indexOf("pilot=") + "pilot=".length()).split("&")[0], StandardCharsets.UTF_8);
        Http.Reply opened = http.post("api/runs", Json.createObjectBuilder().add("experiment", slug).add("pilotKey", key).build(), null);
        assertEquals(201, opened.status(), opened.body());
        JsonObject run = opened.json();
        String path = "api/runs/" + run.getString("runId");
        String token = run.getString("token");
        Http.Reply consent = http.post(path + "/consent", Json.createObjectBuilder().add("consent", true).build(), token);
        assertEquals(200, consent.status(), consent.body());
        Set<String> seen = new HashSet<>();
        for (JsonObject t : run.getJsonArray("trials").getValuesAs(JsonObject.class)) {
            boolean repeat = !seen.add(t.getString("imageId"));
            Http.Reply saved = http.put(path + "/trials/" + t.getInt("position"), trial(t.getString("imageId"), repeat), token);
            assertEquals(200, saved.status(), saved.body());
        }
        Http.Reply complete = http.post(path + "/complete", null, token);
        assertEquals(200, complete.status(), complete.body());
    }

    /** A complete trial body for the participant API (timing, display and boxes), as the page sends it; boxes only with a response. */
    public static JsonObject trial(String imageId, boolean responded) {
        JsonObjectBuilder trial = Json.createObjectBuilder().add("imageId", imageId).add("responded", responded)
                .add("onsetMs", 1000.5).add("offsetMs", 2500.75).add("durationMs", 1500.25).add("droppedFrames", 0)
                .add("visibilityChanges", 0).add("fullscreenExits", 0).add("displayedWidth", 512).add("displayedHeight", 512)
                .add("devicePixelRatio", 1.5);
        if (responded) {
            trial.add("rtMs", 612.5).add("boxes", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("x", 0.125).add("y", 0.25).add("width", 0.5).add("height", 0.375)));
        } else {
            trial.add("rtMs", JsonValue.NULL).add("boxes", Json.createArrayBuilder());
        }
        return trial.build();
    }
}
