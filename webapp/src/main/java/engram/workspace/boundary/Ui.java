package engram.workspace.boundary;

import java.util.List;

import engram.accounts.boundary.AccessDeniedExceptionHandlerFactory;
import engram.platform.FieldError;
import engram.platform.FieldErrors;
import engram.platform.ClientError;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

/** Faces messages for the workspace beans: refusals from the controls become field or page messages. */
final class Ui {

    private Ui() {
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    /** An info message that survives the redirect the action returns. */
    static void infoAfterRedirect(String text) {
        info(text);
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }

    /** A warning (something the experimenter should check) that survives the redirect the action returns. */
    static void warnAfterRedirect(String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }

    static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    static void fieldError(String clientId, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        faces.validationFailed();
    }

    /**
     * Shows a refusal: next to its field (inside {@code formId}) when it names one, else at the top of the page.
     * A refusal of the caller's rights (401/403) is thrown on, to the access-denied page with HTTP 403
     * ({@code AccessDeniedExceptionHandlerFactory}).
     */
    static void refused(RuntimeException e, String formId) {
        if (e instanceof ClientError client && (client.status() == 401 || client.status() == 403)) {
            throw client;
        }
        if (e instanceof FieldErrors fields) {
            error(fields.errors().size() + " values need changing, each shown beside its field. Nothing was saved.");
            fields.errors().forEach(field -> fieldError(formId + ":" + field.field(), field.getMessage()));
        } else if (e instanceof FieldError field) {
            fieldError(formId + ":" + field.field(), field.getMessage());
        } else if (e instanceof ClientError client) {
            error(client.getMessage());
            List<String> problems = client.details().problems();
            if (problems != null) {
                problems.forEach(Ui::error);
            }
        } else {
            error(e.getMessage());
        }
        FacesContext.getCurrentInstance().validationFailed();
    }

    static String param(String name) {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get(name);
    }

    static int intParam(String name, int fallback) {
        try {
            String value = param(name);
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The server's own address as the browser sees it, e.g. https://study.example.org (no trailing slash). */
    static String baseUrl() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        String scheme = external.getRequestScheme();
        int port = external.getRequestServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String context = external.getRequestContextPath();
        return scheme + "://" + external.getRequestServerName() + (defaultPort ? "" : ":" + port) + (context == null ? "" : context);
    }

    /**
     * Ends the page request with the refusal's status and engram's error page, never a half-rendered page: thrown on
     * to {@code AccessDeniedExceptionHandlerFactory} (404 for an unknown slug, 403 for missing rights).
     */
    static void notFound(ClientError e) {
        throw e;
    }

    /** A page number from the query: 0 when missing or not a number, and at most {@value #MAX_PAGE} (no overflow). */
    static int pageParam() {
        return Math.min(MAX_PAGE, Math.max(0, intParam("page", 0)));
    }

    static final int MAX_PAGE = 1_000_000;
}
