package engram.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.testing.H2DatabaseExtension;
import engram.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import engram.accounts.entity.Account;
import engram.accounts.entity.ApiToken;
import engram.platform.Database;

/** Accounts and API tokens on a real (in-memory) H2 database migrated by Flyway from sql/ (V1 to V5). */
class AccountsH2Test {

    private static Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private Accounts accounts;
    private ApiTokens tokens;

    @RegisterExtension
    static final H2DatabaseExtension H2 = new H2DatabaseExtension("accounts");

    @BeforeAll
    static void startDatabase() {
        database = H2.database(4);
    }

    @BeforeEach
    void controls() {
        accounts = new Accounts();
        accounts.database = database;
        accounts.clock = clock;
        tokens = new ApiTokens();
        tokens.database = database;
        tokens.clock = clock;
    }

    private String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aCreatedAccountLogsInWithItsPasswordOnly() {
        String name = unique("erin");
        Account erin = accounts.create(name, "correct horse battery", Account.Role.EXPERIMENTER);
        assertTrue(erin.passwordHash().startsWith("pbkdf2-sha256$"));
        assertEquals(Optional.of(name), accounts.authenticate(name, "correct horse battery").map(Account::username));
        assertEquals(Optional.empty(), accounts.authenticate(name, "correct horse batterz"));
        assertEquals(Optional.empty(), accounts.authenticate("nobody-" + name, "correct horse battery"));
        assertEquals(Accounts.Check.WRONG, accounts.check(name, null).check());
    }

    @Test
    void badInputIsReportedPerFieldAndNothingIsStored() {
        long before = accounts.all().size();
        AccountInputException refused = assertThrows(AccountInputException.class, () -> accounts.create("A", "short", null));
        assertEquals(Set.of("username", "password", "role"), refused.problems().keySet());
        assertTrue(refused.problems().get("password").contains("at least 12"));
        assertEquals(before, accounts.all().size());

        String taken = unique("taken");
        accounts.create(taken, "twelve chars!", Account.Role.ANALYST);
        AccountInputException duplicate = assertThrows(AccountInputException.class,
                () -> accounts.create(taken, "another good password", Account.Role.ADMIN));
        assertEquals("The username '" + taken + "' is taken.", duplicate.problems().get("username"));
        assertEquals(Account.Role.ANALYST, accounts.byUsername(taken).orElseThrow().role(), "the first account is unchanged");
        assertThrows(AccountInputException.class, () -> accounts.create(unique("x"), "            ", Account.Role.ANALYST));
        assertThrows(AccountInputException.class, () -> accounts.create(unique("x"), "y".repeat(201), Account.Role.ANALYST));
        assertThrows(AccountInputException.class, () -> accounts.create("has space", "good password here", Account.Role.ANALYST));
        assertThrows(AccountInputException.class, () -> accounts.create(null, "good password here", Account.Role.ANALYST));
    }

    @Test
    void resettingAPasswordReplacesTheOldOneAndATooShortOneChangesNothing() {
        String name = unique("rita");
        accounts.create(name, "first password!", Account.Role.ANALYST);
        AccountInputException refused = assertThrows(AccountInputException.class, () -> accounts.resetPassword(name, "short"));
        assertEquals(Set.of("password"), refused.problems().keySet());
        assertTrue(accounts.authenticate(name, "first password!").isPresent(), "nothing changed");
        assertEquals(Set.of("account"), assertThrows(AccountInputException.class,
                () -> accounts.resetPassword("nobody-" + name, "second password!")).problems().keySet());

        accounts.resetPassword(name, "second password!");
        assertTrue(accounts.authenticate(name, "first password!").isEmpty());
        assertTrue(accounts.authenticate(name, "second password!").isPresent());
    }

    @Test
    void aDisabledAccountCannotLogInOrUseItsTokensAndNobodyDisablesThemselves() {
        String name = unique("dora");
        accounts.create(name, "dora's password", Account.Role.EXPERIMENTER);
        String secret = tokens.create(name, "script").secret();
        assertTrue(tokens.authenticate(secret).isPresent());

        accounts.setDisabled(name, true, "admin");
        assertEquals(Accounts.Check.DISABLED, accounts.check(name, "dora's password").check());
        assertTrue(accounts.authenticate(name, "dora's password").isEmpty());
        assertTrue(accounts.active(name).isEmpty());
        assertTrue(tokens.authenticate(secret).isEmpty());

        accounts.setDisabled(name, false, "admin");
        assertTrue(accounts.authenticate(name, "dora's password").isPresent());
        assertThrows(AccountInputException.class, () -> accounts.setDisabled(name, true, name));
        assertThrows(AccountInputException.class, () -> accounts.setDisabled("nobody-" + name, true, "admin"));
    }

