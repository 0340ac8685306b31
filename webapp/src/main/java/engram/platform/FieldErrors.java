package engram.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every refused value of one form at once: the page shows each beside its field, an API client gets
 * {@code fields: {field: message, …}}. {@link Check} collects them while a form is checked.
 */
public class FieldErrors extends ClientError {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public FieldErrors(List<FieldError> errors) {
        super(400, ErrorCode.INVALID_FORM, errors.size() + " values of the form need changing; nothing was saved.", ErrorAnswer.Details.fields(byField(errors)));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static Map<String, String> byField(List<FieldError> errors) {
        Map<String, String> fields = new LinkedHashMap<>();
        errors.forEach(e -> fields.putIfAbsent(e.field(), e.getMessage()));
        return fields;
    }

    /** Collects the refusals of one form, at most one per field (the first found), in the order they were found. */
    public static final class Check {

        private final List<FieldError> errors = new ArrayList<>();

        public Check add(String field, String message) {
            if (!has(field)) {
                errors.add(new FieldError(field, message));
            }
            return this;
        }

        public boolean has(String field) {
            return errors.stream().anyMatch(e -> e.field().equals(field));
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public List<FieldError> errors() {
            return List.copyOf(errors);
        }

        public void range(int value, int min, int max, String field, String what) {
            if (value < min || value > max) {
                add(field, what + " must be between " + min + " and " + max + ".");
            }
        }

        public void fraction(double value, String field, String what) {
            if (!(value >= 0 && value <= 1)) {
                add(field, what + " must be between 0 and 1.");
            }
        }

        /** Throws nothing when every value passed; one {@link FieldError} for one problem; else {@link FieldErrors}. */
        public void throwIfAny() {
            if (errors.size() == 1) {
                throw errors.get(0);
            }
            if (!errors.isEmpty()) {
                throw new FieldErrors(errors);
            }
        }
    }
}
