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
        if (number < 1 || number > plan.phases().size()) {
            throw new IllegalStateException("the design names phase " + number + ", which the plan does not have");
        }
        return plan.phases().get(number - 1);
    }

    static int sessions(PhasePlan plan) {
        return plan.phases().get(plan.phases().size() - 1).session();
    }

    static int firstPhaseOf(PhasePlan plan, int session) {
        return plan.phases().stream().filter(p -> p.session() == session).mapToInt(Phase::phase).min().orElseThrow();
    }

    static List<Phase> phasesOf(PhasePlan plan, int session) {
        return plan.phases().stream().filter(p -> p.session() == session).toList();
    }
}
