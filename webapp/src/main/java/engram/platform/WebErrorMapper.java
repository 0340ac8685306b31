package engram.platform;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives framework errors (bad JSON, unknown routes, too-large bodies) the same JSON shape as engram's own refusals, and a
 * database that does not answer 503 {@code database_unavailable} with Retry-After instead of an opaque 500.
 */
@Provider
public class WebErrorMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(WebErrorMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException exception) {
        ClientError refusal = cause(exception, ClientError.class);
        if (refusal != null) {
            return ClientErrorMapper.body(refusal);
        }
        TooLarge tooLarge = cause(exception, TooLarge.class);
        if (tooLarge != null) {
            return ClientErrorMapper.body(413, ErrorCode.BODY_TOO_LARGE, BodyLimits.tooLarge(tooLarge.limit));
        }
        if (causedBy(exception, JsonbException.class) || exception instanceof ProcessingException) {
            return ClientErrorMapper.body(400, ErrorCode.BAD_JSON, "The request body is not valid JSON of the expected shape.");
        }
        if (exception instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "Request failed", LogText.bounded(web));
            }
            return ClientErrorMapper.body(status, codeFor(status), messageFor(status, web));
        }
        if (DatabaseOutage.isOutage(exception)) {
            LOG.warning(() -> "Request refused, the database does not answer: " + LogText.clip(String.valueOf(rootCause(exception))));
            return Response.fromResponse(ClientErrorMapper.body(503, ErrorCode.DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.log(Level.SEVERE, "Request failed", LogText.bounded(exception));
        return ClientErrorMapper.body(500, ErrorCode.SERVER_ERROR, "The server could not handle this request; it has been logged.");
    }

    static final String DATABASE_UNAVAILABLE = "The database is not answering, so nothing was read or stored. Try again in a minute.";
    static final int RETRY_AFTER_SECONDS = 30;

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        for (int depth = 0; depth < 16 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** Thrown by {@link BodyLimitFilter} when a body passes the limit, possibly deep inside the JSON parser. */
    static final class TooLarge extends WebApplicationException {
        private static final long serialVersionUID = 1L;
        final int limit;

        TooLarge(int limit) {
            super(413);
            this.limit = limit;
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            default -> status >= 500 ? ErrorCode.SERVER_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    private static String messageFor(int status, WebApplicationException web) {
        return switch (status) {
            case 413 -> "The request body is too large.";
            case 404 -> "There is nothing at this address.";
            case 400 -> "The request body is missing or is not valid JSON of the expected shape.";
            default -> web == null || web.getMessage() == null ? "The request was refused." : web.getMessage();
        };
    }
}
