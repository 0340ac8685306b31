package engram.accounts.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import engram.accounts.control.AccountIdentityStore;
import engram.accounts.control.Accounts;
import engram.accounts.control.ApiTokenCredential;
import engram.accounts.control.LoginThrottle;
import engram.accounts.entity.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Who is calling, for every request. Pages: the account stored in the session by the form login on admin/login.xhtml
 * (anonymous requests for protected pages are redirected there). API and file downloads (/admin/files/…):
 * {@code Authorization: Basic} or {@code Bearer <token>};
 * a session is honoured by the API for reads only (see {@link ApiAccessFilter}). Failed logins are throttled per
 * username and per remote address.
 */
@ApplicationScoped
public class EngramAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/admin/login.xhtml";
    static final String SESSION_USER = "engram.user";
    /** How this request was authenticated: "session", "basic" or "token". */
    static final String VIA = "engram.auth.via";

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    Accounts accounts;
    @Inject
    LoginThrottle throttle;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential credential = context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential login) {
            return formLogin(login, request, context);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader("Authorization");
        if ((path.startsWith("/api/") || path.startsWith("/admin/files/")) && authorization != null) {
            return api(authorization, request, context);
        }
        return fromSession(path, request, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_USER);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    private AuthenticationStatus formLogin(UsernamePasswordCredential login, HttpServletRequest request, HttpMessageContext context) {
        String address = request.getRemoteAddr();
        if (refusedForNow(login.getCaller(), address, request)) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result = identityStores.validate(login);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(login.getCaller(), address);
            String message = "Wrong username or password.";
            Optional<Duration> locked = throttle.lockedFor(login.getCaller(), address);
            if (locked.isPresent()) {
                message += " Too many failed logins: try again in " + LoginThrottle.describe(locked.get()) + ".";
            }
            request.setAttribute(Refusal.ATTRIBUTE, new Refusal(401, "bad_credentials", message));
            return AuthenticationStatus.SEND_FAILURE;
        }
        String username = result.getCallerPrincipal().getName();
        throttle.succeeded(username);
        accounts.recordLogin(username);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        request.getSession(true).setAttribute(SESSION_USER, username);
        request.setAttribute(VIA, "session");
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus api(String authorization, HttpServletRequest request, HttpMessageContext context) {
        String address = request.getRemoteAddr();
        Credential credential;
        String via;
        String username = null;
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decodeBase64(authorization.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return refuse(request, context, new Refusal(401, "bad_credentials", "The Basic credentials are not 'username:password' in Base64."));
            }
            username = decoded.substring(0, colon);
            credential = new UsernamePasswordCredential(username, decoded.substring(colon + 1));
            via = "basic";
        } else if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            credential = new ApiTokenCredential(authorization.substring(7).trim());
            via = "token";
        } else {
            return refuse(request, context, new Refusal(401, "bad_credentials", "Use 'Authorization: Basic …' or 'Authorization: Bearer <token>'."));
        }
        if (refusedForNow(username, address, request)) {
            return context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(username, address);
            return refuse(request, context, new Refusal(401, "bad_credentials",
                    via.equals("basic") ? "Wrong username or password." : "This API token is not valid (revoked, mistyped or its account is disabled)."));
        }
        if (username != null) {
            throttle.succeeded(username);
        }
        request.setAttribute(VIA, via);
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus fromSession(String path, HttpServletRequest request, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        String username = session == null ? null : (String) session.getAttribute(SESSION_USER);
        if (username != null) {
            Optional<Account> account = accounts.active(username);
            if (account.isPresent()) {
                request.setAttribute(VIA, "session");
                return context.notifyContainerAboutLogin(username, AccountIdentityStore.groups(account.get().role()));
            }
            session.removeAttribute(SESSION_USER);
        }
        if (context.isProtected()) {
            String query = request.getQueryString();
            String next = path + (query == null ? "" : "?" + query);
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    /** True, with the refusal noted, while this username or address is locked out. */
    private boolean refusedForNow(String username, String address, HttpServletRequest request) {
        Optional<Duration> locked = throttle.lockedFor(username, address);
        locked.ifPresent(wait -> request.setAttribute(Refusal.ATTRIBUTE, new Refusal(429, "too_many_failures",
                "Too many failed logins: try again in " + LoginThrottle.describe(wait) + ".")));
        return locked.isPresent();
    }

    /** The API answers refusals itself (JSON, see ApiAccessFilter); the request goes on unauthenticated. */
    /** API refusals are answered in JSON by {@link ApiAccessFilter}; a file download with bad credentials gets a plain 401. */
    private static AuthenticationStatus refuse(HttpServletRequest request, HttpMessageContext context, Refusal refusal) {
        request.setAttribute(Refusal.ATTRIBUTE, refusal);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") ? context.doNothing() : context.responseUnauthorized();
    }

    private static String decodeBase64(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
