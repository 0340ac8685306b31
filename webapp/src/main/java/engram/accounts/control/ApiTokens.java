package engram.accounts.control;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import engram.accounts.entity.Account;
import engram.accounts.entity.ApiToken;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Personal API tokens: created and revoked by their owner, shown once, stored as SHA-256, checked for
 * {@code Authorization: Bearer}. Each has a scope (read/export or write) and an optional expiry. A password reset or
 * disabling the account deletes all of the account's tokens ({@link Accounts}).
 */
@ApplicationScoped
public class ApiTokens {

    public static final String PREFIX = "engram_";
    static final int MAX_NAME_LENGTH = 100;
    /** last_used_at is written at most this often per token, so that a busy script does not write on every call. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The longest expiry a token may be given, in days; no expiry at all is also allowed. */
    public static final int MAX_EXPIRY_DAYS = 3650;

    /** A new token: {@code secret} is shown to its owner once and never stored. */
    public record Created(ApiToken token, String secret) {
    }

    /** What a presented token is worth: VALID (with its owner and scope), EXPIRED (with the time), or UNKNOWN. */
    public record Check(Status status, Account account, ApiToken.Scope scope, java.time.Instant expiredAt) {
        public enum Status { VALID, EXPIRED, UNKNOWN }

        static final Check UNKNOWN = new Check(Status.UNKNOWN, null, null, null);
    }

    @Inject
    Database database;
    @Inject
    Clock clock;

    /** A write-scoped token that never expires (as tokens were before scopes existed). */
    public Created create(String username, String name) {
        return create(username, name, ApiToken.Scope.WRITE, null);
    }

    /**
     * Creates a token; every problem is reported at once and nothing is stored.
     *
     * @param expiresInDays days until it expires (1 to {@value #MAX_EXPIRY_DAYS}), or null for never
     */
    public Created create(String username, String name, ApiToken.Scope scope, Integer expiresInDays) {
        String label = name == null ? "" : name.trim();
        java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (label.isEmpty()) {
            problems.put("name", "Give the token a name, e.g. the script that uses it.");
        } else if (label.length() > MAX_NAME_LENGTH) {
            problems.put("name", "Use at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (scope == null) {
            problems.put("scope", "Choose what the token may do: read and export, or also write.");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_EXPIRY_DAYS)) {
            problems.put("expiry", "Choose an expiry between 1 and " + MAX_EXPIRY_DAYS + " days, or none.");
        }
        if (!problems.isEmpty()) {
            throw new AccountInputException(problems);
        }
        java.time.Instant now = clock.instant();
        java.time.Instant expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = database.write(em -> {
            Account owner = em.createQuery("select a from Account a where a.username = :u", Account.class)
                    .setParameter("u", username).getSingleResult();
            ApiToken created = new ApiToken(owner, label, Accounts.sha256(secret), now, scope, expiresAt);
            em.persist(created);
            return created;
        });
        return new Created(token, secret);
    }

    public List<ApiToken> of(String username) {
        return database.read(em -> em.createQuery("select t from ApiToken t where t.account.username = :u order by t.id", ApiToken.class)
                .setParameter("u", username).getResultList());
    }

    /** Deletes one of the user's own tokens; false when the user has no such token. */
    public boolean revoke(String username, long tokenId) {
        return database.write(em -> {
            ApiToken token = em.find(ApiToken.class, tokenId);
            if (token == null || !token.account().username().equals(username)) {
                return false;
            }
            em.remove(token);
            return true;
        });
    }

    /** The enabled account that owns this token when it is valid (known and not expired), noting when it was used. */
    public Optional<Account> authenticate(String secret) {
        Check check = check(secret);
        return check.status() == Check.Status.VALID ? Optional.of(check.account()) : Optional.empty();
    }

    /** Checks a presented token: its owner must be enabled and it must not have expired. A valid use is noted. */
    public Check check(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Check.UNKNOWN;
        }
        String hash = Accounts.sha256(secret);
        java.time.Instant now = clock.instant();
        return database.write(em -> em.createQuery("select t from ApiToken t where t.tokenHash = :h", ApiToken.class)
                .setParameter("h", hash).getResultStream().findFirst()
                .filter(t -> !t.account().disabled())
                .map(t -> {
                    if (t.expiredAt(now)) {
                        return new Check(Check.Status.EXPIRED, null, null, t.expiresAt());
                    }
                    if (t.lastUsedAt() == null || t.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
                        t.used(now);
                    }
                    return new Check(Check.Status.VALID, t.account(), t.scope(), null);
                }).orElse(Check.UNKNOWN));
    }

    /** Deletes every token of the account (password reset, disabling), inside the caller's transaction. */
    static int revokeAll(jakarta.persistence.EntityManager em, Account account) {
        return em.createQuery("delete from ApiToken t where t.account = :a").setParameter("a", account).executeUpdate();
    }
}
