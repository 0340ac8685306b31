package engram.accounts.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import engram.accounts.control.AccountIdentityStore;
import engram.accounts.control.Accounts;
import engram.accounts.control.ApiTokens;
import engram.accounts.control.LoginThrottle;
import engram.accounts.entity.Account;
import engram.accounts.entity.ApiToken;
import engram.platform.ClientAddress;
import engram.platform.SecurityHeadersFilter;
import engram.platform.ErrorCode;
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
 * Who is calling, for every request: the one authentication path of engram. Pages: the account stored in the session
 * by the form login on admin/login.xhtml (anonymous requests for protected pages are redirected there); a session ends
 * when its account's credential version changes (password reset, disabled), checked on every request against the
 * database, so on every instance. API (/api/experiments…, /api/admin/…) and file downloads (/admin/files/…):
 * {@code Authorization: Basic} or {@code Bearer <token>}; a session is honoured by the API for reads only (see
 * {@link ApiAccessFilter}). Every password check, whatever the route, goes through {@link LoginThrottle#begin}.
 */
@ApplicationScoped
public class EngramAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/admin/login.xhtml";
    static final String SESSION_USER = "engram.user";
    static final String SESSION_VERSION = "engram.user.credentialVersion";
    /** How this request was authenticated: "session", "basic" or "token". */
    static final String VIA = "engram.auth.via";
    /** The {@link ApiToken.Scope} of the token that authenticated this request. */
    static final String TOKEN_SCOPE = "engram.auth.tokenScope";

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    Accounts accounts;
    @Inject
    LoginThrottle throttle;
    @Inject
    ApiTokens tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        SecurityHeadersFilter.setHeaders(request, response); // also on the answers given here, before any filter
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
        String address = ClientAddress.of(request);
        Optional<CredentialValidationResult> result = checkPassword(login, address, request);
        if (result.isEmpty()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        String username = result.get().getCallerPrincipal().getName();
        accounts.recordLogin(username);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(SESSION_USER, username);
        session.setAttribute(SESSION_VERSION, accounts.byUsername(username).map(Account::credentialVersion).orElse(-1));
        request.setAttribute(VIA, "session");
        return context.notifyContainerAboutLogin(result.get());
    }

    /**
     * The password check of every route (form, Basic, backups): refused unchecked while locked (429 whatever the
     * password), otherwise checked inside a reserved attempt. Empty, with the refusal noted, when not valid.
     */
    private Optional<CredentialValidationResult> checkPassword(UsernamePasswordCredential login, HttpServletRequest request) {
        return checkPassword(login, ClientAddress.of(request), request);
    }

    private Optional<CredentialValidationResult> checkPassword(UsernamePasswordCredential login, String address, HttpServletRequest request) {
        String username = login.getCaller();
        if (!throttle.lockedByFailures(username, address) && accounts.recentlyVerified(username, login.getPasswordAsString())) {
            // the same right password again (a script's HTTP Basic): not a guess, no reservation needed
            CredentialValidationResult known = identityStores.validate(login);
            if (known.getStatus() == CredentialValidationResult.Status.VALID) {
                return Optional.of(known);
            }
        }
        LoginThrottle.Decision decision = throttle.begin(username, address);
        if (decision instanceof LoginThrottle.Refused refused) {
            request.setAttribute(Refusal.ATTRIBUTE, tooMany(refused.retryAfter()));
            return Optional.empty();
        }
        try (LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) decision) {
            CredentialValidationResult result = identityStores.validate(login);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                attempt.succeeded();
                return Optional.of(result);
            }
            attempt.failed();
        }
        String message = "Wrong username or password.";
        Optional<Duration> locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            message += " Too many failed logins: try again in " + LoginThrottle.describe(locked.get()) + ".";
        }
        request.setAttribute(Refusal.ATTRIBUTE, new Refusal(401, ErrorCode.BAD_CREDENTIALS, message));
        return Optional.empty();
    }

    private static Refusal tooMany(Duration wait) {
        return new Refusal(429, ErrorCode.TOO_MANY_FAILURES, "Too many failed logins: try again in " + LoginThrottle.describe(wait) + ".");
    }

    private AuthenticationStatus api(String authorization, HttpServletRequest request, HttpMessageContext context) {
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decodeBase64(authorization.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return refuse(request, context, new Refusal(401, ErrorCode.BAD_CREDENTIALS, "The Basic credentials are not 'username:password' in Base64."));
            }
            UsernamePasswordCredential login = new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
            Optional<CredentialValidationResult> result = checkPassword(login, request);
            if (result.isEmpty()) {
                return refuse(request, context, (Refusal) request.getAttribute(Refusal.ATTRIBUTE));
            }
            request.setAttribute(VIA, "basic");
            return context.notifyContainerAboutLogin(result.get());
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ApiTokens.Check check = tokens.check(authorization.substring(7).trim());
            return switch (check.status()) {
                case VALID -> {
                    request.setAttribute(VIA, "token");
                    request.setAttribute(TOKEN_SCOPE, check.scope());
                    yield context.notifyContainerAboutLogin(check.account().username(), AccountIdentityStore.groups(check.account().role()));
                }
                case EXPIRED -> refuse(request, context, new Refusal(401, ErrorCode.TOKEN_EXPIRED, "This API token expired at "
                        + check.expiredAt() + "; create a new one on the API tokens page."));
                case UNKNOWN -> {
                    throttle.failedFrom(ClientAddress.of(request));
                    yield refuse(request, context, new Refusal(401, ErrorCode.BAD_CREDENTIALS,
                            "This API token is not valid (revoked, mistyped, or its account was disabled or had its password reset)."));
                }
            };
        }
        return refuse(request, context, new Refusal(401, ErrorCode.BAD_CREDENTIALS, "Use 'Authorization: Basic …' or 'Authorization: Bearer <token>'."));
    }

    private AuthenticationStatus fromSession(String path, HttpServletRequest request, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        String username = session == null ? null : (String) session.getAttribute(SESSION_USER);
        if (username != null) {
            Optional<Account> account = accounts.active(username)
                    .filter(a -> Integer.valueOf(a.credentialVersion()).equals(session.getAttribute(SESSION_VERSION)));
            if (account.isPresent()) {
                request.setAttribute(VIA, "session");
                return context.notifyContainerAboutLogin(username, AccountIdentityStore.groups(account.get().role()));
            }
            // the password was reset or the account disabled since this session logged in: it ends here
            session.invalidate();
        }
        if (context.isProtected()) {
            String query = request.getQueryString();
            String next = path + (query == null ? "" : "?" + query);
            return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

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
