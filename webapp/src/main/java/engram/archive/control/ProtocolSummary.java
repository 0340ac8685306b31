package engram.archive.control;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A protocol laid out for people (the printable summary page): every setting as one "section.field = value" row, the
 * texts in full, and the stimuli counted by condition (each image's hash stays in protocol.json).
 *
 * @param hash       the protocol hash
 * @param settings   every setting except texts and stimuli, in canonical order
 * @param texts      each text's Markdown (or its HTML when no Markdown was written), by name
 * @param stimuli    how many stimuli the set has
 * @param conditions stimuli per condition
 */
public record ProtocolSummary(String hash, List<Row> settings, List<Row> texts, int stimuli, List<Row> conditions) {

    /** One line of the summary. */
    public record Row(String name, String value) {
    }

    /** The summary of a canonical protocol.json. */
    public static ProtocolSummary of(byte[] protocolJson) {
        JsonObject protocol;
        try (JsonReader reader = Json.createReader(new StringReader(new String(protocolJson, StandardCharsets.UTF_8)))) {
            protocol = reader.readObject();
        }
        List<Row> settings = new ArrayList<>();
        protocol.forEach((key, value) -> {
            if (!key.equals("texts") && !key.equals("stimuli")) {
                flatten(key, value, settings);
            }
        });
        List<Row> texts = new ArrayList<>();
        JsonObject t = protocol.getJsonObject("texts");
        for (String name : List.of("consent", "instructions", "debrief", "failedCheck", "full")) {
            JsonObject text = t.getJsonObject(name);
            String markdown = text.getString("markdown", "");
            String shown = markdown.isBlank() ? text.getString("html", "") : markdown;
            texts.add(new Row(name, shown.isBlank() ? "(the built-in text)" : shown));
        }
        Map<String, Integer> byCondition = new TreeMap<>();
        var stimuli = protocol.getJsonArray("stimuli");
        stimuli.forEach(s -> byCondition.merge(s.asJsonObject().getString("condition"), 1, Integer::sum));
        List<Row> conditions = byCondition.entrySet().stream().map(e -> new Row(e.getKey(), String.valueOf(e.getValue()))).toList();
        return new ProtocolSummary(CanonicalJson.sha256(protocolJson), settings, texts, stimuli.size(), conditions);
    }

    private static void flatten(String name, JsonValue value, List<Row> rows) {
        switch (value.getValueType()) {
            case OBJECT -> {
                if (value.asJsonObject().isEmpty()) {
                    rows.add(new Row(name, "{}"));
                }
                value.asJsonObject().forEach((k, v) -> flatten(name + "." + k, v, rows));
            }
            case STRING -> rows.add(new Row(name, ((JsonString) value).getString()));
            case ARRAY -> rows.add(new Row(name, value.asJsonArray().isEmpty() ? "(none)"
                    : String.join(", ", value.asJsonArray().stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList())));
            default -> rows.add(new Row(name, value.toString()));
        }
    }
}
