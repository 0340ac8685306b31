package engram.workspace.boundary;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import engram.core.design.DesignInfeasibleException;
import engram.core.design.DesignParameters;
import engram.core.format.Sequence;
import engram.experiment.control.DesignJson;
import engram.experiment.control.DesignRequest;
import engram.experiment.control.ExperimentDesign;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.control.PilotKeys;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.stimuli.control.StimulusCatalog;
import engram.workspace.control.DesignAdvice;
import engram.workspace.control.DesignReport;
import engram.workspace.control.TimelineSvg;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/design.xhtml?slug=…: the builder's parameters, generation with a seed, the validation table and a timeline per sequence. */
@Named("design")
@ViewScoped
public class DesignBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ExperimentDesign design;
    @Inject
    ExperimentOverview experiments;
    @Inject
    PilotKeys pilotKeys;
    @Inject
    StimulusCatalog catalog;

    private String slug;
    // Read from the database, not kept in the replicated session (entities and records of other packages are not
    // Serializable): transient, and read again on first use after the session moved to another instance.
    private transient Experiment experiment;
    /** True once the experiment was read: then a null {@link #experiment} means the session was replicated. */
    private boolean found;
    private boolean locked;
    private transient List<Sequence> sequences;
    private transient DesignReport report;
    private transient Map<String, String> thumbnails;
    private String conditions = "";
    private transient ExperimentOverview.RunCounts counts;
    private List<String> infeasible = List.of();
    private String setFacts;

    private int sequencesCount;
    private int length;
    private int repeats;
    private int minLag;
    private Integer maxLag;
    private int vigilanceRepeats;
    private int vigilanceMinLag;
    private int vigilanceMaxLag;
    private String targetConditions;
    private String fillerConditions;
    private boolean allowRepeatedFillers;
    private long seed;
    private int displayMs;
    private int isiMs;
    private String practice;
    private int stimulusCount;

    @PostConstruct
    void load() {
        slug = Ui.param("slug");
        try {
            reload();
        } catch (ClientError e) {
            Ui.notFound(e);
            return;
        }
        // with a plan that starts with the game, the card shows that game (stored with the plan), which the Phases card names
        DesignParameters game = experiment.phasesJson() == null ? null
                : ExperimentDesign.recognitionParameters(experiment.designJson()).game();
        DesignParameters d = game != null ? game : DesignJson.read(experiment.designJson());
        sequencesCount = d.sequences();
        length = d.length();
        repeats = d.repeats();
        minLag = d.minLag();
        maxLag = d.maxLag() == DesignParameters.UNBOUNDED_LAG ? null : d.maxLag();
        vigilanceRepeats = d.vigilanceRepeats();
        vigilanceMinLag = d.vigilanceMinLag();
        vigilanceMaxLag = d.vigilanceMaxLag();
        targetConditions = String.join(", ", d.targetConditions());
        fillerConditions = String.join(", ", d.fillerConditions());
        allowRepeatedFillers = d.allowRepeatedFillers();
        seed = d.seed();
        displayMs = experiment.displayMs();
        isiMs = experiment.isiMs();
        practice = String.join(", ", experiment.practiceImageIds());
    }

    private void reload() {
        experiment = experiments.find(slug);
        locked = experiments.isLocked(experiment);
        // study and test lists are not sequences of the continuous game: the phases card shows them
        sequences = experiment.phasesJson() == null ? design.sequences(experiment) : List.of();
        List<engram.core.design.Stimulus> all = design.allStimuli(experiment.stimulusSet().id());
        stimulusCount = all.size();
        conditions = String.join(",", new TreeSet<>(all.stream().map(engram.core.design.Stimulus::condition).toList()));
        counts = null;
        report = sequences.isEmpty() ? null
                : DesignReport.of(DesignJson.read(experiment.designJson()), design.streamStimuli(experiment), sequences);
        found = true;
    }

    public void generate() {
        infeasible = List.of();
        setFacts = null;
        DesignParameters parameters;
        try {
            parameters = new DesignParameters(sequencesCount, length, repeats, minLag, maxLag == null ? DesignParameters.UNBOUNDED_LAG : maxLag,
                    vigilanceRepeats, vigilanceMinLag, vigilanceMaxLag, list(targetConditions), list(fillerConditions), allowRepeatedFillers, seed);
        } catch (IllegalArgumentException e) {
            DesignAdvice.Finding finding = DesignAdvice.parameter(e.getMessage());
            if (finding.field() != null) {
                Ui.fieldError("designForm:" + finding.field(), finding.message());
            } else {
                Ui.error(finding.message());
            }
            return;
        }
        try {
            List<Sequence> built = design.generate(slug, new DesignRequest(parameters, displayMs, isiMs, list(practice)));
            Ui.info("Generated " + built.size() + " sequences of " + length + " with seed " + seed + "; every rule holds.");
        } catch (DesignInfeasibleException e) {
            Set<String> practiceIds = Set.copyOf(list(practice));
            DesignAdvice.SetFacts facts = DesignAdvice.facts(design.allStimuli(getExperiment().stimulusSet().id()).stream()
                    .filter(s -> !practiceIds.contains(s.imageId())).toList(), parameters);
            List<DesignAdvice.Finding> findings = DesignAdvice.explain(e.reasons(), parameters, facts);
            infeasible = findings.stream().map(f -> (f.field() == null ? "" : DesignAdvice.LABELS.get(f.field()) + ": ") + f.message()).toList();
            setFacts = facts.describe(parameters);
            Ui.error("This design cannot be built from the stimulus set: " + findings.size() + (findings.size() == 1 ? " reason" : " reasons")
                    + ", each shown beside its field and listed below with what the set has. Nothing was changed.");
            DesignAdvice.byField(findings).forEach((field, message) -> Ui.fieldError("designForm:" + field, message));
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "designForm");
        }
        reload();
    }

    /**
     * "Back to the continuous game" (shown instead of Generate while the experiment has phases; it asks first): the
     * sequences are generated from this form, which drops the phase plan and its lists; a fresh page on success.
     */
    public String backToContinuous() {
        generate();
        if (jakarta.faces.context.FacesContext.getCurrentInstance().isValidationFailed() || getExperiment().phasesJson() != null) {
            return null;
        }
        Ui.infoAfterRedirect("Back to the continuous game: the phase plan and its study and test lists were dropped.");
        if (!design.textsAreTemplates(slug)) {
            Ui.warnAfterRedirect(DesignTextsNotice.CONTINUOUS);
        }
        return "design?faces-redirect=true&slug=" + slug;
    }

    /** Pilot runs of the current sequences: generating new ones voids them, so the Generate button asks first. */
    public ExperimentOverview.RunCounts getCounts() {
        if (counts == null) {
            counts = experiments.runCounts(getExperiment());
        }
        return counts;
    }

    public void newSeed() {
        seed = Math.floorMod(System.nanoTime(), 1_000_000_000L);
    }

    public String timeline(Sequence sequence) {
        if (thumbnails == null) {
            String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
            Map<String, String> urls = new HashMap<>();
            catalog.thumbnails(getExperiment().stimulusSet().id()).forEach((id, url) -> urls.put(id, context + url));
            thumbnails = urls;
        }
        return TimelineSvg.of(sequence, thumbnails);
    }

    public long getStimulusSetId() { return getExperiment().stimulusSet().id(); }

    /** The set's conditions, comma-separated, for the practice picker's filter. */
    public String getConditions() {
        getExperiment();
        return conditions;
    }

    public String getPilotUrl() {
        return Ui.baseUrl() + "/run/" + slug + "?pilot=" + pilotKeys.issue(slug);
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String getSlug() { return slug; }
    public Experiment getExperiment() {
        if (experiment == null && found) {
            reload();
        }
        return experiment;
    }
    public boolean isLocked() { return locked; }
    public List<Sequence> getSequences() {
        getExperiment();
        return sequences;
    }
    public DesignReport getReport() {
        getExperiment();
        return report;
    }
    public List<String> getInfeasible() { return infeasible; }
    public String getSetFacts() { return setFacts; }
    public int getStimulusCount() { return stimulusCount; }
    public int getSequencesCount() { return sequencesCount; }
    public void setSequencesCount(int v) { this.sequencesCount = v; }
    public int getLength() { return length; }
    public void setLength(int v) { this.length = v; }
    public int getRepeats() { return repeats; }
    public void setRepeats(int v) { this.repeats = v; }
    public int getMinLag() { return minLag; }
    public void setMinLag(int v) { this.minLag = v; }
    public Integer getMaxLag() { return maxLag; }
    public void setMaxLag(Integer v) { this.maxLag = v; }
    public int getVigilanceRepeats() { return vigilanceRepeats; }
    public void setVigilanceRepeats(int v) { this.vigilanceRepeats = v; }
    public int getVigilanceMinLag() { return vigilanceMinLag; }
    public void setVigilanceMinLag(int v) { this.vigilanceMinLag = v; }
    public int getVigilanceMaxLag() { return vigilanceMaxLag; }
    public void setVigilanceMaxLag(int v) { this.vigilanceMaxLag = v; }
    public String getTargetConditions() { return targetConditions; }
    public void setTargetConditions(String v) { this.targetConditions = v; }
    public String getFillerConditions() { return fillerConditions; }
    public void setFillerConditions(String v) { this.fillerConditions = v; }
    public boolean isAllowRepeatedFillers() { return allowRepeatedFillers; }
    public void setAllowRepeatedFillers(boolean v) { this.allowRepeatedFillers = v; }
    public long getSeed() { return seed; }
    public void setSeed(long v) { this.seed = v; }
    public int getDisplayMs() { return displayMs; }
    public void setDisplayMs(int v) { this.displayMs = v; }
    public int getIsiMs() { return isiMs; }
    public void setIsiMs(int v) { this.isiMs = v; }
    public String getPractice() { return practice; }
    public void setPractice(String v) { this.practice = v; }
}
