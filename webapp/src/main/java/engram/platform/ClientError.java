package engram.platform;

/**
 * A request the server refuses: an HTTP 4xx status, a machine-readable {@link ErrorCode} and a sentence for a person.
 * Thrown by controls; turned into its {@link #body()} ({@link ErrorAnswer}) at the boundary.
 */
public class ClientError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode errorCode;
    private final String code;
    private final transient ErrorAnswer.Details details;

    public ClientError(int status, ErrorCode code, String message, ErrorAnswer.Details details) {
        this(single(code), code.code(), status, message, details);
    }

    public ClientError(int status, ErrorCode code, String message) {
        this(status, code, message, ErrorAnswer.Details.NONE);
    }

    /** A refusal whose code is one member of a family, e.g. {@code invalid_slug} of {@link ErrorCode#INVALID_FIELD}. */
    protected ClientError(int status, ErrorCode family, String member, String message, ErrorAnswer.Details details) {
        this(family, family.member(member), status, message, details);
    }

    private ClientError(ErrorCode errorCode, String code, int status, String message, ErrorAnswer.Details details) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.code = code;
        this.details = details;
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
    public ErrorAnswer.Details details() { return details; }

    /** The JSON body the boundary answers with; a subclass may carry more (the ending of an already completed run). */
    public Object body() {
        return ErrorAnswer.of(code, getMessage(), details);
    }
}
