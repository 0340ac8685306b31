package engram.platform;

import java.util.Map;

/**
 * A request the server refuses: an HTTP 4xx status, a machine-readable {@link ErrorCode} and a sentence for a person.
 * Thrown by controls; turned into {@code {"error": code, "message": message, ...details}} at the boundary.
 */
public class ClientError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode errorCode;
    private final String code;
    private final Map<String, Object> details;

    public ClientError(int status, ErrorCode code, String message, Map<String, Object> details) {
        this(single(code), code.code(), status, message, details);
    }

    public ClientError(int status, ErrorCode code, String message) {
        this(status, code, message, Map.of());
    }

    /** A refusal whose code is one member of a family, e.g. {@code invalid_slug} of {@link ErrorCode#INVALID_FIELD}. */
    protected ClientError(int status, ErrorCode family, String member, String message, Map<String, Object> details) {
        this(family, family.member(member), status, message, details);
    }

    private ClientError(ErrorCode errorCode, String code, int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    private static ErrorCode single(ErrorCode code) {
        if (code.isFamily()) {
            throw new IllegalArgumentException(code.code() + " is a family of codes: name its member");
        }
        return code;
    }

    public static ClientError badRequest(ErrorCode code, String message) {
        return new ClientError(400, code, message);
    }

    public static ClientError notFound(ErrorCode code, String message) {
        return new ClientError(404, code, message);
    }

    public static ClientError conflict(ErrorCode code, String message) {
        return new ClientError(409, code, message);
    }

    public int status() { return status; }
    /** The code as the error body carries it, e.g. {@code unknown_run} or {@code invalid_slug}. */
    public String code() { return code; }
    public ErrorCode errorCode() { return errorCode; }
    public Map<String, Object> details() { return details; }
}
