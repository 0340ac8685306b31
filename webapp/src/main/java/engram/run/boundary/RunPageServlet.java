package engram.run.boundary;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** /run/{slug}?PROLIFIC_PID=… serves the participant page; the page reads the slug and parameters itself. */
@WebServlet("/run/*")
public class RunPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path == null || !path.matches("/[A-Za-z0-9_-]{1,64}/?")) {
            response.sendError(404, "No study at this address.");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/run-app/index.html").forward(request, response);
    }
}
