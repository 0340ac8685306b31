package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.audit.control.AuditLog;
import engram.audit.entity.AuditEvent;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.Database;
import engram.platform.EngramConfig;
import engram.platform.FieldError;

/**
 * Owners and collaborators on a real H2 database: who sees which experiment (lists, find, changes), who may share, and
 * the audit records of sharing. The caller is switched by hand ({@link #as}).
 */
class ExperimentAccessH2Test {

    static Database database;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final Caller CALLER = new Caller();
    private static ExperimentSteps steps;
    private static Collaborators collaborators;
    private static long setId;

    /** The logged-in account, settable. */
    static final class Caller extends CurrentUser {
        String username;
        Account.Role role;

        @Override
        public String username() {
            return username;
        }

        @Override
        public boolean can(Account.Role needed) {
            return role != null && role.includes(needed);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        database = new Database();
        database.start(new EngramConfig(Path.of("target"), "jdbc:h2:mem:access-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4,
                Optional.empty(), false));
        controls();
    }

    /** Accounts, a stimulus set and the controls on {@link #database}. */
    static void controls() throws Exception {
        database.writeAll(em -> {
            for (Object[] a : new Object[][] {{"root", Account.Role.ADMIN}, {"owen", Account.Role.EXPERIMENTER},
                    {"ella", Account.Role.EXPERIMENTER}, {"ana", Account.Role.ANALYST}}) {
                em.persist(new Account((String) a[0], "x", (Account.Role) a[1], CLOCK.instant()));
            }
        });
        setId = aStimulusSet();
        ExperimentAccess access = new ExperimentAccess();
        access.currentUser = CALLER;
        AuditLog audit = new AuditLog();
        set(audit, "database", database);
        set(audit, "clock", CLOCK);
        set(audit, "currentUser", CALLER);
        steps = ExperimentStepsWiring.wire(database, CLOCK, audit, CALLER, access);
        collaborators = ExperimentStepsWiring.wire(new Collaborators(), database, CLOCK, audit, CALLER, access);
    }

    @AfterAll
    static void stop() {
        database.stop();
    }

    @Test
    void anExperimenterSeesAndChangesOnlyOwnAndSharedExperimentsAndAdminsSeeAll() {
        as("owen", Account.Role.EXPERIMENTER);
        Experiment created = steps.creation().create("owens", "Owen's", setId);
        assertEquals("owen", created.owner().username(), "the creator owns it");

        as("ella", Account.Role.EXPERIMENTER);
        steps.creation().create("ellas", "Ella's", setId);
        assertEquals(List.of("ellas"), slugs(), "ella's list has only her own");
        ClientError refused = assertThrows(ClientError.class, () -> steps.overview().find("owens"));
        assertEquals(403, refused.status());
        assertEquals("not_shared", refused.code());
        assertTrue(refused.getMessage().contains("Ask owen or an admin"), refused.getMessage());
        assertEquals(403, assertThrows(ClientError.class, () -> steps.lifecycle().changeStatus("owens", Experiment.Status.PILOT)).status());
        assertEquals(403, assertThrows(ClientError.class, () -> steps.creation().cloneAs("owens", "stolen", "Stolen")).status(), "no clone of what you cannot see");
        assertEquals(403, assertThrows(ClientError.class, () -> collaborators.share("owens", "ella")).status(), "nor share it with yourself");
        assertEquals(404, assertThrows(ClientError.class, () -> steps.overview().find("nobody")).status());

        as("root", Account.Role.ADMIN);
        assertTrue(slugs().containsAll(List.of("owens", "ellas")), "admins see all");
        assertEquals("Owen's", steps.overview().find("owens").title());
    }

    @Test
    void theOwnerSharesCollaboratorsChangeOnlyOwnersShareAndEachStepIsAudited() {
        as("owen", Account.Role.EXPERIMENTER);
        Experiment e = steps.creation().create("shared-one", "Shared", setId);
        assertEquals(List.of("ana", "ella"), collaborators.candidates(e), "enabled accounts, not the owner, not admins");
        assertEquals("collaborator", assertThrows(FieldError.class, () -> collaborators.share("shared-one", "root")).field(), "admins see it anyway");
        assertEquals("collaborator", assertThrows(FieldError.class, () -> collaborators.share("shared-one", "owen")).field());
        assertEquals("collaborator", assertThrows(FieldError.class, () -> collaborators.share("shared-one", "nobody")).field());
        assertEquals("collaborator", assertThrows(FieldError.class, () -> collaborators.share("shared-one", " ")).field());
        collaborators.share("shared-one", "ella");
        collaborators.share("shared-one", "ana");
        assertEquals("collaborator", assertThrows(FieldError.class, () -> collaborators.share("shared-one", "ella")).field(), "twice");
        assertEquals(List.of("owen", "ana", "ella"), collaborators.members(steps.overview().find("shared-one")).stream().map(Collaborators.Member::username).toList());

        as("ella", Account.Role.EXPERIMENTER);
        assertTrue(slugs().contains("shared-one"));
        steps.editor().setFailedCheckText("shared-one", "Ella's text"); // an experimenter collaborator changes it
        assertEquals("Ella's text", steps.overview().find("shared-one").failedCheckMarkdown());
        assertEquals(403, assertThrows(ClientError.class, () -> collaborators.unshare("shared-one", "ana")).status(), "a collaborator does not share");

        as("ana", Account.Role.ANALYST);
        assertEquals("Shared", steps.overview().find("shared-one").title(), "an analyst collaborator reads it");
        assertEquals(403, assertThrows(ClientError.class, () -> steps.lifecycle().changeStatus("shared-one", Experiment.Status.PILOT)).status(), "but changes nothing");

        as("owen", Account.Role.EXPERIMENTER);
        collaborators.unshare("shared-one", "ella");
        as("ella", Account.Role.EXPERIMENTER);
        assertEquals(403, assertThrows(ClientError.class, () -> steps.overview().find("shared-one")).status(), "removed: invisible again");

        List<String> audit = database.read(em -> em.createQuery("select a from AuditEvent a where a.experimentId = :e order by a.id", AuditEvent.class)
                .setParameter("e", e.id()).getResultList()).stream().map(a -> a.username() + " " + a.action() + ": " + a.detail()).toList();
        assertEquals(List.of("owen created: slug 'shared-one', title 'Shared', stimulus set 'set'",
                "owen shared: with ella (experimenter): may read, change and export it",
                "owen shared: with ana (analyst): may read and export it",
                "ella settings: failed-check text edited",
                "owen unshared: ella removed: no longer sees it"), audit);
    }

    private static List<String> slugs() {
        return steps.overview().overview().stream().map(ExperimentOverview.Overview::slug).toList();
    }

    private static void as(String username, Account.Role role) {
        CALLER.username = username;
        CALLER.role = role;
    }

    private static long aStimulusSet() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO stimulus_set (public_id, name, source, created_at) VALUES ('" + UUID.randomUUID() + "', 'set', 'test', CURRENT_TIMESTAMP)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        return database.read(em -> em.createQuery("select s.id from StimulusSet s", Long.class).getSingleResult());
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
