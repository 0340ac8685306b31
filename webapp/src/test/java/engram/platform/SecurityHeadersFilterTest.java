package engram.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    @Test
    void everyCookieGetsSameSiteLaxAndSecureOnlyOverTls() {
        assertEquals("JSESSIONID=abc; Path=/; HttpOnly; SameSite=Lax", SecurityHeadersFilter.withAttributes("JSESSIONID=abc; Path=/; HttpOnly", false));
        assertEquals("JSESSIONID=abc; Path=/; HttpOnly; SameSite=Lax; Secure", SecurityHeadersFilter.withAttributes("JSESSIONID=abc; Path=/; HttpOnly", true));
        assertEquals("a=b; SameSite=Strict; Secure", SecurityHeadersFilter.withAttributes("a=b; SameSite=Strict; Secure", true), "nothing twice");
        assertEquals("secure=yes; SameSite=Lax; Secure", SecurityHeadersFilter.withAttributes("secure=yes", true), "a cookie named secure is not the flag");
    }

    @Test
    void theParticipantPolicyHasNoInlineCodeAndBothForbidFraming() {
        assertFalse(SecurityHeadersFilter.PARTICIPANT_CSP.contains("unsafe"));
        for (String csp : new String[] {SecurityHeadersFilter.PARTICIPANT_CSP, SecurityHeadersFilter.WORKSPACE_CSP}) {
            assertEquals(true, csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'") && csp.contains("form-action 'self'"));
        }
    }
}
