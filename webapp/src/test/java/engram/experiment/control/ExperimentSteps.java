package engram.experiment.control;

import java.time.Clock;

import engram.accounts.control.CurrentUser;
import engram.archive.control.ProtocolFreezer;
import engram.audit.control.AuditLog;
import engram.platform.Database;

/**
 * The steps of editing an experiment, wired by hand as CDI wires them: one database, clock, audit log, caller and access for
 * all, and the archive's {@link ProtocolFreezer} (the one implementation of {@link ProtocolFreeze}).
 */
public record ExperimentSteps(ExperimentCreation creation, ExperimentEditor editor, ExperimentDesign design, ExperimentLifecycle lifecycle,
                              ExperimentOverview overview) {

    public static ExperimentSteps wire(Database database, Clock clock, AuditLog audit, CurrentUser currentUser, ExperimentAccess access) {
        return new ExperimentSteps(wire(new ExperimentCreation(), database, clock, audit, currentUser, access),
                wire(new ExperimentEditor(), database, clock, audit, currentUser, access),
                wire(new ExperimentDesign(), database, clock, audit, currentUser, access),
                wire(new ExperimentLifecycle(), database, clock, audit, currentUser, access),
                wire(new ExperimentOverview(), database, clock, audit, currentUser, access));
    }

    private static <T extends ExperimentStep> T wire(T step, Database database, Clock clock, AuditLog audit, CurrentUser currentUser,
                                                     ExperimentAccess access) {
        step.database = database;
        step.clock = clock;
        step.audit = audit;
        step.currentUser = currentUser;
        step.access = access;
        step.protocol = new ProtocolFreezer(audit);
        return step;
    }
}
