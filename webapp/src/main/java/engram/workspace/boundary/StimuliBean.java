package engram.workspace.boundary;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

import engram.platform.ClientError;
import engram.stimuli.control.StimulusSetException;
import engram.stimuli.control.StimulusSets;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;

/** admin/stimuli.xhtml: the stimulus sets, and imports from an uploaded zip or a server path, with every problem listed. */
@Named("stimuli")
@ViewScoped
public class StimuliBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    StimulusSets stimulusSets;

    // Read from the database, not kept in the replicated session (entities and records of other packages are not
    // Serializable): transient, and read again on first use after the session moved to another instance.
    private transient List<StimulusSets.Summary> sets;
    private String name;
    private transient Part zip;
    private String serverPath;
    private List<String> problems = List.of();
    private int problemCount;

    @PostConstruct
    void load() {
        sets = stimulusSets.all();
    }

    public void uploadZip() {
        if (zip == null || zip.getSize() == 0) {
            Ui.fieldError("upload:zip", "Choose a .zip file to upload.");
            return;
        }
        // The container keeps the uploaded part in its own temporary file and does not delete it by itself: delete it
        // as soon as the zip is copied to engram's upload folder (which is emptied at every start).
        Part part = zip;
        try {
            attempt("upload", () -> stimulusSets.importUpload(name, part.getSubmittedFileName(), part.getInputStream(), part::delete));
        } finally {
            try {
                part.delete();
            } catch (IOException | RuntimeException alreadyGone) {
                // deleted after the copy
            }
        }
    }

    public void importServerPath() {
        attempt("serverImport", () -> stimulusSets.importServerPath(name, serverPath));
    }

    private interface Import {
        long run() throws IOException;
    }

    private void attempt(String form, Import work) {
        problems = List.of();
        problemCount = 0;
        try {
            work.run();
            Ui.info("Imported the stimulus set '" + name.strip() + "'.");
            sets = stimulusSets.all();
            name = null;
            serverPath = null;
        } catch (StimulusSetException e) {
            problems = e.problems();
            Ui.error("The stimulus set was not imported: " + e.total() + (e.total() == 1 ? " problem" : " problems")
                    + ", listed below. Nothing was stored.");
            problemCount = e.total();
        } catch (ClientError e) {
            Ui.refused(e, form);
        } catch (IOException e) {
            Ui.error("The stimulus set could not be read: " + e.getMessage());
        }
    }

    public List<StimulusSets.Summary> getSets() {
        if (sets == null) {
            load();
        }
        return sets;
    }
    public List<String> getProblems() { return problems; }
    public int getProblemCount() { return problemCount; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Part getZip() { return zip; }
    public void setZip(Part zip) { this.zip = zip; }
    public String getServerPath() { return serverPath; }
    public void setServerPath(String serverPath) { this.serverPath = serverPath; }
    public String getLimits() { return stimulusSets.limits(); }
    public String getImportRoots() { return stimulusSets.importRoots().toString(); }
}
