package engram.archive.control;

import java.time.Instant;

import engram.audit.control.AuditLog;
import engram.experiment.control.ProtocolFreeze;
import engram.experiment.entity.Experiment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The experiment steps' {@link ProtocolFreeze}: {@link ProtocolVersions#afterEdit}, and an audit record for a new version. */
@ApplicationScoped
public class ProtocolFreezer implements ProtocolFreeze {

    private final AuditLog audit;

    protected ProtocolFreezer() {
        this(null); // for CDI's client proxy
    }

    @Inject
    public ProtocolFreezer(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void afterEdit(EntityManager em, Experiment e, Instant now) {
        ProtocolVersions.afterEdit(em, e, now).ifPresent(v -> audit.record(em, e.id(), "protocol",
                "version " + v.version() + " frozen, protocol hash " + v.hash()));
    }
}
