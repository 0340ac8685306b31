package engram.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a {@link ClientError} into its status and a JSON body {error, message, ...details}. */
@Provider
public class ClientErrorMapper implements ExceptionMapper<ClientError> {

    @Override
    public Response toResponse(ClientError error) {
        return body(error);
    }

    static Response body(ClientError error) {
        return body(error.status(), error.code(), error.getMessage(), error.details());
    }

    static Response body(int status, ErrorCode code, String message) {
        return body(status, code.code(), message, Map.of());
    }

    private static Response body(int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.putAll(details);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
