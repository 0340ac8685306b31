package engram.workspace.boundary;

import java.util.Locale;

import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.results.control.RunDetail;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/run.xhtml?slug=…&amp;run=…: one run trial by trial, with the boxes drawn over each image. Read only. */
@Named("runPage")
@RequestScoped
public class RunBean {

    @Inject
    ExperimentOverview experiments;
    @Inject
    RunDetail runs;

    private Experiment experiment;
    private RunDetail.Detail detail;

    @PostConstruct
    void load() {
        try {
            experiment = experiments.find(Ui.param("slug"));
            detail = runs.of(experiment, Ui.param("run"));
        } catch (ClientError e) {
            Ui.notFound(e);
        }
    }

    /** A number with the given decimals ("–" for none). */
    public String num(Double v, int decimals) {
        return v == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A browser-check value, or "not recorded" (runs started before the check, or by a script). */
    public String orNone(String value) {
        return value == null || value.isBlank() ? "not recorded" : value;
    }

    /** A fraction of the image as an SVG percentage coordinate. */
    public String pct(double fraction) {
        return String.format(Locale.ROOT, "%.3f", fraction * 100);
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    public String time(java.time.Instant at) {
        return at == null ? "–" : TIME.format(at);
    }

    public Experiment getExperiment() { return experiment; }
    public RunDetail.Detail getDetail() { return detail; }
    public RunDetail.Run getRun() { return detail.run(); }
}
