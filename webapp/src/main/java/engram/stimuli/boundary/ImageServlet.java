package engram.stimuli.boundary;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import engram.platform.Database;
import engram.stimuli.control.Thumbnails;
import engram.stimuli.entity.ImageBlob;
import engram.stimuli.entity.Thumbnail;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves stimulus images under content-hash URLs, cached for a year: a hash never changes its bytes. Their thumbnails
 * are at /img/thumb/{sha256}.jpg, made on the first request and then kept ({@link Thumbnails}).
 */
@WebServlet("/img/*")
public class ImageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern HASHED_NAME = Pattern.compile("/([0-9a-f]{64})\\.[a-z]{3,4}");
    private static final Pattern THUMBNAIL = Pattern.compile("/thumb/([0-9a-f]{64})\\.jpg");
    private static final String FOREVER = "public, max-age=31536000, immutable";

    @Inject
    transient Database database;
    @Inject
    transient Thumbnails thumbnails;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher thumb = THUMBNAIL.matcher(String.valueOf(request.getPathInfo()));
        if (thumb.matches()) {
            thumbnail(thumb.group(1), request, response);
            return;
        }
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
        response.setHeader("Cache-Control", FOREVER);
        response.setHeader("ETag", etag);
        response.setContentLength(image.bytes().length);
        response.getOutputStream().write(image.bytes());
    }

    private void thumbnail(String sha256, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String etag = "\"thumb-" + sha256 + "\"";
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        Thumbnail thumbnail = thumbnails.of(sha256).orElse(null);
        if (thumbnail == null) {
            response.sendError(404);
            return;
        }
        response.setContentType("image/jpeg");
        response.setHeader("Cache-Control", FOREVER);
        response.setHeader("ETag", etag);
        response.setContentLength(thumbnail.bytes().length);
        response.getOutputStream().write(thumbnail.bytes());
    }
}
