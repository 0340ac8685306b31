package engram.platform;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Caps every request body before anything reads it (docs/security.md, section 1). A declared length over the path's
 * limit is refused with 413 at once. A body without a declared length (chunked) is accepted only by the JSON API, whose
 * reads {@link BodyLimitFilter} counts; pages refuse it with 411, because the container parses form bodies itself.
 * Multipart bodies are accepted only by the upload page, whose parts the container spools to disk under the web.xml
 * multipart limits; anywhere else they are refused with 415 before a part is parsed.
 */
@WebFilter(filterName = "BodyLimits", urlPatterns = "/*", asyncSupported = true)
public class BodyLimits extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The participant API (/api/runs…): one trial with its boxes is a few hundred bytes. */
    public static final int PARTICIPANT_API_BYTES = 64 * 1024;
    /** Prolific webhooks (/api/prolific/…): one status-change event is well under 1 KiB. */
    public static final int WEBHOOK_BYTES = 64 * 1024;
    /** A study archive or a stimulus-set zip imported through the API (/api/archives, /api/stimulus-sets), as large as a workspace upload. */
    public static final int ARCHIVE_BYTES = 500 * 1024 * 1024;
    /** Any other API request and every non-multipart form post to a page. */
    public static final int OTHER_BYTES = 1024 * 1024;
    /** Pages that take file uploads (h:inputFile), the only place a multipart body is accepted. */
    public static final Set<String> UPLOAD_PAGES = Set.of("/admin/stimuli.xhtml");
    private static final long DRAIN_LIMIT_BYTES = 1024 * 1024;

    /** The most bytes a body sent to this path (relative to the context root, e.g. "/api/runs") may have. */
    public static int limitFor(String path) {
        if (path.startsWith("/api/runs")) {
            return PARTICIPANT_API_BYTES;
        }
        if (path.startsWith("/api/prolific/")) {
            return WEBHOOK_BYTES;
        }
        if (path.equals("/api/archives") || path.equals("/api/stimulus-sets")) {
            return ARCHIVE_BYTES;
        }
        return OTHER_BYTES;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        long declared = request.getContentLengthLong();
        boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        boolean api = path.startsWith("/api/");
        if (type.startsWith("multipart/")) {
            if (!UPLOAD_PAGES.contains(path)) {
                refuse(request, response, api, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Multipart bodies are accepted only by the upload page.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        int limit = limitFor(path);
        if (declared > limit) {
            refuse(request, response, api, 413, ErrorCode.BODY_TOO_LARGE, tooLarge(limit));
            return;
        }
        if (chunked && !api) {
            drain(request);
            response.sendError(411, "A form body must declare its Content-Length.");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Reads and discards up to 1 MiB of the refused body (8 KiB at a time), so that a client that sent a modest body
     * gets the answer and its connection stays usable: over HTTP/2 (h2c, which Java's HttpClient asks for) an unread
     * body would leave the connection's flow-control window spent and stall the client's next request.
     */
    private static void drain(HttpServletRequest request) {
        try {
            var in = request.getInputStream();
            byte[] sink = new byte[8192];
            long total = 0;
            for (int n = in.read(sink); n > 0 && total < DRAIN_LIMIT_BYTES; n = in.read(sink)) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the refusal stands whatever happens to the rest of the body
        }
    }

    static String tooLarge(int limit) {
        return "The request body is larger than " + limit + " bytes.";
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, boolean api, int status, ErrorCode code,
                               String message) throws IOException {
        drain(request);
        if (!api) {
            response.sendError(status, message);
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + code.code() + "\",\"message\":\"" + message + "\"}");
    }
}
