package engram.core.design;

import java.util.List;

/** The argument checks of the design parameter records, with the messages they throw. */
final class Arguments {

    private Arguments() {
    }

    /** @throws IllegalArgumentException "{name} must be >= {minimum}, was {value}" */
    static void atLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", was " + value);
        }
    }

    /**
     * An immutable copy of {@code values}, which must be non-blank and distinct.
     *
     * @param item what one value is, in the messages ("condition", "name")
     * @throws IllegalArgumentException "{name} must not be null", "{name} must not contain an empty {item}" or
     *                                  "{name} lists a {item} twice: {values}"
     */
    static List<String> distinct(List<String> values, String name, String item) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not contain an empty " + item);
            }
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new IllegalArgumentException(name + " lists a " + item + " twice: " + values);
        }
        return List.copyOf(values);
    }
}
