package engram.accounts.control;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import engram.accounts.entity.Account;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Accounts and password checks. The first admin's password comes from ENGRAM_ADMIN_PASSWORD, or is generated and printed once. */
@ApplicationScoped
public class Accounts {

    public static final String ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @Inject
    Database database;
    @Inject
    Clock clock;

    /** Recently verified (username, password) pairs, so that HTTP Basic does not pay for PBKDF2 on every request. */
    private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();

    public void ensureAdmin(Optional<String> configuredPassword) {
        boolean exists = database.read(em -> em.createQuery("select count(a) from Account a where a.username = :u", Long.class)
                .setParameter("u", ADMIN).getSingleResult() > 0);
        if (exists) {
            return;
        }
        String password = configuredPassword.orElseGet(Accounts::generatePassword);
        database.writeAll(em -> em.persist(new Account(ADMIN, PasswordHasher.hash(password), Account.Role.ADMIN, clock.instant())));
        if (configuredPassword.isPresent()) {
            LOG.info("Created the admin account with the password from ENGRAM_ADMIN_PASSWORD");
        } else {
            String banner = "\n=====================================================================\n"
                    + " engram admin login (shown once; only its hash is stored):\n"
                    + "   user: " + ADMIN + "\n   password: " + password + "\n"
                    + "=====================================================================";
            System.out.println(banner);
        }
    }

    public Optional<Account> authenticate(String username, String password) {
        Optional<Account> account = database.read(em -> em.createQuery("select a from Account a where a.username = :u", Account.class)
                .setParameter("u", username).getResultStream().findFirst());
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String stored = account.get().passwordHash();
        if (password.equals(verified.get(stored)) || PasswordHasher.matches(password, stored)) {
            verified.put(stored, password);
            return account;
        }
        return Optional.empty();
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
