package engram.workspace.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import engram.core.design.DesignInfeasibleException;
import engram.core.design.DesignParameters;
import engram.core.design.RecognitionParameters;
import engram.core.format.PhaseList;
import engram.core.phase.PhasePlanException;
import engram.core.phase.Task;
import engram.experiment.control.ExperimentDesign;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.control.PhasesJson;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.workspace.control.PhaseForm;
import engram.workspace.control.PhaseFormFields;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The design page's "Phases" card (admin/design.xhtml): the phase list (task, session, delay window, each task's
 * options) and the recognition design's numbers; "Build study and test lists" stores the plan and the lists.
 */
@Named("phases")
@ViewScoped
public class PhasesBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ExperimentDesign design;
    @Inject
    ExperimentOverview experiments;

    private String slug;
    private List<PhaseForm.Row> rows = new ArrayList<>();
    private boolean active;
    private int lists;
    private int studyPairs;
    private int foilsPerTest;
    private boolean testBothMembers;
    private int maxConditionRun;
    private long seed;
    private String built = "";
    private int storedPhases;
    private int storedSessions;
    private int storedLists;
    private List<String> problems = List.of();

    @PostConstruct
    void load() {
        slug = Ui.param("slug");
        Experiment experiment;
        try {
            experiment = experiments.find(slug);
        } catch (ClientError e) {
            return;
        }
        active = experiment.phasesJson() != null;
        rows = active ? PhaseForm.rows(PhasesJson.read(experiment.phasesJson())) : PhaseForm.starter();
        if (active) {
            storedPhases = PhasesJson.read(experiment.phasesJson()).phases().size();
            storedSessions = PhasesJson.read(experiment.phasesJson()).sessions();
            storedLists = experiment.sequenceCount();
        }
        RecognitionParameters p = active ? ExperimentDesign.recognitionParameters(experiment.designJson()) : RecognitionParameters.withDefaults();
        lists = p.lists();
        studyPairs = p.studyPairs();
        foilsPerTest = p.foilsPerTest();
        testBothMembers = p.testBothMembers();
        maxConditionRun = p.maxConditionRun();
        seed = p.seed();
        if (active) {
            built = experiment.sequenceCount() + " lists of " + experiment.sequenceLength() + " trials";
        }
    }

    public void addRow() {
        rows.add(new PhaseForm.Row(Task.OLD_NEW.code()));
    }

    public void removeRow(int index) {
        if (index >= 0 && index < rows.size() && rows.size() > 1) {
            rows.remove(index);
        }
    }

    public void moveUp(int index) {
        if (index > 0 && index < rows.size()) {
            java.util.Collections.swap(rows, index, index - 1);
        }
    }

    public void moveDown(int index) {
        if (index >= 0 && index < rows.size() - 1) {
            java.util.Collections.swap(rows, index, index + 1);
        }
    }

    /**
     * The continuous game's parameters for a plan that starts with the game, read when the lists are built (the sequence
     * design card may have changed them since this view was opened): the ones stored with the plan, else the sequence
     * design's; null (the default game) when the stored plan had none.
     */
    private static DesignParameters gameParameters(Experiment experiment) {
        if (experiment.phasesJson() == null) {
            return engram.experiment.control.DesignJson.read(experiment.designJson());
        }
        return ExperimentDesign.recognitionParameters(experiment.designJson()).game();
    }

    /** Builds the lists; on success a fresh page (every card of the design page reads the new plan and lists again). */
    public String build() {
        problems = List.of();
        String json;
        RecognitionParameters parameters;
        try {
            json = PhaseForm.toJson(rows);
            parameters = RecognitionParameters.withDefaults().withLists(lists).withStudyPairs(studyPairs).withFoilsPerTest(foilsPerTest)
                    .withTestBothMembers(testBothMembers).withMaxConditionRun(maxConditionRun).withSeed(seed);
            if (!rows.isEmpty() && Task.CONTINUOUS.code().equals(rows.get(0).getTask())) {
                parameters = parameters.withGame(gameParameters(experiments.find(slug)));
            }
        } catch (PhasePlanException e) {
            problems = e.problems();
            Ui.error("The phases break " + problems.size() + (problems.size() == 1 ? " rule" : " rules")
                    + ", each shown beside its field and listed below. Nothing was changed.");
            PhaseFormFields.ofPlan(problems).forEach((field, message) -> Ui.fieldError("phasesForm:" + field, message));
            return null;
        } catch (IllegalArgumentException e) {
            Ui.error(e.getMessage() + ". Nothing was changed.");
            return null;
        }
        try {
            List<PhaseList> made = design.generatePhases(slug, json, parameters);
            built = made.size() + " lists of " + made.stream().mapToInt(PhaseList::length).max().orElse(0) + " trials";
            Ui.infoAfterRedirect("Built " + built + " for " + rows.size() + " phases with seed " + seed + ".");
            if (!design.textsAreTemplates(slug)) {
                Ui.warnAfterRedirect(DesignTextsNotice.PHASES);
            }
            return "design?faces-redirect=true&slug=" + slug;
        } catch (DesignInfeasibleException e) {
            problems = e.reasons();
            Ui.error("These lists cannot be built from the stimulus set: " + problems.size() + (problems.size() == 1 ? " reason" : " reasons")
                    + ", listed below (and beside the fields they concern). Nothing was changed.");
            PhaseFormFields.ofBuilder(problems).forEach((field, message) -> Ui.fieldError("phasesForm:" + field, message));
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "phasesForm");
        }
        return null;
    }

    public List<String> getTasks() {
        return PhaseForm.TASKS;
    }

    public List<String> getUnits() {
        return List.copyOf(PhaseForm.UNITS.keySet());
    }

    public List<PhaseForm.Row> getRows() { return rows; }
    /** Whether row 1 is the continuous game (the card then says which sequence design values the game uses). */
    public boolean isGameFirst() { return !rows.isEmpty() && Task.CONTINUOUS.code().equals(rows.get(0).getTask()); }
    /**
     * The game's values from the sequence design, as the lists would be built with them now ({@link PhaseForm#gameSummary}):
     * read once per request, since the sequence design card's Generate changes them within this view.
     */
    public String getGameSummary() {
        return (String) jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getRequestMap()
                .computeIfAbsent("phases.gameSummary", key -> {
                    Experiment experiment = experiments.find(slug);
                    DesignParameters game = gameParameters(experiment);
                    return PhaseForm.gameSummary(game == null ? DesignParameters.withDefaults() : game, experiment.displayMs(), experiment.isiMs());
                });
    }
    public boolean isActive() { return active; }
    /** The stored plan's phases and sessions (0 without a plan), for the "Back to the continuous game" confirmation. */
    public int getStoredPhases() { return storedPhases; }
    public int getStoredSessions() { return storedSessions; }
    public int getStoredLists() { return storedLists; }
    public String getBuilt() { return built; }
    public List<String> getProblems() { return problems; }
    public int getLists() { return lists; }
    public void setLists(int lists) { this.lists = lists; }
    public int getStudyPairs() { return studyPairs; }
    public void setStudyPairs(int studyPairs) { this.studyPairs = studyPairs; }
    public int getFoilsPerTest() { return foilsPerTest; }
    public void setFoilsPerTest(int foilsPerTest) { this.foilsPerTest = foilsPerTest; }
    public boolean isTestBothMembers() { return testBothMembers; }
    public void setTestBothMembers(boolean value) { this.testBothMembers = value; }
    public int getMaxConditionRun() { return maxConditionRun; }
    public void setMaxConditionRun(int value) { this.maxConditionRun = value; }
    public long getSeed() { return seed; }
    public void setSeed(long seed) { this.seed = seed; }
}
