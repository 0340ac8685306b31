package engram.accounts.control;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import engram.accounts.entity.Account;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Accounts: password checks, and the admin's user management (create with a role, reset a password, disable).
 * The first admin's password comes from ENGRAM_ADMIN_PASSWORD, or is generated and written to
 * {@code <data>/first-admin-password} ({@link FirstAdminPassword}).
 */
@ApplicationScoped
public class Accounts {

    public static final String ADMIN = "admin";
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** The result of a password check. */
    public enum Check { VALID, WRONG, DISABLED }

    public record Verdict(Check check, Account account) {
    }

    @Inject
    Database database;
    @Inject
    Clock clock;

    /** SHA-256 of recently verified passwords by stored hash, so that HTTP Basic does not pay for PBKDF2 on every request. */
    private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();

    public void ensureAdmin(Optional<String> configuredPassword) {
        boolean exists = database.read(em -> em.createQuery("select count(a) from Account a where a.username = :u", Long.class)
                .setParameter("u", ADMIN).getSingleResult() > 0);
        if (exists) {
            return;
        }
        if (configuredPassword.isPresent()) {
            database.writeAll(em -> em.persist(new Account(ADMIN, PasswordHasher.hash(configuredPassword.get()), Account.Role.ADMIN, clock.instant())));
            LOG.info("Created the admin account with the password from ENGRAM_ADMIN_PASSWORD");
            return;
        }
        String password = generatePassword();
        Path file = FirstAdminPassword.write(database.config().dataDirectory(), password);
        database.writeAll(em -> em.persist(new Account(ADMIN, PasswordHasher.hash(password), Account.Role.ADMIN, clock.instant())));
        LOG.info(() -> "Created the admin account; its generated password is in " + file
                + " (readable by this user only, deleted when the admin's password is changed)");
    }

    /** The account when the password is right and the account is enabled. */
    public Optional<Account> authenticate(String username, String password) {
        Verdict verdict = check(username, password);
        return verdict.check() == Check.VALID ? Optional.of(verdict.account()) : Optional.empty();
    }

    /** Checks a password; DISABLED is only told when the password is right. */
    public Verdict check(String username, String password) {
        if (username == null || password == null) {
            return new Verdict(Check.WRONG, null);
        }
        Optional<Account> account = byUsername(username);
        if (account.isEmpty()) {
            PasswordHasher.matches(password, DUMMY_HASH);
            return new Verdict(Check.WRONG, null);
        }
        String stored = account.get().passwordHash();
        String digest = sha256(stored + "\u0000" + password);
        if (!digest.equals(verified.get(stored))) {
            if (!PasswordHasher.matches(password, stored)) {
                return new Verdict(Check.WRONG, null);
            }
            verified.put(stored, digest);
        }
        return account.get().disabled() ? new Verdict(Check.DISABLED, account.get()) : new Verdict(Check.VALID, account.get());
    }

    /**
     * True when this exact password was verified for this account recently (an in-memory digest, no PBKDF2): a script
     * repeating its right HTTP Basic password is not a guess, so the limiter need not reserve a place for it.
     */
    public boolean recentlyVerified(String username, String password) {
        if (username == null || password == null) {
            return false;
        }
        return byUsername(username).map(a -> sha256(a.passwordHash() + "\u0000" + password).equals(verified.get(a.passwordHash())))
                .orElse(false);
    }

    public Optional<Account> byUsername(String username) {
        return database.read(em -> findByUsername(em, username));
    }

    /** An enabled account by name, for a session that is already logged in. */
    public Optional<Account> active(String username) {
        return byUsername(username).filter(a -> !a.disabled());
    }

    public void recordLogin(String username) {
        database.writeAll(em -> findByUsername(em, username).ifPresent(a -> a.loggedIn(clock.instant())));
    }

    public List<Account> all() {
        return database.read(em -> em.createQuery("select a from Account a order by a.username", Account.class).getResultList());
    }

    /** Creates an account; every problem with the input is reported at once and nothing is stored. */
    public Account create(String username, String password, Account.Role role) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = username == null ? "" : username.trim();
        if (!USERNAME.matcher(name).matches()) {
            problems.put("username", "Use 3–64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
        } else if (byUsername(name).isPresent()) {
            problems.put("username", "The username '" + name + "' is taken.");
        }
        PasswordPolicy.problem(name, password).ifPresent(p -> problems.put("password", p));
        if (role == null) {
            problems.put("role", "Choose a role.");
        }
        if (!problems.isEmpty()) {
            throw new AccountInputException(problems);
        }
        String hash = PasswordHasher.hash(password);
        return database.write(em -> {
            Account account = new Account(name, hash, role, clock.instant());
            em.persist(account);
            return account;
        });
    }

    /** A new password: the account's sessions (on every instance) and all its API tokens end, in one transaction. */
    public void resetPassword(String username, String password) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (username == null || byUsername(username).isEmpty()) {
            problems.put("account", "Choose an existing account.");
        }
        PasswordPolicy.problem(username, password).ifPresent(p -> problems.put("password", p));
        if (!problems.isEmpty()) {
            throw new AccountInputException(problems);
        }
        String hash = PasswordHasher.hash(password);
        database.writeAll(em -> {
            Account account = findByUsername(em, username).orElseThrow();
            account.changePasswordHash(hash);
            ApiTokens.revokeAll(em, account);
        });
        if (ADMIN.equals(username)) {
            FirstAdminPassword.delete(database.config().dataDirectory());
        }
    }

    /** Disables or enables an account; nobody can disable their own. Disabling ends its sessions and deletes its tokens. */
    public void setDisabled(String username, boolean disabled, String byWhom) {
        if (disabled && username != null && username.equals(byWhom)) {
            throw AccountInputException.of("account", "You cannot disable your own account.");
        }
        boolean found = database.write(em -> findByUsername(em, username).map(a -> {
            a.setDisabled(disabled);
            if (disabled) {
                ApiTokens.revokeAll(em, a);
            }
            return true;
        }).orElse(false));
        if (!found) {
            throw AccountInputException.of("account", "There is no account called '" + username + "'.");
        }
    }

    private static Optional<Account> findByUsername(EntityManager em, String username) {
        return em.createQuery("select a from Account a where a.username = :u", Account.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** Checked when the username is unknown, so that a wrong username takes as long as a wrong password. */
    private static final String DUMMY_HASH = PasswordHasher.hash("engram-timing-equaliser");
}
