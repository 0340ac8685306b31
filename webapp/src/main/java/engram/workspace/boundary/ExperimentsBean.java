package engram.workspace.boundary;

import java.io.Serializable;
import java.util.List;

import engram.experiment.control.ExperimentCreation;
import engram.experiment.control.ExperimentOverview;
import engram.platform.ClientError;
import engram.stimuli.control.StimulusSets;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/index.xhtml: the experiments with their status and progress, and the form that creates one. */
@Named("experiments")
@ViewScoped
public class ExperimentsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ExperimentCreation creation;
    @Inject
    ExperimentOverview experiments;
    @Inject
    StimulusSets stimulusSets;

    // Read from the database, not kept in the replicated session (entities and records of other packages are not
    // Serializable): transient, and read again on first use after the session moved to another instance.
    private transient List<ExperimentOverview.Overview> list;
    private transient List<StimulusSets.Summary> sets;
    private String slug;
    private String title;
    private Long stimulusSetId;

    @PostConstruct
    void load() {
        list = experiments.overview();
        sets = stimulusSets.all();
    }

    public String create() {
        try {
            creation.create(slug, title, stimulusSetId);
            Ui.infoAfterRedirect("Created '" + slug + "'. Next: design its sequences.");
            return "design?faces-redirect=true&slug=" + slug;
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "create");
            return null;
        }
    }

    public List<ExperimentOverview.Overview> getList() {
        if (list == null) {
            load();
        }
        return list;
    }
    public List<StimulusSets.Summary> getSets() {
        if (sets == null) {
            load();
        }
        return sets;
    }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public Long getStimulusSetId() { return stimulusSetId; }
    public void setStimulusSetId(Long stimulusSetId) { this.stimulusSetId = stimulusSetId; }
}
