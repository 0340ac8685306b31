package engram.accounts.entity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A person who logs in to the experimenter side. The password is kept only as a PBKDF2 hash. */
@Entity
public class Account {

    /** ADMIN manages users and may do everything; EXPERIMENTER edits experiments; ANALYST reads and exports. */
    public enum Role {
        ADMIN, EXPERIMENTER, ANALYST;

        /** This role and every weaker one: the groups a caller with this role is in (ADMIN ⊃ EXPERIMENTER ⊃ ANALYST). */
        public Set<Role> implied() {
            return switch (this) {
                case ADMIN -> EnumSet.allOf(Role.class);
                case EXPERIMENTER -> EnumSet.of(EXPERIMENTER, ANALYST);
                case ANALYST -> EnumSet.of(ANALYST);
            };
        }

        public boolean includes(Role other) {
            return implied().contains(other);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String username;
    @Column(name = "password_hash")
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Column(name = "created_at")
    private Instant createdAt;
    private boolean disabled;
    @Column(name = "last_login_at")
    private Instant lastLoginAt;
    /** Raised by a password reset and by disabling: sessions opened under an older version end (on every instance). */
    @Column(name = "credential_version")
    private int credentialVersion;

    protected Account() {
    }

    public Account(String username, String passwordHash, Role role, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    /** A new password: sessions opened with the old one end. */
    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
        credentialVersion++;
    }

    /** Disabling ends the account's sessions; enabling does not bring them back. */
    public void setDisabled(boolean disabled) {
        if (disabled && !this.disabled) {
            credentialVersion++;
        }
        this.disabled = disabled;
    }

    public void loggedIn(Instant now) {
        this.lastLoginAt = now;
    }

    public Long id() { return id; }
    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public Role role() { return role; }
    public Instant createdAt() { return createdAt; }
    public boolean disabled() { return disabled; }
    public Instant lastLoginAt() { return lastLoginAt; }
    public int credentialVersion() { return credentialVersion; }

    @Override
    public boolean equals(Object other) {
        return other instanceof Account a && id != null && id.equals(a.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
