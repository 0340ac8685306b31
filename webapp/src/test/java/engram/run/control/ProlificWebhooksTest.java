package engram.run.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prolific's webhook signature, base64(HMAC-SHA256(secret, timestamp + body)). Reference values from Python's hmac and
 * base64 modules run here: base64.b64encode(hmac.new(secret, (timestamp + body).encode(), hashlib.sha256).digest()).
 */
class ProlificWebhooksTest {

    private static final String SECRET = "prolific-hook-secret-0123456789";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"event_type\":\"submission.status.change\",\"resource_id\":\"60f0\",\"status\":\"RETURNED\"}|QRASlrn9oRAT0XgE6cnrHMYw4AvjLF47aiJAAnjgP9o=",
        "{}|hARkO1wDUjI6hs7J9ZReg1XSg55bf3HspxDs98BBM0w="})
    void theSignatureMatchesPythonsHmac(String body, String expected) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, ProlificWebhooks.signature(SECRET, "1795330000", bytes));
        assertTrue(ProlificWebhooks.signatureMatches(SECRET, "1795330000", bytes, expected + " "));
        assertFalse(ProlificWebhooks.signatureMatches(SECRET, "1795330001", bytes, expected), "another timestamp");
        assertFalse(ProlificWebhooks.signatureMatches(SECRET + "x", "1795330000", bytes, expected), "another secret");
        assertFalse(ProlificWebhooks.signatureMatches(SECRET, "1795330000", (body + " ").getBytes(StandardCharsets.UTF_8), expected),
                "another body");
    }
}
