package engram.accounts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import engram.platform.ClientError;
import engram.platform.ErrorCode;
import jakarta.el.ELException;
import jakarta.faces.FacesException;

/** Finding the role refusal that Faces wraps (FacesException around ELException around the bean's ClientError). */
class AccessDeniedExceptionHandlerFactoryTest {

    @Test
    void aWrappedRefusalIsFound() {
        ClientError forbidden = new ClientError(403, ErrorCode.FORBIDDEN, "This needs the experimenter role.");
        assertEquals(forbidden, AccessDeniedExceptionHandlerFactory.accessDenied(new FacesException(new ELException(forbidden))).orElseThrow());
        ClientError unauthorized = new ClientError(401, ErrorCode.UNAUTHORIZED, "Log in first.");
        assertEquals(unauthorized, AccessDeniedExceptionHandlerFactory.accessDenied(unauthorized).orElseThrow());
    }

    @Test
    void otherErrorsAreLeftToTheDefaultHandler() {
        assertTrue(AccessDeniedExceptionHandlerFactory.accessDenied(new FacesException(ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT, "x"))).isEmpty());
        assertTrue(AccessDeniedExceptionHandlerFactory.accessDenied(new IllegalStateException("boom")).isEmpty());
        assertTrue(AccessDeniedExceptionHandlerFactory.accessDenied(null).isEmpty());
    }
}
