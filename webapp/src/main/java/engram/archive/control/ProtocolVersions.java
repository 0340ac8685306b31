package engram.archive.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import engram.archive.entity.ProtocolVersion;
import engram.experiment.entity.Experiment;
import jakarta.persistence.EntityManager;

/**
 * Frozen protocols (docs/archive-format.md, "Versions"): going live freezes version 1; an edit of a live or paused
 * experiment that changes its protocol freezes the next version; a stored version never changes. Each run records the
 * version and hash it starts under. Every method works inside the caller's transaction.
 */
public final class ProtocolVersions {

    /** A frozen version without its protocol bytes. */
    public record Frozen(int version, String hash, Instant frozenAt) {
    }

    private ProtocolVersions() {
    }

    /** A row of the versions queries, in the types the query yields (Hibernate builds it from the select list). */
    record VersionRow(Integer version, String hash, Instant frozenAt) {
        Frozen frozen() {
            return new Frozen(version, hash, frozenAt);
        }
    }

    /** The newest frozen version of the experiment, if any. */
    public static Optional<Frozen> latest(EntityManager em, long experimentId) {
        return em.createQuery("select v.version, v.hash, v.frozenAt from ProtocolVersion v where v.experimentId = :e order by v.version desc",
                        VersionRow.class).setParameter("e", experimentId).setMaxResults(1).getResultStream().findFirst().map(VersionRow::frozen);
    }

    /** Every frozen version of the experiment, oldest first. */
    public static List<Frozen> all(EntityManager em, long experimentId) {
        return em.createQuery("select v.version, v.hash, v.frozenAt from ProtocolVersion v where v.experimentId = :e order by v.version",
                VersionRow.class).setParameter("e", experimentId).getResultStream().map(VersionRow::frozen).toList();
    }

    /** The canonical protocol.json of one frozen version. */
    public static Optional<byte[]> protocol(EntityManager em, long experimentId, int version) {
        return em.createQuery("select v from ProtocolVersion v where v.experimentId = :e and v.version = :v", ProtocolVersion.class)
                .setParameter("e", experimentId).setParameter("v", version).getResultStream().findFirst().map(ProtocolVersion::protocol);
    }

    /**
     * Freezes the experiment's protocol as it is now as the next version, unless the newest version already has this
     * hash; returns the new version, or empty when nothing changed. The caller holds the experiment's row lock.
     */
    public static Optional<Frozen> freezeIfChanged(EntityManager em, Experiment e, Instant now) {
        em.flush();
        byte[] protocol = CanonicalJson.bytes(StudyArchives.snapshot(em, e).protocol());
        String hash = CanonicalJson.sha256(protocol);
        Optional<Frozen> latest = latest(em, e.id());
        if (latest.isPresent() && latest.get().hash().equals(hash)) {
            return Optional.empty();
        }
        int version = latest.map(f -> f.version() + 1).orElse(1);
        em.persist(new ProtocolVersion(e.id(), version, hash, protocol, now));
        return Optional.of(new Frozen(version, hash, now));
    }

    /** After an edit or on going live: the new version of a live or paused experiment whose protocol changed, else empty. */
    public static Optional<Frozen> afterEdit(EntityManager em, Experiment e, Instant now) {
        if (e.status() != Experiment.Status.LIVE && e.status() != Experiment.Status.PAUSED) {
            return Optional.empty();
        }
        return freezeIfChanged(em, e, now);
    }

    /**
     * The version a run that starts now runs under: the newest frozen one of a live or paused experiment (frozen now if
     * it has none, e.g. one that went live before versions existed); empty for a draft or pilot experiment.
     */
    public static Optional<Frozen> forNewRun(EntityManager em, Experiment e, Instant now) {
        if (e.status() != Experiment.Status.LIVE && e.status() != Experiment.Status.PAUSED) {
            return Optional.empty();
        }
        Optional<Frozen> latest = latest(em, e.id());
        return latest.isPresent() ? latest : freezeIfChanged(em, e, now);
    }
}
