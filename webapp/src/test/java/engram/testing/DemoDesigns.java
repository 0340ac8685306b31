package engram.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A shorter design for the demo experiment, built before its first run through the workspace API an experimenter uses
 * (PUT /api/experiments/demo/design), for browser tests that need a few repeats, not the demo's 30 trials. Everything
 * else stays the demo's: its stimulus set, lags, two attention-check repeats, its practice, and the deployment's timing.
 */
public final class DemoDesigns {

    /** The demo's practice (DemoExperiment: the last two fillers of its set, the first of them again). */
    private static final String[] PRACTICE = {"foil23", "foil24", "foil23"};

    private DemoDesigns() {
    }

    /**
     * Rebuilds the demo's two sequences with {@code length} trials, {@code repeats} target repeats and this seed, at the
     * display and gap times the demo has now; refused (409) once a real run exists, so call it before the first one.
     */
    public static void shorten(URI base, int length, int repeats, long seed) {
        Http http = new Http(base);
        Http.Reply demo = http.get("api/experiments/demo", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, demo.status(), demo.body());
        JsonObject design = Json.createObjectBuilder()
                .add("design", Json.createObjectBuilder().add("sequences", 2).add("length", length).add("repeats", repeats)
                        .add("minLag", 4).add("maxLag", 12).add("vigilanceRepeats", 2).add("vigilanceMinLag", 1).add("vigilanceMaxLag", 4)
                        .add("targetConditions", Json.createArrayBuilder().add("high").add("low"))
                        .add("fillerConditions", Json.createArrayBuilder().add("foil")).add("allowRepeatedFillers", true).add("seed", seed))
                .add("displayMs", demo.json().getInt("displayMs")).add("isiMs", demo.json().getInt("isiMs"))
                .add("practiceImageIds", Json.createArrayBuilder(List.of(PRACTICE))).build();
        Http.Reply built = http.put("api/experiments/demo/design", design, "admin", Deployments.ADMIN_PASSWORD);
        assertEquals(200, built.status(), built.body());
        assertEquals(length, built.json().getInt("length"), built.body());
        assertEquals(0, built.json().getJsonArray("violations").size(), built.body());
    }
}
