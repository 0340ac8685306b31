package engram.experiment.control;

import java.io.StringReader;
import java.util.List;

import engram.core.design.DesignParameters;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/** Reads back the design parameters an experiment stores in design_json; an empty design gives the model study's defaults. */
public final class DesignJson {

    private DesignJson() {
    }

    public static String write(DesignParameters design) {
        return Experiments.designJson(design);
    }

    public static DesignParameters read(String json) {
        DesignParameters defaults = DesignParameters.withDefaults();
        if (json == null || json.isBlank()) {
            return defaults;
        }
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            o = reader.readObject();
        }
        if (o.isEmpty()) {
            return defaults;
        }
        return new DesignParameters(
                o.getInt("sequences", defaults.sequences()), o.getInt("length", defaults.length()),
                o.getInt("repeats", defaults.repeats()), o.getInt("minLag", defaults.minLag()),
                o.getInt("maxLag", defaults.maxLag()), o.getInt("vigilanceRepeats", defaults.vigilanceRepeats()),
                o.getInt("vigilanceMinLag", defaults.vigilanceMinLag()), o.getInt("vigilanceMaxLag", defaults.vigilanceMaxLag()),
                strings(o, "targetConditions", defaults.targetConditions()), strings(o, "fillerConditions", defaults.fillerConditions()),
                o.getBoolean("allowRepeatedFillers", defaults.allowRepeatedFillers()),
                o.containsKey("seed") ? o.getJsonNumber("seed").longValue() : defaults.seed());
    }

    private static List<String> strings(JsonObject o, String key, List<String> fallback) {
        return o.containsKey(key) ? o.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : fallback;
    }
}
