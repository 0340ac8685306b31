package engram.experiment.control;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import engram.core.design.RecognitionParameters;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A phase design as the scripts' API takes it ({@code PUT /api/experiments/{slug}/phases}, docs/experimenter-api.md):
 * {@code phases} (experiment.json's list) and the recognition design's numbers, each optional with engram-core's
 * default: lists, studyPairs, foilsPerTest, testBothMembers, maxConditionRun, pairConditions, lureTypes, seed, and for a
 * plan that starts with the continuous game {@code game} (the sequence design's fields, as {@code PUT …/design} takes
 * them; its sequences, targetConditions and seed are replaced by lists, pairConditions and seed).
 */
public record PhaseDesignRequest(String phasesJson, RecognitionParameters parameters) {

    private static final String HINT = "Send {phases: [...], lists, studyPairs, foilsPerTest, testBothMembers, maxConditionRun,"
            + " pairConditions, lureTypes, seed, game: {length, repeats, minLag, ...}} as JSON (only phases is required).";

    public static PhaseDesignRequest read(String json) {
        JsonObject o;
        try (var reader = Json.createReader(new StringReader(json == null ? "" : json))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw ClientError.badRequest(ErrorCode.MISSING_BODY, HINT);
        }
        if (!(o.get("phases") instanceof JsonArray phases)) {
            throw ClientError.badRequest(ErrorCode.MISSING_BODY, HINT);
        }
        RecognitionParameters p = RecognitionParameters.withDefaults();
        try {
            if (o.containsKey("lists")) p = p.withLists(integer(o, "lists"));
            if (o.containsKey("studyPairs")) p = p.withStudyPairs(integer(o, "studyPairs"));
            if (o.containsKey("foilsPerTest")) p = p.withFoilsPerTest(integer(o, "foilsPerTest"));
            if (o.containsKey("testBothMembers")) p = p.withTestBothMembers(bool(o, "testBothMembers"));
            if (o.containsKey("maxConditionRun")) p = p.withMaxConditionRun(integer(o, "maxConditionRun"));
            if (o.containsKey("pairConditions")) p = p.withPairConditions(strings(o, "pairConditions"));
            if (o.containsKey("lureTypes")) p = p.withLureTypes(strings(o, "lureTypes"));
            if (o.containsKey("seed")) p = p.withSeed(longValue(o, "seed"));
            if (o.containsKey("game")) p = p.withGame(game(o));
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest(ErrorCode.INVALID_DESIGN, e.getMessage());
        }
        return new PhaseDesignRequest(phases.toString(), p);
    }

    /** The continuous game's fields, each checked (a field of the wrong type or an unknown one is refused, naming it). */
    private static engram.core.design.DesignParameters game(JsonObject o) {
        if (!(o.get("game") instanceof JsonObject game)) {
            throw new IllegalArgumentException("game must be an object with the continuous game's fields (length, repeats, minLag, ...)");
        }
        engram.core.design.DesignParameters g = engram.core.design.DesignParameters.withDefaults();
        try {
            for (String field : game.keySet()) {
                g = switch (field) {
                    case "sequences" -> g.withSequences(integer(game, field));
                    case "length" -> g.withLength(integer(game, field));
                    case "repeats" -> g.withRepeats(integer(game, field));
                    case "minLag" -> g.withMinLag(integer(game, field));
                    case "maxLag" -> g.withMaxLag(integer(game, field));
                    case "vigilanceRepeats" -> g.withVigilanceRepeats(integer(game, field));
                    case "vigilanceMinLag" -> g.withVigilanceMinLag(integer(game, field));
                    case "vigilanceMaxLag" -> g.withVigilanceMaxLag(integer(game, field));
                    case "targetConditions" -> g.withTargetConditions(strings(game, field));
                    case "fillerConditions" -> g.withFillerConditions(strings(game, field));
                    case "allowRepeatedFillers" -> g.withAllowRepeatedFillers(bool(game, field));
                    case "seed" -> g.withSeed(longValue(game, field));
                    default -> throw new IllegalArgumentException(field + " is not a field of the game (length, repeats, minLag, maxLag,"
                            + " vigilanceRepeats, vigilanceMinLag, vigilanceMaxLag, fillerConditions, allowRepeatedFillers)");
                };
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("game." + e.getMessage(), e);
        }
        return g;
    }

    private static int integer(JsonObject o, String field) {
        long v = longValue(o, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " is out of range");
        }
        return (int) v;
    }

    private static long longValue(JsonObject o, String field) {
        if (!(o.get(field) instanceof JsonNumber n) || !n.isIntegral()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return n.longValueExact();
    }

    private static boolean bool(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return v == JsonValue.TRUE;
    }

    private static List<String> strings(JsonObject o, String field) {
        if (!(o.get(field) instanceof JsonArray array)) {
            throw new IllegalArgumentException(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new IllegalArgumentException(field + " must be a list of strings");
            }
            out.add(s.getString());
        }
        return out;
    }
}
