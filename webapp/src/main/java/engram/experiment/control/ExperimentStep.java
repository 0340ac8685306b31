package engram.experiment.control;

import java.time.Clock;
import java.util.List;

import engram.accounts.control.CurrentUser;
import engram.audit.control.AuditLog;
import engram.core.design.Stimulus;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.ClientError;
import engram.platform.Database;
import engram.platform.ErrorCode;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * What every step of editing an experiment shares ({@link ExperimentCreation}, {@link ExperimentEditor},
 * {@link ExperimentDesign}, {@link ExperimentLifecycle}, {@link ExperimentOverview}, and {@link DisplayEditor} and
 * {@link Collaborators} for the display settings and sharing): the experiment found through
 * {@link ExperimentAccess} (or locked for a change), the frozen protocol version after an edit, and the queries on its
 * sequence items, stimuli and runs.
 */
abstract class ExperimentStep {

    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    AuditLog audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    ExperimentAccess access;
    @Inject
    ProtocolFreeze protocol;

    /** A live or paused experiment whose protocol changed gets its next frozen version (docs/archive-format.md). */
    void versionAfterEdit(EntityManager em, Experiment e) {
        protocol.afterEdit(em, e, clock.instant());
    }

    static List<SequenceItem> items(EntityManager em, Experiment e) {
        return em.createQuery("select i from SequenceItem i where i.experiment = :e order by i.sequenceId, i.trialIndex", SequenceItem.class)
                .setParameter("e", e).getResultList();
    }

    static List<Stimulus> stimuli(EntityManager em, long setId) {
        return em.createQuery("select s from Stimulus s where s.stimulusSet.id = :set order by s.id", engram.stimuli.entity.Stimulus.class)
                .setParameter("set", setId).getResultList().stream()
                .map(s -> new Stimulus(s.imageId(), s.pairId(), s.condition(), s.category())).toList();
    }

    static void deleteSequences(EntityManager em, Experiment e) {
        em.createQuery("delete from SequenceItem i where i.experiment = :e").setParameter("e", e).executeUpdate();
        e.setDesign(e.designJson(), 0, 0);
    }

    static int voidPilotRuns(EntityManager em, Experiment e) {
        return em.createQuery("update Run r set r.state = engram.run.entity.RunState.VOIDED where r.experiment = :e and r.pilot = true"
                + " and r.state <> engram.run.entity.RunState.VOIDED").setParameter("e", e).executeUpdate();
    }

    static boolean hasRealRuns(EntityManager em, Experiment e) {
        return em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = false", Long.class)
                .setParameter("e", e.id()).getSingleResult() > 0;
    }

    static void requireUnlocked(EntityManager em, Experiment e, String what) {
        if (hasRealRuns(em, e)) {
            throw ClientError.conflict(ErrorCode.LOCKED, "Real participants have already taken part in '" + e.slug() + "', so " + what
                    + " can no longer change. Clone the experiment to try another design.");
        }
    }

    /** The experiment by its name, refused (403) when the caller may not see it: every read and change goes through here. */
    Experiment bySlug(EntityManager em, String slug) {
        Experiment e = em.createQuery("select e from Experiment e where e.slug = :slug", Experiment.class).setParameter("slug", slug)
                .getResultStream().findFirst()
                .orElseThrow(() -> Experiments.unknown(slug));
        access.requireVisible(em, e);
        return e;
    }

    Experiment lock(EntityManager em, String slug) {
        Experiment e = bySlug(em, slug);
        em.lock(e, LockModeType.PESSIMISTIC_WRITE);
        return e;
    }
}
