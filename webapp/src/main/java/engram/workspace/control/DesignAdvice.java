package engram.workspace.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import engram.core.design.DesignParameters;
import engram.core.design.Stimulus;

/**
 * The design form's words for the builder's refusals. The builder names its parameters ({@code minLag},
 * {@code allowRepeatedFillers}) and prefixes each infeasibility reason with the constraint it concerns ("lag:",
 * "fillers:"); this class puts each reason beside the form field it concerns, with the field labels instead of parameter
 * names, what the stimulus set actually has, and what to change.
 */
public final class DesignAdvice {

    /** The design form's fields (input ids) and their labels, in the form's order. */
    public static final Map<String, String> LABELS = labels();

    /** One refusal for the form: the field it belongs beside, and the sentence (with what to change). */
    public record Finding(String field, String message) {
    }

    /** What the set has, counted for the design's target conditions. */
    public record SetFacts(Map<String, Integer> imagesByCondition, int pairs, int matchingPairs, int unpaired) {

        /** e.g. "The set has 48 images (without the practice images): high 12, low 12, foil 24; 12 pairs, 12 with one 'high' and one 'low' member; 24 unpaired images." */
        public String describe(DesignParameters p) {
            int images = imagesByCondition.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder out = new StringBuilder("The stimulus set has " + images + " images for the sequences (practice images left out), by condition: ");
            List<String> parts = new ArrayList<>();
            imagesByCondition.forEach((c, n) -> parts.add("'" + c + "' " + n));
            out.append(parts.isEmpty() ? "none" : String.join(", ", parts)).append("; ").append(pairs).append(pairs == 1 ? " pair" : " pairs");
            if (p.targetConditions().size() == 2) {
                out.append(", ").append(matchingPairs).append(" of them with one '").append(p.targetConditions().get(0)).append("' and one '")
                        .append(p.targetConditions().get(1)).append("' member");
            }
            return out.append("; ").append(unpaired).append(" unpaired images (foils).").toString();
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\b(minLag|maxLag|vigilanceMinLag|vigilanceMaxLag|vigilanceRepeats|repeats|sequences"
            + "|length|targetConditions|fillerConditions|allowRepeatedFillers|seed)\\b");

    private DesignAdvice() {
    }

    public static SetFacts facts(List<Stimulus> pool, DesignParameters p) {
        Map<String, Integer> byCondition = new TreeMap<>();
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        int unpaired = 0;
        for (Stimulus s : pool) {
            byCondition.merge(s.condition(), 1, Integer::sum);
            if (s.pairId() == null) {
                unpaired++;
            } else {
                pairs.computeIfAbsent(s.pairId(), id -> new ArrayList<>()).add(s.condition());
            }
        }
        int matching = 0;
        if (p.targetConditions().size() == 2) {
            String a = p.targetConditions().get(0);
            String b = p.targetConditions().get(1);
            for (List<String> members : pairs.values()) {
                if (members.size() == 2 && ((members.get(0).equals(a) && members.get(1).equals(b)) || (members.get(0).equals(b) && members.get(1).equals(a)))) {
                    matching++;
                }
            }
        }
        return new SetFacts(byCondition, pairs.size(), matching, unpaired);
    }

    /** A parameter refused by the builder's own checks (e.g. "minLag must be at least 1"), in the form's words. */
    public static Finding parameter(String message) {
        Matcher m = Pattern.compile("^(\\w+) ").matcher(message);
        String parameter = m.find() ? m.group(1) : "";
        String field = "sequences".equals(parameter) ? "sequencesCount" : parameter;
        return new Finding(LABELS.containsKey(field) ? field : null, words(message, false));
    }

    /** Each infeasibility reason beside its field, in the form's words, with what to change. */
    public static List<Finding> explain(List<String> reasons, DesignParameters p, SetFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (String reason : reasons) {
            int colon = reason.indexOf(": ");
            String constraint = colon < 0 ? "" : reason.substring(0, colon);
            String body = colon < 0 ? reason : reason.substring(colon + 2);
            boolean vigilance = constraint.startsWith("vigilance");
            String text = capitalise(words(body, vigilance));
            findings.add(switch (constraint) {
                case "conditions" -> body.contains("both a target and a filler")
                        ? new Finding("fillerConditions", text + ". Remove it from “Filler conditions”.")
                        : new Finding("targetConditions", text + ". Name two conditions the set has: " + String.join(", ", facts.imagesByCondition().keySet()) + ".");
                case "length" -> new Finding("length", text + ". Raise “Positions per sequence” or lower “Repeated targets per sequence” or “Vigilance repeats”.");
                case "lag" -> new Finding("minLag", text + ". Lower “Target lag: at least” or raise “Positions per sequence”.");
                case "vigilance lag" -> new Finding("vigilanceMinLag", text + ". Lower “Vigilance lag: at least” or raise “Positions per sequence”.");
                case "repeats" -> new Finding("repeats", text + ". Lower “Repeated targets per sequence” to at most " + facts.matchingPairs()
                        + ", or import a set with more such pairs.");
                case "fillers" -> body.contains("allowRepeatedFillers")
                        ? new Finding("allowRepeatedFillers", text + ". Tick “Fillers may recur across sequences”, lower “Sequences (K)”, or use a set with more images.")
                        : new Finding("length", text + ". Lower “Positions per sequence” or “Repeated targets per sequence”, or use a set with more foils.");
                case "placement" -> new Finding("minLag", text + ". Narrow the lag windows less, add positions, or drop repeats.");
                default -> new Finding(null, text + ".");
            });
        }
        return findings;
    }

    /** The reasons grouped by field: one message per field (several joined), in the order found. */
    public static Map<String, String> byField(List<Finding> findings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.field() != null) {
                out.merge(f.field(), f.message(), (a, b) -> a + " " + b);
            }
        }
        return out;
    }

    /** Parameter names replaced by the form's labels (in a vigilance reason, minLag/maxLag are the vigilance lags). */
    static String words(String text, boolean vigilance) {
        String out = text.replace("allowRepeatedFillers is false", "“Fillers may recur across sequences” is not ticked");
        Matcher m = PARAMETER.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (vigilance && (name.equals("minLag") || name.equals("maxLag"))) {
                name = name.equals("minLag") ? "vigilanceMinLag" : "vigilanceMaxLag";
            }
            String field = name.equals("sequences") ? "sequencesCount" : name;
            // "sequences" and "length" are also plain words; only replace them where they name the parameter
            boolean plainWord = (name.equals("sequences") || name.equals("length") || name.equals("repeats"))
                    && !out.startsWith(name + " must");
            m.appendReplacement(sb, Matcher.quoteReplacement(plainWord ? m.group(1) : "“" + LABELS.get(field) + "”"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("sequencesCount", "Sequences (K)");
        labels.put("length", "Positions per sequence");
        labels.put("repeats", "Repeated targets per sequence");
        labels.put("minLag", "Target lag: at least");
        labels.put("maxLag", "Target lag: at most");
        labels.put("vigilanceRepeats", "Vigilance repeats");
        labels.put("vigilanceMinLag", "Vigilance lag: at least");
        labels.put("vigilanceMaxLag", "Vigilance lag: at most");
        labels.put("targetConditions", "Target conditions (pair members)");
        labels.put("fillerConditions", "Filler conditions");
        labels.put("seed", "Seed");
        labels.put("allowRepeatedFillers", "Fillers may recur across sequences");
        labels.put("displayMs", "Display (ms)");
        labels.put("isiMs", "Gap between images (ms)");
        labels.put("practice", "Practice images");
        return java.util.Collections.unmodifiableMap(labels);
    }
}
