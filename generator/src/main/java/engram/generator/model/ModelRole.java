package engram.generator.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a model does in a stimulus pipeline, as stated in its card's {@code role} field. */
public enum ModelRole {
    GENERATOR("generator"),
    SCORE_PREDICTOR("score-predictor"),
    VMS_PREDICTOR("vms-predictor"),
    FEATURE_EXTRACTOR("feature-extractor"),
    CLASSIFIER("classifier");

    private final String json;

    ModelRole(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** Parses a role name (case-insensitive; '_' or ' ' accepted for '-'). */
    @JsonCreator
    public static ModelRole parse(String text) {
        String normal = text == null ? "" : text.trim().toLowerCase().replace('_', '-').replace(' ', '-');
        for (ModelRole role : values()) {
            if (role.json.equals(normal) || (role == VMS_PREDICTOR && normal.equals("vms-map-predictor"))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected one of "
                + Arrays.stream(values()).map(ModelRole::json).collect(Collectors.joining(", ")) + ")");
    }
}
