package engram.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * Security headers and cookie attributes from the application itself, with or without nginx in front
 * (docs/security.md, section 8):
 * <ul>
 * <li>a Content-Security-Policy on every answer: the participant page (/run/…, /run-app/…) runs only its own ES
 * modules and styles; the Faces workspace also needs inline script and style (Faces' own). Both forbid framing
 * ({@code frame-ancestors 'none'}), plugins, and forms or base URLs that leave engram;</li>
 * <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer}
 * (participant links carry Prolific IDs);</li>
 * <li>every cookie, the container's JSESSIONID included, gets {@code SameSite=Lax}, and {@code Secure} when the browser
 * talks TLS (to engram, or to the shipped nginx: {@link ClientAddress#secure}).</li>
 * </ul>
 * The same policies are in deploy/nginx/engram.conf; browsers enforce both, so they must stay the same.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String PARTICIPANT_CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    static final String WORKSPACE_CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
            + " form-action 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        setHeaders(request, response);
        boolean secure = ClientAddress.secure(request);
        CookieResponse cookies = new CookieResponse(response, secure);
        chain.doFilter(new SessionCookieRequest(request, cookies), cookies);
        cookies.fixSetCookieHeaders();
    }

    /**
     * Sets the security headers. Also called by the authentication mechanism, which answers some requests (the redirect
     * to the login page, a 401 for a file download) before any filter runs.
     */
    public static void setHeaders(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean participant = path.startsWith("/run/") || path.startsWith("/run-app/") || path.equals("/run");
        response.setHeader("Content-Security-Policy", participant ? PARTICIPANT_CSP : WORKSPACE_CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    /** A Set-Cookie value with SameSite=Lax (unless it names its own SameSite) and, over TLS, Secure. */
    static String withAttributes(String setCookie, boolean secure) {
        String lower = setCookie.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(setCookie);
        if (!lower.contains("samesite=")) {
            out.append("; SameSite=Lax");
        }
        if (secure && !lower.matches("(?s).*;\\s*secure\\s*(;.*)?$")) {
            out.append("; Secure");
        }
        return out.toString();
    }

    /** Gives cookies the attributes as they are added, and rewrites the container's own Set-Cookie headers. */
    static final class CookieResponse extends HttpServletResponseWrapper {
        private final boolean secure;

        CookieResponse(HttpServletResponse response, boolean secure) {
            super(response);
            this.secure = secure;
        }

        @Override
        public void addCookie(Cookie cookie) {
            if (cookie.getAttribute("SameSite") == null) {
                cookie.setAttribute("SameSite", "Lax");
            }
            if (secure) {
                cookie.setSecure(true);
            }
            super.addCookie(cookie);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "Set-Cookie".equalsIgnoreCase(name) ? withAttributes(value, secure) : value);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Set-Cookie".equalsIgnoreCase(name) && value != null ? withAttributes(value, secure) : value);
        }

        /** The container writes JSESSIONID straight into the response it owns: fix those headers while they can still change. */
        void fixSetCookieHeaders() {
            HttpServletResponse real = (HttpServletResponse) getResponse();
            if (real.isCommitted()) {
                return;
            }
            Collection<String> current = real.getHeaders("Set-Cookie");
            if (current == null || current.isEmpty()) {
                return;
            }
            List<String> fixed = new ArrayList<>();
            boolean changed = false;
            for (String value : current) {
                String withAttributes = withAttributes(value, secure);
                changed |= !withAttributes.equals(value);
                fixed.add(withAttributes);
            }
            if (changed) {
                real.setHeader("Set-Cookie", fixed.get(0));
                for (int i = 1; i < fixed.size(); i++) {
                    real.addHeader("Set-Cookie", fixed.get(i));
                }
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            fixSetCookieHeaders();
            super.flushBuffer();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            fixSetCookieHeaders();
            super.sendRedirect(location);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            fixSetCookieHeaders();
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            fixSetCookieHeaders();
            super.sendError(status);
        }
    }

    /** Fixes the session cookie right after the container creates or renews a session (before the page is written). */
    static final class SessionCookieRequest extends HttpServletRequestWrapper {
        private final CookieResponse response;

        SessionCookieRequest(HttpServletRequest request, CookieResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession session = super.getSession(create);
            if (create && session != null && session.isNew()) {
                response.fixSetCookieHeaders();
            }
            return session;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public String changeSessionId() {
            String id = super.changeSessionId();
            response.fixSetCookieHeaders();
            return id;
        }
    }
}
