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
 * Faces pages: a refusal of the caller's rights ({@code CurrentUser.require} throws a 401/403 {@link ClientError}) from
 * a bean's action, {@code @PostConstruct} or getter ends on the access-denied page with HTTP 403, never a 500.
 * Registered in WEB-INF/faces-config.xml.
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

    /** The 401/403 refusal somewhere in the cause chain of what a bean threw (Faces wraps it in FacesException and ELException). */
    static Optional<ClientError> accessDenied(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientError refusal && (refusal.status() == 401 || refusal.status() == 403)) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    private static final class AccessDeniedExceptionHandler extends ExceptionHandlerWrapper {

        AccessDeniedExceptionHandler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
                ExceptionQueuedEventContext event = events.next().getContext();
                Optional<ClientError> refusal = accessDenied(event.getException());
                FacesContext faces = event.getContext();
                ExternalContext external = faces.getExternalContext();
                if (refusal.isPresent() && !external.isResponseCommitted()) {
                    events.remove();
                    external.getRequestMap().put(MESSAGE_ATTRIBUTE, refusal.get().getMessage());
                    external.responseReset();
                    try {
                        external.responseSendError(403, refusal.get().getMessage());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    faces.responseComplete();
                }
            }
            getWrapped().handle();
        }
    }
}
