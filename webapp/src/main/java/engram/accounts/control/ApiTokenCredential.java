package engram.accounts.control;

import jakarta.security.enterprise.credential.Credential;

/** The secret from {@code Authorization: Bearer <token>}. */
public record ApiTokenCredential(String secret) implements Credential {
}
