package engram.run.boundary;

import java.util.LinkedHashMap;
import java.util.Map;

import engram.experiment.entity.DisplaySettings;
import engram.run.entity.Run;

/** The "display" block of the start answer: size, calibration, warm-up, device rules, practice pass mark, and this run's stored check. */
final class DisplayView {

    private DisplayView() {
    }

    static Map<String, Object> of(Run run) {
        DisplaySettings s = run.experiment().display();
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("minRefreshHz", s.minRefreshHz());
        rules.put("minWindowWidth", s.minWindowWidth());
        rules.put("minWindowHeight", s.minWindowHeight());
        rules.put("allowPhones", s.allowPhones());
        rules.put("requireFullscreen", s.requireFullscreen());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sizeMode", s.sizeMode().name());
        view.put("stimulusSize", s.stimulusSize());
        view.put("viewingDistanceCm", s.viewingDistanceCm());
        view.put("askViewingDistance", s.askViewingDistance());
        view.put("distanceSource", s.distanceSource().name());
        view.put("annotationScale", s.annotationScale());
        view.put("warmupFrames", s.warmupFrames());
        view.put("rules", rules);
        view.put("practicePassMark", s.practicePassMark());
        view.put("practiceRepeats", s.practiceRepeats());
        view.put("practiceFailAction", s.practiceFailAction().name());
        view.put("deviceChecked", run.deviceChecked());
        view.put("calibrated", run.pxPerDegree() != null);
        view.put("pxPerDegree", run.pxPerDegree());
        view.put("stimulusSizePx", run.stimulusSizePx());
        view.put("practiceAttempts", run.practiceAttempts());
        view.put("practicePassed", run.practicePassed());
        return view;
    }
}
