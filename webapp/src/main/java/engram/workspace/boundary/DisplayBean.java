package engram.workspace.boundary;

import java.io.Serializable;

import engram.experiment.control.DisplayEditor;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.DisplaySettings.DistanceSource;
import engram.experiment.entity.DisplaySettings.PracticeFailAction;
import engram.experiment.entity.DisplaySettings.SizeMode;
import engram.platform.ClientError;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The "What participants see" form of admin/experiment.xhtml: stimulus size, calibration, device rules, practice pass mark. */
@Named("displayPage")
@ViewScoped
public class DisplayBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DisplayEditor editor;
    @Inject
    ExperimentOverview experiments;

    private String slug;
    private SizeMode sizeMode;
    private double stimulusSize;
    private double viewingDistance;
    private DistanceSource distanceSource;
    private double annotationScale;
    private int warmupFrames;
    private double minRefreshHz;
    private int minWindowWidth;
    private int minWindowHeight;
    private boolean allowPhones;
    private boolean requireFullscreen;
    private String codeNoDevice;
    private double practicePassMark;
    private int practiceRepeats;
    private PracticeFailAction practiceFailAction;
    private String codePracticeFailed;

    @PostConstruct
    void load() {
        slug = Ui.param("slug");
        try {
            set(experiments.find(slug).display());
        } catch (ClientError e) {
            // the experiment page shows the not-found answer
        }
    }

    private void set(DisplaySettings d) {
        sizeMode = d.sizeMode();
        stimulusSize = d.stimulusSize();
        viewingDistance = d.viewingDistanceCm();
        distanceSource = d.distanceSource();
        annotationScale = d.annotationScale();
        warmupFrames = d.warmupFrames();
        minRefreshHz = d.minRefreshHz();
        minWindowWidth = d.minWindowWidth();
        minWindowHeight = d.minWindowHeight();
        allowPhones = d.allowPhones();
        requireFullscreen = d.requireFullscreen();
        codeNoDevice = d.codeNoDevice();
        practicePassMark = d.practicePassMark();
        practiceRepeats = d.practiceRepeats();
        practiceFailAction = d.practiceFailAction();
        codePracticeFailed = d.codePracticeFailed();
    }

    public void save() {
        try {
            set(editor.update(slug, new DisplaySettings(sizeMode, stimulusSize, viewingDistance, distanceSource, annotationScale,
                    warmupFrames, minRefreshHz, minWindowWidth, minWindowHeight, allowPhones, requireFullscreen, codeNoDevice,
                    practicePassMark, practiceRepeats, practiceFailAction, codePracticeFailed)).display());
            Ui.info("Saved what participants see in '" + slug + "'.");
        } catch (ClientError | IllegalArgumentException e) {
            Ui.refused(e, "display");
        }
    }

    public SizeMode[] getSizeModes() { return SizeMode.values(); }
    public DistanceSource[] getDistanceSources() { return DistanceSource.values(); }
    public PracticeFailAction[] getPracticeFailActions() { return PracticeFailAction.values(); }

    public SizeMode getSizeMode() { return sizeMode; }
    public void setSizeMode(SizeMode v) { this.sizeMode = v; }
    public double getStimulusSize() { return stimulusSize; }
    public void setStimulusSize(double v) { this.stimulusSize = v; }
    public double getViewingDistance() { return viewingDistance; }
    public void setViewingDistance(double v) { this.viewingDistance = v; }
    public DistanceSource getDistanceSource() { return distanceSource; }
    public void setDistanceSource(DistanceSource v) { this.distanceSource = v; }
    public double getAnnotationScale() { return annotationScale; }
    public void setAnnotationScale(double v) { this.annotationScale = v; }
    public int getWarmupFrames() { return warmupFrames; }
    public void setWarmupFrames(int v) { this.warmupFrames = v; }
    public double getMinRefreshHz() { return minRefreshHz; }
    public void setMinRefreshHz(double v) { this.minRefreshHz = v; }
    public int getMinWindowWidth() { return minWindowWidth; }
    public void setMinWindowWidth(int v) { this.minWindowWidth = v; }
    public int getMinWindowHeight() { return minWindowHeight; }
    public void setMinWindowHeight(int v) { this.minWindowHeight = v; }
    public boolean isAllowPhones() { return allowPhones; }
    public void setAllowPhones(boolean v) { this.allowPhones = v; }
    public boolean isRequireFullscreen() { return requireFullscreen; }
    public void setRequireFullscreen(boolean v) { this.requireFullscreen = v; }
    public String getCodeNoDevice() { return codeNoDevice; }
    public void setCodeNoDevice(String v) { this.codeNoDevice = v; }
    public double getPracticePassMark() { return practicePassMark; }
    public void setPracticePassMark(double v) { this.practicePassMark = v; }
    public int getPracticeRepeats() { return practiceRepeats; }
    public void setPracticeRepeats(int v) { this.practiceRepeats = v; }
    public PracticeFailAction getPracticeFailAction() { return practiceFailAction; }
    public void setPracticeFailAction(PracticeFailAction v) { this.practiceFailAction = v; }
    public String getCodePracticeFailed() { return codePracticeFailed; }
    public void setCodePracticeFailed(String v) { this.codePracticeFailed = v; }
}
