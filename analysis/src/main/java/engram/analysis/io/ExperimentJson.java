package engram.analysis.io;

import engram.core.csv.InputException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the attention rule and the sequence length from an export's experiment.json (docs/data-formats.md). The rest of
 * the file is checked for well-formed JSON and otherwise ignored. Every problem names the file, line and field.
 */
final class ExperimentJson {
    static final String MIN_VIGILANCE = "minVigilanceHitRate";
    static final String MAX_FAR = "maxFalseAlarmRate";
    static final String SEQUENCE_LENGTH = "sequenceLength";
    static final String DISPLAY_MS = "displayMs";

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ExperimentJson() {
    }

    static StudySettings read(InputStream in, String name) throws IOException {
        Double minVigilance = null;
        Double maxFar = null;
        int sequenceLength = 0;
        double displayMs = Double.NaN;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InputException(name, line(p), null, "expected a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case MIN_VIGILANCE -> minVigilance = fraction(p, value, name, field);
                    case MAX_FAR -> maxFar = fraction(p, value, name, field);
                    case SEQUENCE_LENGTH -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
                            throw new InputException(name, line(p), null, "field " + field + " must be a whole number of 0 or more, found " + p.getText());
                        }
                        sequenceLength = p.getIntValue();
                    }
                    case DISPLAY_MS -> {
                        if ((value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) || !(p.getDoubleValue() > 0)) {
                            throw new InputException(name, line(p), null, "field " + field + " must be a number of ms above 0, found " + p.getText());
                        }
                        displayMs = p.getDoubleValue();
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new InputException(name, line(p), null, "expected a field name or '}'");
            }
            if (p.nextToken() != null) {
                throw new InputException(name, line(p), null, "unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(name, Math.max(line, 0), null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (minVigilance == null) {
            throw new InputException(name, 0, null, "field " + MIN_VIGILANCE + " is missing (the experiment's minimum vigilance hit rate)");
        }
        if (maxFar == null) {
            throw new InputException(name, 0, null, "field " + MAX_FAR + " is missing (the experiment's maximum false-alarm rate)");
        }
        return new StudySettings(minVigilance, maxFar, sequenceLength, displayMs);
    }

    private static double fraction(JsonParser p, JsonToken value, String name, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InputException(name, line(p), null, "field " + field + " must be a number between 0 and 1, found " + p.getText());
        }
        double v = p.getDoubleValue();
        if (!(v >= 0 && v <= 1)) {
            throw new InputException(name, line(p), null, "field " + field + " must be between 0 and 1, found " + p.getText());
        }
        return v;
    }

    private static long line(JsonParser p) {
        return Math.max(p.currentLocation().getLineNr(), 0);
    }
}
