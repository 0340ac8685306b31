package engram.workspace.boundary;

import java.util.List;

import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.workspace.control.Monitor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/monitor.xhtml?slug=…&amp;page=…&amp;pilot=…: live counts per sequence and one page of runs with quality flags. */
@Named("monitor")
@RequestScoped
public class MonitorBean {

    @Inject
    ExperimentOverview experiments;
    @Inject
    Monitor monitor;
    @Inject
    engram.workspace.control.SessionsDue sessionsDue;

    private Experiment experiment;
    private Monitor.Summary summary;
    private List<Monitor.RunRow> runs;
    private List<Monitor.VersionCounts> versions;
    private List<engram.workspace.control.SessionsDue.Due> due = List.of();
    private boolean multiSession;
    private int sessions = 1;
    private int page;
    private boolean pilot;

    @PostConstruct
    void load() {
        page = Ui.pageParam();
        pilot = "true".equals(Ui.param("pilot"));
        try {
            experiment = experiments.find(Ui.param("slug"));
        } catch (ClientError e) {
            Ui.notFound(e);
            return;
        }
        summary = monitor.summary(experiment, pilot);
        runs = monitor.runs(experiment, pilot, page);
        versions = monitor.versions(experiment, pilot);
        sessions = engram.experiment.control.PhasesJson.read(experiment.phasesJson()).sessions();
        multiSession = sessions > 1;
        if (multiSession) {
            due = sessionsDue.due(experiment, pilot);
        }
    }

    public boolean isHasNext() {
        return (long) (page + 1) * Monitor.PAGE_SIZE < summary.runCount();
    }

    public int getPages() {
        return (int) Math.max(1, (summary.runCount() + Monitor.PAGE_SIZE - 1) / Monitor.PAGE_SIZE);
    }

    public String percent(Double value) {
        return value == null ? "–" : Math.round(value * 100) + "%";
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    public String time(java.time.Instant at) {
        return at == null ? "–" : TIME.format(at);
    }

    public String getMedianDuration() {
        if (summary.medianDuration() == null) {
            return "–";
        }
        long s = summary.medianDuration().toSeconds();
        return (s / 60) + " min " + (s % 60) + " s";
    }

    public String getSavesPerSecond() {
        return String.format(java.util.Locale.ROOT, "%.2f", summary.savesPerSecond());
    }

    public Experiment getExperiment() { return experiment; }
    /** The experiment has more than one session (the "Sessions due" card is shown). */
    public boolean isMultiSession() { return multiSession; }
    /** The words for runs between sessions: "waiting for session 2" with two sessions, else "waiting for a later session". */
    public String getWaitingLabel() { return sessions == 2 ? "waiting for session 2" : "waiting for a later session"; }
    public List<engram.workspace.control.SessionsDue.Due> getDue() { return due; }
    public Monitor.Summary getSummary() { return summary; }
    public List<Monitor.RunRow> getRuns() { return runs; }
    public List<Monitor.VersionCounts> getVersions() { return versions; }
    public int getPage() { return page; }
    public boolean isPilot() { return pilot; }
}
