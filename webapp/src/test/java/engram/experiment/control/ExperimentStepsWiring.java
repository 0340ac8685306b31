package engram.experiment.control;

import java.time.Clock;

import engram.accounts.control.CurrentUser;
import engram.archive.control.ProtocolFreezer;
import engram.audit.control.AuditLog;
import engram.platform.Database;

/**
 * The steps of changing an experiment wired by hand as CDI wires them: one database, clock, audit log, caller and access
 * for all, and the archive's {@link ProtocolFreezer} (the one implementation of {@link ProtocolFreeze}).
 */
public final class ExperimentStepsWiring {

    private ExperimentStepsWiring() {
    }

    public static ExperimentSteps wire(Database database, Clock clock, AuditLog audit, CurrentUser currentUser, ExperimentAccess access) {
        ExperimentSteps steps = new ExperimentSteps();
        steps.creation = wire(new ExperimentCreation(), database, clock, audit, currentUser, access);
        steps.editor = wire(new ExperimentEditor(), database, clock, audit, currentUser, access);
        steps.design = wire(new ExperimentDesign(), database, clock, audit, currentUser, access);
        steps.lifecycle = wire(new ExperimentLifecycle(), database, clock, audit, currentUser, access);
        steps.overview = wire(new ExperimentOverview(), database, clock, audit, currentUser, access);
        return steps;
    }

    /** One step (also {@link Collaborators} and {@link DisplayEditor}, which are steps too). */
    public static <T extends ExperimentStep> T wire(T step, Database database, Clock clock, AuditLog audit, CurrentUser currentUser,
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
