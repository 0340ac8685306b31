package engram.accounts.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A personal API token for scripts. Only its SHA-256 is stored; revoking deletes it. Its scope says what it may do
 * within its owner's role, and it may expire.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;
    private String name;
    @Column(name = "token_hash")
    private String tokenHash;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Enumerated(EnumType.STRING)
    private Scope scope;
    @Column(name = "expires_at")
    private Instant expiresAt;

    /** READ: reads and exports only (GET); WRITE: every request the owner's role allows. */
    public enum Scope { READ, WRITE }

    protected ApiToken() {
    }

    public ApiToken(Account account, String name, String tokenHash, Instant createdAt, Scope scope, Instant expiresAt) {
        this.account = account;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.scope = scope;
        this.expiresAt = expiresAt;
    }

    /** True from the expiry on; a token without an expiry never expires. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public void used(Instant now) {
        this.lastUsedAt = now;
    }

    public Long id() { return id; }
    public Account account() { return account; }
    public String name() { return name; }
    public String tokenHash() { return tokenHash; }
    public Instant createdAt() { return createdAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public Scope scope() { return scope; }
    public Instant expiresAt() { return expiresAt; }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiToken t && id != null && id.equals(t.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
