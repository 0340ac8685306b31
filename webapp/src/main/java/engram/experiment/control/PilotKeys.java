package engram.experiment.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * "Try as participant" links: {@code /run/{slug}?pilot=KEY}, where KEY = expiry (epoch seconds) "." HMAC-SHA256(slug "|" expiry)
 * under a server secret kept in the server_secret table. A valid key opens a pilot run whatever the experiment's status.
 */
@ApplicationScoped
public class PilotKeys {

    static final Duration VALID_FOR = Duration.ofDays(7);
    private static final String SECRET_NAME = "pilot-link";

    @Inject
    Database database;
    @Inject
    Clock clock;

    private volatile byte[] secret;

    public String issue(String slug) {
        long expiry = clock.instant().plus(VALID_FOR).getEpochSecond();
        return expiry + "." + sign(slug, expiry);
    }

    public boolean isValid(String slug, String key) {
        if (key == null || slug == null) {
            return false;
        }
        int dot = key.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(key.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(sign(slug, expiry).getBytes(StandardCharsets.US_ASCII), key.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String slug, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] tag = mac.doFinal((slug + "|" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            synchronized (this) {
                if (secret == null) {
                    secret = loadOrCreate();
                }
                known = secret;
            }
        }
        return known;
    }

    private byte[] loadOrCreate() {
        try (Connection c = database.dataSource().getConnection()) {
            String stored = select(c);
            if (stored == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO server_secret (name, secret) VALUES (?, ?)")) {
                    insert.setString(1, SECRET_NAME);
                    insert.setString(2, Base64.getEncoder().encodeToString(fresh));
                    insert.executeUpdate();
                    c.commit();
                } catch (SQLException raced) {
                    c.rollback();
                }
                stored = select(c);
            }
            c.rollback();
            return Base64.getDecoder().decode(stored);
        } catch (SQLException e) {
            throw new IllegalStateException("The pilot-link secret could not be read", e);
        }
    }

    private static String select(Connection c) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT secret FROM server_secret WHERE name = ?")) {
            query.setString(1, SECRET_NAME);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
