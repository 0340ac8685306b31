package engram.platform;

/** Query parameters of the APIs read as numbers, refused with a 400 that names the parameter and the value sent. */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code ?page=}: 400 {@code bad_page} when it is not a whole number (its range is the caller's to check). */
    public static int page(String value) {
        return wholeNumber("page", value, ErrorCode.BAD_PAGE);
    }

    /** {@code ?size=}: 400 {@code bad_size} when it is not a whole number (its range is the caller's to check). */
    public static int size(String value) {
        return wholeNumber("size", value, ErrorCode.BAD_SIZE);
    }

    /** The parameter {@code name} as an int; 400 with {@code code} when it is not a whole number in int range. */
    public static int wholeNumber(String name, String value, ErrorCode code) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ClientError.badRequest(code, "'" + name + "' must be a whole number; got '" + value + "'.");
        }
    }
}
