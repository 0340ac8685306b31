package engram.workspace.boundary;

import java.io.IOException;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.experiment.control.Markdown;
import engram.platform.ClientError;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * POST /admin/preview (form field {@code text}): the HTML participants would see for that Markdown, rendered by the
 * same {@link Markdown} the server stores texts with, for the live preview on the experiment page
 * ({@code resources/workspace/preview.js}). Changes nothing; at most 50,000 characters, like the texts themselves.
 */
@WebServlet("/admin/preview")
public class PreviewServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_CHARS = 50_000;

    @Inject
    transient CurrentUser currentUser;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            currentUser.require(Account.Role.ANALYST);
        } catch (ClientError e) {
            response.sendError(e.status(), e.getMessage());
            return;
        }
        request.setCharacterEncoding("UTF-8");
        String text = request.getParameter("text");
        if (text != null && text.length() > MAX_CHARS) {
            response.sendError(413, "At most 50,000 characters.");
            return;
        }
        response.setContentType("text/html; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Markdown.toHtml(text));
    }
}
