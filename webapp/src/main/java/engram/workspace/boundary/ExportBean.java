package engram.workspace.boundary;

import engram.experiment.control.ExperimentEditor;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/export.xhtml?slug=…: the download form for the streamed export zip. */
@Named("exportPage")
@RequestScoped
public class ExportBean {

    @Inject
    ExperimentEditor editor;

    private Experiment experiment;

    @PostConstruct
    void load() {
        try {
            experiment = editor.find(Ui.param("slug"));
        } catch (ClientError e) {
            Ui.notFound(e);
        }
    }

    public Experiment getExperiment() { return experiment; }

    /** The API address of the same zip, for the curl examples on the page. */
    public String getApiUrl() {
        return Ui.baseUrl() + "/api/experiments/" + experiment.slug() + "/export?pilot=false&images=true";
    }
}
