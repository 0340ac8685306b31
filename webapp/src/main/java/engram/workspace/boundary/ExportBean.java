package engram.workspace.boundary;

import engram.archive.control.StudyArchives;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/export.xhtml?slug=…: the download form for the streamed export zip, and the study archive with its protocol hash. */
@Named("exportPage")
@RequestScoped
public class ExportBean {

    @Inject
    ExperimentOverview experiments;
    @Inject
    StudyArchives archives;

    private Experiment experiment;
    private String protocolHash;

    @PostConstruct
    void load() {
        try {
            experiment = experiments.find(Ui.param("slug"));
            protocolHash = archives.protocolHash(experiment.slug());
        } catch (ClientError e) {
            Ui.notFound(e);
        }
    }

    public Experiment getExperiment() { return experiment; }

    /** The SHA-256 of the experiment's canonical protocol as it is now (docs/archive-format.md). */
    public String getProtocolHash() { return protocolHash; }

    /** The API address of the same zip, for the curl examples on the page. */
    public String getApiUrl() {
        return Ui.baseUrl() + "/api/experiments/" + experiment.slug() + "/export?pilot=false&images=true";
    }
}
