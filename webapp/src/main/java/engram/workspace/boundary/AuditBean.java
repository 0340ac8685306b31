package engram.workspace.boundary;

import java.util.List;

import engram.audit.control.AuditLog;
import engram.audit.entity.AuditEvent;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/audit.xhtml?slug=…: who changed what and when in one experiment, newest first. */
@Named("auditPage")
@RequestScoped
public class AuditBean {

    static final int PAGE_SIZE = 100;

    @Inject
    ExperimentOverview experiments;
    @Inject
    AuditLog audit;

    private Experiment experiment;
    private List<AuditEvent> events;
    private List<AuditEvent> stimulusEvents;
    private int page;
    private long total;

    @PostConstruct
    void load() {
        page = Ui.pageParam();
        try {
            experiment = experiments.find(Ui.param("slug"));
        } catch (ClientError e) {
            Ui.notFound(e);
            return;
        }
        events = audit.forExperiment(experiment.id(), page * PAGE_SIZE, PAGE_SIZE);
        total = audit.countForExperiment(experiment.id());
        stimulusEvents = audit.withoutExperiment(20);
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    public String time(java.time.Instant at) {
        return TIME.format(at);
    }

    public boolean isHasNext() {
        return (long) (page + 1) * PAGE_SIZE < total;
    }

    public Experiment getExperiment() { return experiment; }
    public List<AuditEvent> getEvents() { return events; }
    public List<AuditEvent> getStimulusEvents() { return stimulusEvents; }
    public int getPage() { return page; }
    public long getTotal() { return total; }
}
