package engram.workspace.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Phases card's refusals beside the inputs they concern, in the card's own words (like {@link DesignAdvice} for the
 * sequence design): a problem of the plan ("phase 3 (old-new): confidenceLevels must be 2..10, was 12") goes to that
 * row's input ({@code phaseList:2:confidenceLevels} inside the phases form) as "“confidence points” must be 2..10, was 12.";
 * a refusal of the recognition design builder goes to the row or design number it concerns. One message per input.
 */
public final class PhaseFormFields {

    /** The card's words for the plan's and the builder's parameter names. */
    static final Map<String, String> LABELS = labels();

    private static final Pattern PHASE = Pattern.compile("^phase (\\d+)(?: \\([^)]*\\))?: ");
    private static final Pattern NAMES = Pattern.compile("\\b(delayMinS|delayMaxS|displayMs|encodingQuestion\\.text"
            + "|encodingQuestion\\.answers|encodingQuestion|confidenceLevels|minDurationS|lists|studyPairs|foilsPerTest"
            + "|testBothMembers|maxConditionRun|boxes)\\b");

    private PhaseFormFields() {
    }

    /** Each of PhasePlan's problems beside its row's input (id inside the phases form), in the card's words. */
    public static Map<String, String> ofPlan(List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String problem : problems) {
            Matcher m = PHASE.matcher(problem);
            if (!m.find()) {
                continue;
            }
            String at = "phaseList:" + (Integer.parseInt(m.group(1)) - 1) + ":";
            String body = problem.substring(m.end());
            String field;
            String message;
            if (body.startsWith("a test phase needs an earlier study phase")) {
                field = "task";
                message = "A test needs an earlier study phase or the continuous game: add one before it (it tests the images studied or played there).";
            } else if (body.startsWith("delayMinS is missing") || body.startsWith("delayMaxS is missing")) {
                boolean min = body.startsWith("delayMinS");
                field = min ? "delayMin" : "delayMax";
                message = "Give “" + LABELS.get(field) + "”: this phase starts a new session, so it needs a window after the previous one.";
            } else {
                field = field(body);
                message = capitalise(words(body)) + ".";
            }
            out.putIfAbsent(at + field, message);
        }
        return out;
    }

    /** Each refusal of the recognition design builder beside the row or number it concerns (none for the rest). */
    public static Map<String, String> ofBuilder(List<String> reasons) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String reason : reasons) {
            Matcher m = PHASE.matcher(reason);
            if (m.find()) {
                out.merge("phaseList:" + (Integer.parseInt(m.group(1)) - 1) + ":task", capitalise(words(reason.substring(m.end()))) + ".",
                        (a, b) -> a + " " + b);
                continue;
            }
            int colon = reason.indexOf(": ");
            String constraint = colon < 0 ? "" : reason.substring(0, colon);
            String text = capitalise(words(colon < 0 ? reason : reason.substring(colon + 2))) + ".";
            String field = switch (constraint) {
                case "pairs", "studyPairs" -> "studyPairs";
                case "foils" -> "foilsPerTest";
                case "order" -> "maxConditionRun";
                case "phases" -> "phaseList:0:task";
                default -> null;
            };
            if (field != null) {
                out.merge(field, text, (a, b) -> a + " " + b);
            }
        }
        return out;
    }

    private static String field(String body) {
        if (body.startsWith("encodingQuestion.answers")) {
            return "answers";
        }
        if (body.startsWith("encodingQuestion")) {
            return "question";
        }
        for (String[] f : new String[][] {{"displayMs", "displayMs"}, {"confidenceLevels", "confidenceLevels"}, {"boxes", "boxes"},
            {"minDurationS", "minDurationS"}, {"delayMinS", "delayMin"}, {"delayMaxS", "delayMax"}, {"session", "newSession"}}) {
            if (body.startsWith(f[0])) {
                return f[1];
            }
        }
        return "task";
    }

    /** Parameter names replaced by the card's labels, a number of seconds after a delay name by its largest exact unit. */
    static String words(String text) {
        Matcher m = NAMES.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String field = switch (m.group(1)) {
                case "delayMinS" -> "delayMin";
                case "delayMaxS" -> "delayMax";
                case "encodingQuestion", "encodingQuestion.text" -> "question";
                case "encodingQuestion.answers" -> "answers";
                default -> m.group(1);
            };
            m.appendReplacement(sb, Matcher.quoteReplacement("“" + LABELS.get(field) + "”"));
        }
        m.appendTail(sb);
        return durations(sb.toString());
    }

    /** "“Opens after” 7200" → "“Opens after” 2 hours"; "was 86400" after a delay name → "was 1 day". */
    private static String durations(String text) {
        if (!text.contains("“" + LABELS.get("delayMin") + "”") && !text.contains("“" + LABELS.get("delayMax") + "”")) {
            return text;
        }
        Matcher m = Pattern.compile("(” |was )(-?\\d+)\\b").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + duration(Long.parseLong(m.group(2)))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String duration(long seconds) {
        if (seconds != 0 && seconds % 86_400 == 0) {
            return count(seconds / 86_400, "day");
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return count(seconds / 3600, "hour");
        }
        return seconds % 60 == 0 ? count(seconds / 60, "minute") : count(seconds, "second");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("task", "Task");
        labels.put("newSession", "New session");
        labels.put("delayMin", "Opens after");
        labels.put("delayMax", "Closes after");
        labels.put("displayMs", "display ms");
        labels.put("question", "question");
        labels.put("answers", "answers");
        labels.put("confidenceLevels", "confidence points");
        labels.put("boxes", "boxes after “old”");
        labels.put("minDurationS", "at least s");
        labels.put("lists", "Lists (counterbalanced)");
        labels.put("studyPairs", "Studied pairs per list");
        labels.put("foilsPerTest", "New images per test");
        labels.put("testBothMembers", "Test both members of a pair");
        labels.put("maxConditionRun", "At most in a row of one condition");
        return java.util.Collections.unmodifiableMap(labels);
    }
}
