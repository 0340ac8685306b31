package engram.accounts.boundary;

import java.util.Set;

import engram.accounts.entity.ApiToken;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The scripts and experimenter API (/api/experiments…, /api/archives, /api/stimulus-sets) and the operations API (/api/admin/…) need an account: HTTP Basic or a personal
 * API token, both checked by {@link EngramAuthenticationMechanism} (one path, one limiter). A logged-in session is
 * accepted for reads only, so a cross-site form can never change anything; a read-scoped token likewise. Roles are
 * checked by the resources. Runs before routing, so that anonymous callers learn nothing about which routes exist.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiAccessFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String route = path.startsWith("/") ? path.substring(1) : path;
        if (!(route.startsWith("experiments") || route.startsWith("archives") || route.startsWith("stimulus-sets")
                || route.startsWith("admin/") || route.equals("admin"))) {
            return;
        }
        if (servletRequest.getAttribute(Refusal.ATTRIBUTE) instanceof Refusal refusal) {
            request.abortWith(refuse(refusal));
        } else if (request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(refuse(new Refusal(401, ErrorCode.UNAUTHORIZED,
                    "Log in with an engram account: HTTP Basic or 'Authorization: Bearer <token>'.")));
        } else if ("session".equals(servletRequest.getAttribute(EngramAuthenticationMechanism.VIA))
                && !SAFE_METHODS.contains(request.getMethod())) {
            request.abortWith(refuse(new Refusal(403, ErrorCode.SESSION_NOT_ACCEPTED,
                    "Changes through the API need HTTP Basic or an API token; the session cookie alone is not accepted.")));
        } else if (servletRequest.getAttribute(EngramAuthenticationMechanism.TOKEN_SCOPE) == ApiToken.Scope.READ
                && !SAFE_METHODS.contains(request.getMethod())) {
            request.abortWith(refuse(new Refusal(403, ErrorCode.TOKEN_SCOPE,
                    "This API token may only read and export (scope 'read'); create a token with the 'write' scope to change anything.")));
        }
    }

    private static Response refuse(Refusal refusal) {
        Response.ResponseBuilder response = Response.status(refusal.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorAnswer.of(refusal.code(), refusal.message()));
        if (refusal.status() == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"engram\", charset=\"UTF-8\"")
                    .header("WWW-Authenticate", "Bearer realm=\"engram\"");
        }
        if (refusal.status() == 429) {
            response.header("Retry-After", "300");
        }
        return response.build();
    }
}
