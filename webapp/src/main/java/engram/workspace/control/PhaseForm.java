package engram.workspace.control;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import engram.core.design.DesignParameters;
import engram.core.phase.EncodingQuestion;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;
import engram.experiment.control.PhasesJson;

/**
 * The design page's phase editor (docs/workspace.md, "Phases"): one row per phase as the form shows it (a delay window
 * in minutes, hours or days; an encoding question's answers comma-separated), and the plan those rows make.
 */
public final class PhaseForm {

    /** Seconds per unit of a delay window as the form offers them. */
    public static final Map<String, Integer> UNITS = unitMap();

    private PhaseForm() {
    }

    /** The options the card offers on a row of each task, by input id (the rest are not shown and not stored). */
    static final Map<Task, List<String>> OPTIONS = optionMap();

    /**
     * The tasks the card offers: every task, the continuous game too (the recognition design builds it as the first phase,
     * with the sequence design's parameters, and tests its images later; elsewhere the builder refuses it with a reason).
     */
    public static final List<String> TASKS = Arrays.stream(Task.values()).map(Task::code).toList();

    private static Map<Task, List<String>> optionMap() {
        Map<Task, List<String>> options = new java.util.EnumMap<>(Task.class);
        options.put(Task.CONTINUOUS, List.of("boxes"));
        options.put(Task.STUDY, List.of("displayMs", "question", "answers"));
        options.put(Task.OLD_NEW, List.of("confidenceLevels", "boxes"));
        options.put(Task.OLD_SIMILAR_NEW, List.of("confidenceLevels", "boxes"));
        options.put(Task.TWO_AFC, List.of("confidenceLevels"));
        options.put(Task.DISTRACTOR, List.of("minDurationS"));
        options.put(Task.BREAK, List.of("minDurationS"));
        return java.util.Collections.unmodifiableMap(options);
    }

    /** Whether a row of {@code task} has the option {@code option} (an input id of the card; false for an unknown task). */
    public static boolean offers(String task, String option) {
        for (Task t : Task.values()) {
            if (t.code().equals(task)) {
                return OPTIONS.get(t).contains(option);
            }
        }
        return false;
    }

    private static Map<String, Integer> unitMap() {
        Map<String, Integer> units = new LinkedHashMap<>();
        units.put("minutes", 60);
        units.put("hours", 3600);
        units.put("days", 86_400);
        return units;
    }

    /** One phase as the form edits it; {@code newSession} starts the next session (after its delay window). */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private String task = Task.STUDY.code();
        private boolean newSession;
        private Integer delayMin;
        private String delayMinUnit = "days";
        private Integer delayMax;
        private String delayMaxUnit = "days";
        private Integer displayMs = 2000;
        private String question = "";
        private String answers = "";
        private Integer confidenceLevels;
        private boolean boxes;
        private Integer minDurationS;

        public Row() {
        }

        public Row(String task) {
            this.task = task;
        }

        public String getTask() { return task; }
        public void setTask(String task) { this.task = task; }
        public boolean isNewSession() { return newSession; }
        public void setNewSession(boolean newSession) { this.newSession = newSession; }
        public Integer getDelayMin() { return delayMin; }
        public void setDelayMin(Integer delayMin) { this.delayMin = delayMin; }
        public String getDelayMinUnit() { return delayMinUnit; }
        public void setDelayMinUnit(String unit) { this.delayMinUnit = unit; }
        public Integer getDelayMax() { return delayMax; }
        public void setDelayMax(Integer delayMax) { this.delayMax = delayMax; }
        public String getDelayMaxUnit() { return delayMaxUnit; }
        public void setDelayMaxUnit(String unit) { this.delayMaxUnit = unit; }
        public Integer getDisplayMs() { return displayMs; }
        public void setDisplayMs(Integer displayMs) { this.displayMs = displayMs; }
        public String getQuestion() { return question; }
        public void setQuestion(String question) { this.question = question == null ? "" : question; }
        public String getAnswers() { return answers; }
        public void setAnswers(String answers) { this.answers = answers == null ? "" : answers; }
        public Integer getConfidenceLevels() { return confidenceLevels; }
        public void setConfidenceLevels(Integer levels) { this.confidenceLevels = levels; }
        public boolean isBoxes() { return boxes; }
        public void setBoxes(boolean boxes) { this.boxes = boxes; }
        public Integer getMinDurationS() { return minDurationS; }
        public void setMinDurationS(Integer seconds) { this.minDurationS = seconds; }

