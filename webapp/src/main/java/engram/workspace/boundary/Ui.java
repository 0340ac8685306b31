package engram.workspace.boundary;

import java.util.List;

import engram.accounts.boundary.AccessDeniedExceptionHandlerFactory;
import engram.experiment.control.FieldError;
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
        if (e instanceof FieldError field) {
            fieldError(formId + ":" + field.field(), field.getMessage());
        } else if (e instanceof ClientError client) {
            error(client.getMessage());
            Object problems = client.details().get("problems");
            if (problems instanceof List<?> list) {
                list.forEach(p -> error(String.valueOf(p)));
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

    /** Answers the page request with the refusal's status instead of the page (a 401/403 as 403 with the access-denied page). */
    static void notFound(ClientError e) {
        try {
            FacesContext faces = FacesContext.getCurrentInstance();
            boolean denied = e.status() == 401 || e.status() == 403;
            if (denied) {
                faces.getExternalContext().getRequestMap().put(AccessDeniedExceptionHandlerFactory.MESSAGE_ATTRIBUTE, e.getMessage());
            }
            faces.getExternalContext().responseSendError(denied ? 403 : e.status(), e.getMessage());
            faces.responseComplete();
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }

}
