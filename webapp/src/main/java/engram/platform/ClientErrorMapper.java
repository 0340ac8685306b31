package engram.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a {@link ClientError} into its status and its JSON body ({@link ErrorAnswer}: error, message, details). */
@Provider
public class ClientErrorMapper implements ExceptionMapper<ClientError> {

    @Override
    public Response toResponse(ClientError error) {
        return body(error);
    }

    static Response body(ClientError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body()).build();
    }

    static Response body(int status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorAnswer.of(code, message)).build();
    }
}