        /** Whether the card shows the option {@code option} (an input id: displayMs, question, …) on this row's task. */
        public boolean shows(String option) {
            return offers(task, option);
        }
    }

    /** A first plan to start from: a study phase and an old-new test with a 6-point scale. */
    public static List<Row> starter() {
        Row test = new Row(Task.OLD_NEW.code());
        test.confidenceLevels = 6;
        return new ArrayList<>(List.of(new Row(Task.STUDY.code()), test));
    }

    /** The rows of a stored plan. */
    public static List<Row> rows(PhasePlan plan) {
        List<Row> rows = new ArrayList<>();
        int session = 1;
        for (Phase p : plan.phases()) {
            Row r = new Row(p.task().code());
            r.newSession = p.session() != session;
            session = p.session();
            if (p.delayMinS() != null) {
                r.delayMinUnit = unitOf(p.delayMinS());
                r.delayMin = p.delayMinS() / UNITS.get(r.delayMinUnit);
                r.delayMaxUnit = unitOf(p.delayMaxS());
                r.delayMax = p.delayMaxS() / UNITS.get(r.delayMaxUnit);
            }
            r.displayMs = p.displayMs();
            if (p.encodingQuestion() != null) {
                r.question = p.encodingQuestion().text();
                r.answers = String.join(", ", p.encodingQuestion().answers());
            }
            r.confidenceLevels = p.confidenceLevels();
            r.boxes = p.boxes();
            r.minDurationS = p.minDurationS();
            rows.add(r);
        }
        return rows;
    }

    /** The largest unit that states {@code seconds} exactly (minutes otherwise, rounded down). */
    static String unitOf(int seconds) {
        return seconds % 86_400 == 0 && seconds > 0 ? "days" : seconds % 3600 == 0 && seconds > 0 ? "hours" : "minutes";
    }

    /**
     * The plan JSON the rows make (phase numbers in order, sessions counted from the ticked rows), with only the
     * options of each row's task; the plan's own rules are checked where it is read ({@link PhasesJson#read}).
     */
    public static String toJson(List<Row> rows) {
        List<Phase> phases = new ArrayList<>();
        int session = 1;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Task task = Task.fromCode(r.task);
            if (i > 0 && r.newSession) {
                session++;
            }
            boolean opens = i > 0 && r.newSession;
            Integer min = opens ? seconds(r.delayMin, r.delayMinUnit) : null;
            Integer max = opens ? seconds(r.delayMax, r.delayMaxUnit) : null;
            List<String> options = OPTIONS.get(task);
            EncodingQuestion question = options.contains("question") && !r.question.isBlank()
                    ? new EncodingQuestion(r.question.strip(), Arrays.stream(r.answers.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList())
                    : null;
            boolean boxes = r.boxes && options.contains("boxes");
            phases.add(new Phase(i + 1, task, session, min, max, options.contains("displayMs") ? r.displayMs : null, question,
                    options.contains("confidenceLevels") ? r.confidenceLevels : null, boxes, options.contains("minDurationS") ? r.minDurationS : null));
        }
        return PhasesJson.write(new PhasePlan(phases));
    }

    private static Integer seconds(Integer value, String unit) {
        if (value == null) {
            return null;
        }
        long s = (long) value * UNITS.getOrDefault(unit, 60);
        return s > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) s;
    }

    /**
     * What the continuous game of a plan that starts with it takes from the sequence design, in the Phases card's words
     * (e.g. "20 positions, 4 repeated targets at a lag of 2 to 10, no vigilance repeats, fillers from foil, images 700 ms
     * with 300 ms gaps"). Its number of sequences, target conditions and seed are not named: the builder replaces them
     * by the card's lists, pair conditions and seed ({@code RecognitionParameters.gameParameters()}).
     */
    public static String gameSummary(DesignParameters game, int displayMs, int isiMs) {
        String vigilance = game.vigilanceRepeats() == 0 ? "no vigilance repeats"
                : game.vigilanceRepeats() + (game.vigilanceRepeats() == 1 ? " vigilance repeat" : " vigilance repeats") + " at a lag of "
                + game.vigilanceMinLag() + " to " + game.effectiveVigilanceMaxLag();
        String fillers = game.fillerConditions().isEmpty() ? "no filler conditions"
                : "fillers from " + String.join(", ", game.fillerConditions());
        return game.length() + " positions, " + game.repeats() + (game.repeats() == 1 ? " repeated target" : " repeated targets")
                + " at a lag of " + game.minLag() + " to " + game.effectiveMaxLag() + ", " + vigilance + ", " + fillers
                + ", images " + displayMs + " ms with " + isiMs + " ms gaps";
    }
}
