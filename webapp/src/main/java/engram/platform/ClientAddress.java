package engram.platform;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is on the other end of a request, as far as it can be trusted. The shipped nginx (deploy/nginx/engram.conf)
 * talks to engram over loopback and passes the client's address in {@code X-Real-IP} and the scheme in
 * {@code X-Forwarded-Proto}; those headers are believed only when the request comes from loopback, so a client that
 * reaches engram directly cannot choose its address or claim TLS.
 */
public final class ClientAddress {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /** The client's address: X-Real-IP from the local proxy, else the peer's address. */
    public static String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (fromProxy(request)) {
            String real = request.getHeader("X-Real-IP");
            if (real != null && IP.matcher(real.trim()).matches()) {
                return real.trim();
            }
        }
        return peer;
    }

    /** True when the browser talks TLS: to engram itself, or to the local proxy ({@code X-Forwarded-Proto: https}). */
    public static boolean secure(HttpServletRequest request) {
        return request.isSecure() || (fromProxy(request) && "https".equalsIgnoreCase(String.valueOf(request.getHeader("X-Forwarded-Proto")).trim()));
    }

    private static boolean fromProxy(HttpServletRequest request) {
        return LOOPBACK.contains(request.getRemoteAddr());
    }
}
