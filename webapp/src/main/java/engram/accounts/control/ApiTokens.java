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

/** Personal API tokens: created and revoked by their owner, shown once, stored as SHA-256, checked for {@code Authorization: Bearer}. */
@ApplicationScoped
public class ApiTokens {

    public static final String PREFIX = "engram_";
    static final int MAX_NAME_LENGTH = 100;
    /** last_used_at is written at most this often per token, so that a busy script does not write on every call. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token: {@code secret} is shown to its owner once and never stored. */
    public record Created(ApiToken token, String secret) {
    }

    @Inject
    Database database;
    @Inject
    Clock clock;

    public Created create(String username, String name) {
        String label = name == null ? "" : name.trim();
        if (label.isEmpty()) {
            throw AccountInputException.of("name", "Give the token a name, e.g. the script that uses it.");
        }
        if (label.length() > MAX_NAME_LENGTH) {
            throw AccountInputException.of("name", "Use at most " + MAX_NAME_LENGTH + " characters.");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = database.write(em -> {
            Account owner = em.createQuery("select a from Account a where a.username = :u", Account.class)
                    .setParameter("u", username).getSingleResult();
            ApiToken created = new ApiToken(owner, label, Accounts.sha256(secret), clock.instant());
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

    /** The enabled account that owns this token, noting when it was used. */
    public Optional<Account> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = Accounts.sha256(secret);
        return database.write(em -> em.createQuery("select t from ApiToken t where t.tokenHash = :h", ApiToken.class)
                .setParameter("h", hash).getResultStream().findFirst()
                .filter(t -> !t.account().disabled())
                .map(t -> {
                    if (t.lastUsedAt() == null || t.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(clock.instant())) {
                        t.used(clock.instant());
                    }
                    return t.account();
                }));
    }
}
