package engram.experiment.control;

import java.time.Instant;

import engram.experiment.entity.Experiment;
import jakarta.persistence.EntityManager;

/**
 * What a change of a live or paused experiment must do (docs/archive-format.md, "Versions"): freeze its protocol's
 * next version, when the protocol changed, and say so in the audit log. The steps that change an experiment call it;
 * {@code engram.archive}, which defines the protocol and its hash, implements it, so that this package never imports
 * the archive. Works inside the caller's transaction, which holds the experiment's row lock.
 */
public interface ProtocolFreeze {

    /** After a change or on going live: freezes the next version of a live or paused experiment whose protocol changed. */
    void afterEdit(EntityManager em, Experiment e, Instant now);
}
