package engram.platform;

import java.util.Map;

/**
 * A request the server refuses: an HTTP 4xx status, a machine-readable code and a sentence for a person.
 * Thrown by controls; turned into {@code {"error": code, "message": message, ...details}} at the boundary.
 */
public class ClientError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ClientError(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ClientError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public static ClientError badRequest(String code, String message) {
        return new ClientError(400, code, message);
    }

    public static ClientError notFound(String code, String message) {
        return new ClientError(404, code, message);
    }

    public static ClientError conflict(String code, String message) {
        return new ClientError(409, code, message);
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, Object> details() { return details; }
}