    @Test
    void tokensAreStoredHashedNotedWhenUsedAndRevokedOnlyByTheirOwner() {
        String owner = unique("tom");
        String other = unique("oli");
        accounts.create(owner, "tom's password!", Account.Role.ANALYST);
        accounts.create(other, "oli's password!", Account.Role.ANALYST);
        ApiTokens.Created created = tokens.create(owner, "  nightly export ");
        assertTrue(created.secret().startsWith("engram_"));
        assertEquals("nightly export", created.token().name());
        assertEquals(Accounts.sha256(created.secret()), created.token().tokenHash());
        assertNotEquals(created.secret(), created.token().tokenHash());

        clock.advance(Duration.ofMinutes(3));
        assertEquals(Optional.of(owner), tokens.authenticate(created.secret()).map(Account::username));
        assertEquals(clock.instant(), tokens.of(owner).get(0).lastUsedAt());
        assertTrue(tokens.authenticate(created.secret() + "x").isEmpty());
        assertTrue(tokens.authenticate("not-a-token").isEmpty());
        assertTrue(tokens.authenticate(null).isEmpty());

        long id = created.token().id();
        assertFalse(tokens.revoke(other, id), "someone else's token");
        assertTrue(tokens.authenticate(created.secret()).isPresent());
        assertTrue(tokens.revoke(owner, id));
        assertTrue(tokens.authenticate(created.secret()).isEmpty());
        assertTrue(tokens.of(owner).isEmpty());

        assertEquals(Set.of("name"), assertThrows(AccountInputException.class, () -> tokens.create(owner, "  ")).problems().keySet());
        assertThrows(AccountInputException.class, () -> tokens.create(owner, "n".repeat(101)));
    }

    @Test
    void aResetOrDisablingRaisesTheCredentialVersionAndDeletesEveryToken() {
        String name = unique("rhea");
        accounts.create(name, "rhea's first password", Account.Role.ANALYST);
        int version = accounts.byUsername(name).orElseThrow().credentialVersion();
        String first = tokens.create(name, "one").secret();
        String second = tokens.create(name, "two", ApiToken.Scope.READ, 30).secret();

        accounts.resetPassword(name, "rhea's second password");
        assertEquals(version + 1, accounts.byUsername(name).orElseThrow().credentialVersion(), "sessions of the old version end");
        assertEquals(ApiTokens.Check.Status.UNKNOWN, tokens.check(first).status());
        assertEquals(ApiTokens.Check.Status.UNKNOWN, tokens.check(second).status());
        assertTrue(tokens.of(name).isEmpty());

        String third = tokens.create(name, "three").secret();
        accounts.setDisabled(name, true, "admin");
        accounts.setDisabled(name, false, "admin");
        assertEquals(version + 2, accounts.byUsername(name).orElseThrow().credentialVersion());
        assertTrue(tokens.authenticate(third).isEmpty(), "enabling again does not bring the token back");

        AccountInputException refused = assertThrows(AccountInputException.class, () -> accounts.resetPassword(name, "password2026!!"));
        assertTrue(refused.problems().get("password").contains("common password"), refused.problems().toString());
        assertEquals(version + 2, accounts.byUsername(name).orElseThrow().credentialVersion(), "a refused reset changes nothing");
    }

    @Test
    void tokensCarryTheirScopeAndExpire() {
        String name = unique("ivo");
        accounts.create(name, "ivo's long password", Account.Role.EXPERIMENTER);
        ApiTokens.Created read = tokens.create(name, "reader", ApiToken.Scope.READ, 7);
        ApiTokens.Created write = tokens.create(name, "writer", ApiToken.Scope.WRITE, null);
        assertEquals(clock.instant().plus(Duration.ofDays(7)), read.token().expiresAt());
        assertEquals(ApiToken.Scope.READ, tokens.check(read.secret()).scope());
        assertEquals(ApiToken.Scope.WRITE, tokens.check(write.secret()).scope());

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertEquals(ApiTokens.Check.Status.VALID, tokens.check(read.secret()).status());
        clock.advance(Duration.ofSeconds(1));
        ApiTokens.Check expired = tokens.check(read.secret());
        assertEquals(ApiTokens.Check.Status.EXPIRED, expired.status());
        assertEquals(read.token().expiresAt(), expired.expiredAt());
        assertTrue(tokens.authenticate(read.secret()).isEmpty());
        clock.advance(Duration.ofDays(3650));
        assertEquals(ApiTokens.Check.Status.VALID, tokens.check(write.secret()).status(), "no expiry: never expires");

        AccountInputException refused = assertThrows(AccountInputException.class, () -> tokens.create(name, "", null, 0));
        assertEquals(Set.of("name", "scope", "expiry"), refused.problems().keySet());
        assertThrows(AccountInputException.class, () -> tokens.create(name, "too long", ApiToken.Scope.READ, ApiTokens.MAX_EXPIRY_DAYS + 1));
    }
}
