package engram.stimuli.boundary;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import engram.platform.Database;
import engram.stimuli.entity.ImageBlob;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Serves stimulus images under content-hash URLs, cached for a year: a hash never changes its bytes. */
@WebServlet("/img/*")
public class ImageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern HASHED_NAME = Pattern.compile("/([0-9a-f]{64})\\.[a-z]{3,4}");

    @Inject
    transient Database database;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher name = HASHED_NAME.matcher(String.valueOf(request.getPathInfo()));
        if (!name.matches()) {
            response.sendError(404);
            return;
        }
        String sha256 = name.group(1);
        String etag = "\"" + sha256 + "\"";
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        ImageBlob image = database.read(em -> em.find(ImageBlob.class, sha256));
        if (image == null) {
            response.sendError(404);
            return;
        }
        response.setContentType(image.contentType());
        response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        response.setHeader("ETag", etag);
        response.setContentLength(image.bytes().length);
        response.getOutputStream().write(image.bytes());
    }
}
