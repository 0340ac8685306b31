package engram.accounts.boundary;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import engram.accounts.control.Accounts;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** HTTP Basic for the experimenter API (/api/experiments/…): anonymous or wrong credentials get 401. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthFilter implements ContainerRequestFilter {

    @Inject
    Accounts accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("experiments")) {
            return;
        }
        String header = request.getHeaderString("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(header.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon > 0 && accounts.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)).isPresent()) {
                return;
            }
        }
        request.abortWith(Response.status(401)
                .header("WWW-Authenticate", "Basic realm=\"engram\", charset=\"UTF-8\"")
                .type("application/json")
                .entity("{\"error\":\"unauthorized\",\"message\":\"Log in with an engram account (HTTP Basic).\"}")
                .build());
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
