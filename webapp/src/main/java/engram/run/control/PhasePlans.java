package engram.run.control;

import java.util.List;

import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.experiment.control.PhasesJson;
import engram.experiment.entity.Experiment;

/** Questions the participant side asks of an experiment's phase plan. */
final class PhasePlans {

    private PhasePlans() {
    }

    static PhasePlan of(Experiment experiment) {
        return PhasesJson.read(experiment.phasesJson());
    }

    static Phase phase(PhasePlan plan, int number) {
        return plan.phase(number);
    }

    static int sessions(PhasePlan plan) {
        return plan.sessions();
    }

    static int firstPhaseOf(PhasePlan plan, int session) {
        return plan.firstPhaseOf(session).phase();
    }

    static List<Phase> phasesOf(PhasePlan plan, int session) {
        return plan.phasesOf(session);
    }
}
