package engram.workspace.boundary;

import java.time.Duration;
import java.util.List;

import engram.analysis.GroupSummary;
import engram.analysis.report.Apa;
import engram.analysis.report.Headline;
import engram.analysis.report.HtmlReport;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.results.control.Attrition;
import engram.results.control.Results;
import engram.workspace.control.Monitor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * admin/results.xhtml?slug=…&amp;page=…: the experiment's analysis (conditions, paired tests, participants with their
 * exclusions, data quality, the whole report) and its attrition. Read only, for every role.
 */
@Named("results")
@RequestScoped
public class ResultsBean {

    static final int PAGE_SIZE = 50;
    /** How long the page waits for a new analysis before it shows the last one. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** The paired tests are shown once this many pairs have data in both conditions (a t-test needs two). */
    public static final int MIN_PAIRS = 2;

    @Inject
    ExperimentOverview experiments;
    @Inject
    Results results;
    @Inject
    Attrition attrition;
    @Inject
    Monitor monitor;

    private Experiment experiment;
    private Results.Snapshot snapshot;
    private Attrition.Table attritionTable;
    private List<Monitor.VersionCounts> versions;
    private int page;
    private int sessions = 1;

    @PostConstruct
    void load() {
        page = Ui.pageParam();
        try {
            experiment = experiments.find(Ui.param("slug"));
        } catch (ClientError e) {
            Ui.notFound(e);
            return;
        }
        sessions = engram.experiment.control.PhasesJson.read(experiment.phasesJson()).sessions();
        attritionTable = attrition.of(experiment);
        versions = monitor.versions(experiment, false);
        snapshot = results.current(experiment, WAIT);
    }

    public Results.Analysed getAnalysed() {
        return snapshot.analysed();
    }

    /** There is an analysis to show (possibly an older one while a newer is computed). */
    public boolean isReady() {
        return snapshot.analysed() != null && !snapshot.analysed().failed();
    }

    public boolean isUpdating() {
        return snapshot.updating();
    }

    public boolean isEnoughPairs() {
        return isReady() && snapshot.analysed().headline().stream().anyMatch(r -> r.pairs() >= MIN_PAIRS);
    }

    public int getMinPairs() {
        return MIN_PAIRS;
    }

    public int getPairs() {
        return isReady() ? snapshot.analysed().headline().stream().mapToInt(Headline.Row::pairs).max().orElse(0) : 0;
    }

    /** The report's own headline section (sentences and table), rendered by the analysis library. */
    public String getHeadlineHtml() {
        return HtmlReport.headline(snapshot.analysed().headline());
    }

    public List<GroupSummary> getConditions() {
        return snapshot.analysed().conditions();
    }

    public List<Results.Participant> getParticipants() {
        List<Results.Participant> all = snapshot.analysed().participants();
        int from = (int) Math.min(all.size(), (long) page * PAGE_SIZE);
        return all.subList(from, Math.min(all.size(), from + PAGE_SIZE));
    }

    public boolean isHasNext() {
        return isReady() && (long) (page + 1) * PAGE_SIZE < snapshot.analysed().participants().size();
    }

    public int getPages() {
        return isReady() ? Math.max(1, (snapshot.analysed().participants().size() + PAGE_SIZE - 1) / PAGE_SIZE) : 1;
    }

    /** Rates as the report prints them: three decimals. */
    public String rate(double v) {
        return Apa.fixed(v, 3);
    }

    /** d′ and other statistics as the report prints them: two decimals. */
    public String stat(double v) {
        return Apa.fixed(v, 2);
    }

    /** A median time as "3 min 07 s" ("–" when there is none). */
    public String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : (s / 60) + " min " + String.format(java.util.Locale.ROOT, "%02d", s % 60) + " s";
    }

    public String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    public String time(java.time.Instant at) {
        return at == null ? "–" : TIME.format(at);
    }

    public Experiment getExperiment() { return experiment; }
    public Attrition.Table getAttrition() { return attritionTable; }
    /** The experiment's sessions (1 unless its phase plan has later sessions: then attrition shows waiting and missed runs). */
    public int getSessions() { return sessions; }
    /** Real runs per protocol version, so the results say which runs ran under which protocol. */
    public List<Monitor.VersionCounts> getVersions() { return versions; }
    public int getPage() { return page; }
}
