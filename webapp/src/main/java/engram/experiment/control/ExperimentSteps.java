package engram.experiment.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The steps of reading and changing an experiment, one bean for the page and the scripts' API that use them all. */
@ApplicationScoped
public class ExperimentSteps {

    @Inject
    ExperimentCreation creation;
    @Inject
    ExperimentEditor editor;
    @Inject
    ExperimentDesign design;
    @Inject
    ExperimentLifecycle lifecycle;
    @Inject
    ExperimentOverview overview;

    public ExperimentCreation creation() {
        return creation;
    }

    public ExperimentEditor editor() {
        return editor;
    }

    public ExperimentDesign design() {
        return design;
    }

    public ExperimentLifecycle lifecycle() {
        return lifecycle;
    }

    public ExperimentOverview overview() {
        return overview;
    }
}
