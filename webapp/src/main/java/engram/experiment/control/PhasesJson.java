package engram.experiment.control;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import engram.core.phase.EncodingQuestion;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * An experiment's phase plan as JSON: the list experiment.json writes as {@code phases} (docs/data-formats.md), stored
 * in the experiment's {@code phases} column. No text (null or blank) is {@link PhasePlan#continuousOnly()}.
 */
public final class PhasesJson {

    private PhasesJson() {
    }

    /** The plan of a stored (or uploaded) text; a text that is not a valid plan is an IllegalArgumentException naming the phase and field. */
    public static PhasePlan read(String json) {
        if (json == null || json.isBlank()) {
            return PhasePlan.continuousOnly();
        }
        JsonArray array;
        try (var reader = Json.createReader(new StringReader(json))) {
            array = reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("phases must be a JSON list of phases: " + e.getMessage());
        }
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject o)) {
                throw new IllegalArgumentException("phases[" + i + "] must be an object");
            }
            phases.add(phase(o, "phases[" + i + "]"));
        }
        return new PhasePlan(phases);
    }

    private static Phase phase(JsonObject o, String where) {
        String taskCode = text(o, "task", where);
        if (taskCode == null) {
            throw new IllegalArgumentException(where + ": task is missing");
        }
        Task task = Task.fromCode(taskCode);
        Integer number = integer(o, "phase", where);
        Integer session = integer(o, "session", where);
        EncodingQuestion question = null;
        JsonValue q = o.get("encodingQuestion");
        if (q instanceof JsonObject qo) {
            List<String> answers = new ArrayList<>();
            if (qo.get("answers") instanceof JsonArray list) {
                for (JsonValue a : list) {
                    if (!(a instanceof JsonString s)) {
                        throw new IllegalArgumentException(where + ": encodingQuestion.answers must be strings");
                    }
                    answers.add(s.getString());
                }
            }
            question = new EncodingQuestion(text(qo, "text", where), answers);
        } else if (q != null && q.getValueType() != JsonValue.ValueType.NULL) {
            throw new IllegalArgumentException(where + ": encodingQuestion must be an object");
        }
        return new Phase(number == null ? 0 : number, task, session == null ? 1 : session, integer(o, "delayMinS", where),
                integer(o, "delayMaxS", where), integer(o, "displayMs", where), question, integer(o, "confidenceLevels", where),
                o.getBoolean("boxes", false), integer(o, "minDurationS", where));
    }

    private static String text(JsonObject o, String field, String where) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw new IllegalArgumentException(where + ": " + field + " must be a string");
        }
        return s.getString();
    }

    private static Integer integer(JsonObject o, String field, String where) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw new IllegalArgumentException(where + ": " + field + " must be a whole number");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(where + ": " + field + " is out of range");
        }
    }

    /** The plan as stored: the list experiment.json writes. */
    public static String write(PhasePlan plan) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Map<String, Object> phase : asMaps(plan)) {
            list.add(Json.createObjectBuilder(phase));
        }
        return list.build().toString();
    }

    /** Each phase as an ordered map (experiment.json and the participant API's {@code phases}): every field, null where it does not apply. */
    public static List<Map<String, Object>> asMaps(PhasePlan plan) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Phase p : plan.phases()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", p.phase());
            m.put("task", p.task().code());
            m.put("session", p.session());
            m.put("delayMinS", p.delayMinS());
            m.put("delayMaxS", p.delayMaxS());
            m.put("displayMs", p.displayMs());
            if (p.encodingQuestion() == null) {
                m.put("encodingQuestion", null);
            } else {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("text", p.encodingQuestion().text());
                q.put("answers", p.encodingQuestion().answers());
                m.put("encodingQuestion", q);
            }
            m.put("confidenceLevels", p.confidenceLevels());
            m.put("boxes", p.boxes());
            m.put("minDurationS", p.minDurationS());
            out.add(m);
        }
        return out;
    }

    /** Each phase as a JSON object, for experiment.json. */
    public static JsonArray asJson(PhasePlan plan) {
        return Json.createReader(new StringReader(write(plan))).readArray();
    }

}
