package engram.stimuli.boundary;

import java.io.IOException;
import java.util.Locale;

import engram.stimuli.control.StimulusSets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An upload over the multipart limit is refused before it is read, naming the limit: 413 with a short page. Without
 * this the container drops the form and the page answered "Form expired".
 */
@WebFilter(urlPatterns = "/admin/stimuli.xhtml")
public class UploadSizeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** web.xml's max-request-size: the zip plus 1 MiB for the form's other fields. */
    static final long MAX_REQUEST_BYTES = StimulusSets.MAX_UPLOAD_BYTES + 1024 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String type = request.getContentType();
        long length = request.getContentLengthLong();
        if ("POST".equals(request.getMethod()) && type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")
                && length > MAX_REQUEST_BYTES) {
            response.setStatus(413);
            response.setHeader("Connection", "close");
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Upload too large · engram</title></head>"
                    + "<body><h1>The upload is too large</h1><p>It has " + String.format(Locale.ROOT, "%,d", length) + " bytes; a stimulus-set zip may have at most "
                    + String.format(Locale.ROOT, "%,d", StimulusSets.MAX_UPLOAD_BYTES) + " bytes (500 MiB). Nothing was stored.</p>"
                    + "<p>Split the set, or put it in a folder under an import root on the server and import it from there.</p>"
                    + "<p><a href=\"" + request.getContextPath() + "/admin/stimuli.xhtml\">Back to the stimulus sets</a></p></body></html>");
            return;
        }
        chain.doFilter(request, response);
    }
}
