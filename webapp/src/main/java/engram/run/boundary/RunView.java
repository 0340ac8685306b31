package engram.run.boundary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import engram.core.phase.Phase;
import engram.core.phase.Task;
import engram.experiment.control.LaunchChecklist;
import engram.experiment.entity.SequenceItem;
import engram.run.control.RunPhases;
import engram.run.control.RunService;
import engram.run.entity.RunSession;

/** The participant API's answers for phases and sessions, built from the controls' records (docs/participant-api.md). */
final class RunView {

    private RunView() {
    }

    /**
     * This visit's positions: position, image and url as always, plus phase and task; a 2AFC position shows its two
     * images as {@code left} and {@code right} and names neither the studied one nor the kind.
     */
    static List<Map<String, Object>> trials(RunService.Visit visit, Map<String, String> urls) {
        List<Map<String, Object>> trials = new ArrayList<>();
        for (SequenceItem item : visit.items()) {
            Phase phase = visit.plan().phases().get(item.phase() - 1);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("position", item.trialIndex());
            if (phase.task() == Task.TWO_AFC) {
                boolean targetLeft = "left".equals(item.targetSide());
                t.put("left", image(targetLeft ? item.imageId() : item.alternativeImageId(), urls));
                t.put("right", image(targetLeft ? item.alternativeImageId() : item.imageId(), urls));
            } else {
                t.put("imageId", item.imageId());
                t.put("url", urls.get(item.imageId()));
            }
            if (phase.task() != Task.CONTINUOUS) {
                t.put("phase", item.phase());
                t.put("task", phase.task().code());
            } else if (visit.plan().phases().size() > 1) {
                t.put("phase", item.phase());
                t.put("task", phase.task().code());
            }
            trials.add(t);
        }
        return trials;
    }

    private static Map<String, Object> image(String imageId, Map<String, String> urls) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imageId", imageId);
        m.put("url", urls.get(imageId));
        return m;
    }

    /** The end of a session that is not the last: its code, and the window of the next one. */
    static Map<String, Object> waiting(RunService.Completion done) {
        RunSession next = done.next();
        String code = done.run().experiment().sessionCode(done.session(), done.session() + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", "WAITING");
        body.put("session", done.session());
        body.put("completionCode", code);
        body.put("redirectUrl", LaunchChecklist.completionUrl(code));
        body.put("nextSession", Map.of("session", next.session(), "opensAt", next.opensAt().toString(), "closesAt", next.closesAt().toString()));
        return body;
    }

    static Map<String, Object> timed(RunPhases.Timed timed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phase", timed.phase());
        body.put("startedAt", timed.startedAt().toString());
        body.put("earliestDoneAt", timed.earliestDoneAt().toString());
        body.put("done", timed.finishedAt() != null);
        body.put("finishedAt", timed.finishedAt() == null ? null : timed.finishedAt().toString());
        return body;
    }
}
