package engram.workspace.boundary;

import java.util.List;

import engram.archive.control.ProtocolSummary;
import engram.archive.control.ProtocolVersions;
import engram.archive.control.StudyArchives;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/protocol.xhtml?slug=…&amp;version=…: the printable protocol summary, of a frozen version or of the protocol as it is now. */
@Named("protocolPage")
@RequestScoped
public class ProtocolBean {

    @Inject
    ExperimentOverview experiments;
    @Inject
    StudyArchives archives;

    private Experiment experiment;
    private Integer version;
    private ProtocolSummary summary;
    private List<ProtocolVersions.Frozen> versions;

    @PostConstruct
    void load() {
        try {
            experiment = experiments.find(Ui.param("slug"));
            String v = Ui.param("version");
            version = v == null || v.isBlank() ? null : Integer.valueOf(v);
            versions = archives.versions(experiment.slug());
            summary = archives.summary(experiment.slug(), version);
        } catch (NumberFormatException e) {
            Ui.notFound(ClientError.notFound(ErrorCode.UNKNOWN_PROTOCOL_VERSION, "No such protocol version."));
        } catch (ClientError e) {
            Ui.notFound(e);
        }
    }

    public Experiment getExperiment() { return experiment; }
    public Integer getVersion() { return version; }
    public String getVersionLabel() { return version == null ? "as it is now" : "version " + version; }
    public ProtocolSummary getSummary() { return summary; }
    public List<ProtocolVersions.Frozen> getVersions() { return versions; }

    public String time(java.time.Instant at) {
        return at == null ? "–" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(at);
    }
}
