package engram.audit.control;

import java.time.Clock;
import java.util.List;

import engram.accounts.control.CurrentUser;
import engram.audit.entity.AuditEvent;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Records workspace changes inside the transaction that makes them, and lists them per experiment, newest first. */
@ApplicationScoped
public class AuditLog {

    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    CurrentUser currentUser;

    public void record(EntityManager em, Long experimentId, String action, String detail) {
        String who;
        try {
            who = currentUser.username();
        } catch (ContextNotActiveException outsideRequest) {
            who = null;
        }
        em.persist(new AuditEvent(experimentId, who == null ? "system" : who, action, detail, clock.instant()));
    }

    public List<AuditEvent> forExperiment(long experimentId, int first, int max) {
        return database.read(em -> em.createQuery("select a from AuditEvent a where a.experimentId = :e order by a.id desc", AuditEvent.class)
                .setParameter("e", experimentId).setFirstResult(first).setMaxResults(max).getResultList());
    }

    public long countForExperiment(long experimentId) {
        return database.read(em -> em.createQuery("select count(a) from AuditEvent a where a.experimentId = :e", Long.class)
                .setParameter("e", experimentId).getSingleResult());
    }

    public List<AuditEvent> withoutExperiment(int max) {
        return database.read(em -> em.createQuery("select a from AuditEvent a where a.experimentId is null order by a.id desc", AuditEvent.class)
                .setMaxResults(max).getResultList());
    }
}
