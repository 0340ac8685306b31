package engram.run.boundary;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * /run/{slug}?PROLIFIC_PID=… serves the participant page; the page reads the slug and parameters itself. Any other
 * address under /run gets engram's own "no study here" page with status 404.
 */
@WebServlet("/run/*")
public class RunPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path == null || !path.matches("/[A-Za-z0-9_-]{1,64}/?")) {
            notFound(response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/run-app/index.html").forward(request, response);
    }

    /** engram's own page for /run/, /run and any other address under /run that names no study (404, not the container's). */
    private void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try (InputStream page = getServletContext().getResourceAsStream("/run-app/not-found.html")) {
            if (page == null) {
                throw new IOException("/run-app/not-found.html is missing from the WAR");
            }
            page.transferTo(response.getOutputStream());
        }
    }
}
