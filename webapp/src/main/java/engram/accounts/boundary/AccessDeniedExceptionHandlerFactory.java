package engram.accounts.boundary;

import java.util.Iterator;
import java.util.Optional;

import engram.platform.ClientError;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;

/**
 * Faces pages end on a friendly page with the right status, never a stack trace. Registered in WEB-INF/faces-config.xml.
 * <ul>
 * <li>A refusal of the caller's rights ({@code CurrentUser.require} throws a 401/403 {@link ClientError}) from a bean's
 * action, {@code @PostConstruct} or getter: HTTP 403 and the access-denied page.</li>
 * <li>Any other {@link ClientError} thrown while a page is built, e.g. an unknown slug (404): that status and
 * admin/error.xhtml with the refusal's sentence.</li>
 * <li>A form whose view state cannot be restored (expired, forged or garbled): HTTP 400 and admin/error.xhtml.</li>
 * </ul>
 * Anything else goes on to the container, whose error page for every exception is admin/error.xhtml (HTTP 500).
 */
public class AccessDeniedExceptionHandlerFactory extends ExceptionHandlerFactory {

    /** The request attribute that carries the refusal's sentence to admin/access-denied.xhtml. */
    public static final String MESSAGE_ATTRIBUTE = "engram.accessDenied";

    public AccessDeniedExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new AccessDeniedExceptionHandler(getWrapped().getExceptionHandler());
    }

    /** The request attribute that carries a 400/404 sentence to admin/error.xhtml. */
    public static final String ERROR_ATTRIBUTE = "engram.error";

    /** Any ClientError in the cause chain (Faces wraps it in FacesException and ELException). */
    static Optional<ClientError> clientError(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientError refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    /** True for a post whose view state could not be restored: expired, forged or garbled (Faces throws at RESTORE_VIEW). */
    static boolean unrestorable(Throwable thrown, jakarta.faces.event.PhaseId phase) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.faces.application.ViewExpiredException) {
                return true;
            }
        }
        return phase == jakarta.faces.event.PhaseId.RESTORE_VIEW && thrown instanceof jakarta.faces.FacesException;
    }

    /** The 401/403 refusal somewhere in the cause chain of what a bean threw (Faces wraps it in FacesException and ELException). */
    static Optional<ClientError> accessDenied(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientError refusal && (refusal.status() == 401 || refusal.status() == 403)) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    private static void sendError(FacesContext faces, int status, String message) {
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        try {
            external.responseSendError(status, message);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    private static final class AccessDeniedExceptionHandler extends ExceptionHandlerWrapper {

        AccessDeniedExceptionHandler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
                ExceptionQueuedEventContext event = events.next().getContext();
                Throwable thrown = event.getException();
                Optional<ClientError> refusal = accessDenied(thrown);
                Optional<ClientError> client = clientError(thrown);
                FacesContext faces = event.getContext();
                ExternalContext external = faces.getExternalContext();
                if (external.isResponseCommitted()) {
                    continue;
                }
                if (refusal.isPresent()) {
                    events.remove();
                    external.getRequestMap().put(MESSAGE_ATTRIBUTE, refusal.get().getMessage());
                    sendError(faces, 403, refusal.get().getMessage());
                } else if (client.isPresent() && client.get().status() >= 400 && client.get().status() < 500) {
                    events.remove();
                    external.getRequestMap().put(ERROR_ATTRIBUTE, client.get().getMessage());
                    sendError(faces, client.get().status(), client.get().getMessage());
                } else if (unrestorable(thrown, event.getPhaseId())) {
                    events.remove();
                    external.getRequestMap().put(ERROR_ATTRIBUTE, "This form had expired or did not come from engram,"
                            + " so nothing was changed. Reload the page and try again.");
                    sendError(faces, 400, "Form expired");
                }
            }
            getWrapped().handle();
        }
    }
}
