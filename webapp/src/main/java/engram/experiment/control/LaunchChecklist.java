package engram.experiment.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold before an experiment goes live, each item with what is wrong and where to fix it. The workspace shows
 * the list on the experiment page; {@link ExperimentLifecycle#changeStatus} refuses to go live while an item fails.
 */
public final class LaunchChecklist {

    /** Where Prolific takes a participant's completion code. */
    public static final String PROLIFIC_COMPLETE = "https://app.prolific.com/submissions/complete?cc=";

    /** One check: a stable key, what it checks (the page's words), whether it passes, and what is wrong when it does not. */
    public record Item(String key, String label, boolean passed, String detail) {
    }

    /**
     * What the checks look at.
     *
     * @param texts              the participant texts by their label on the page (Markdown, or the HTML of a text that was never
     *                           written in Markdown)
     * @param sequences          the number of generated sequences
     * @param sequenceProblems   the broken design rules of those sequences (empty when every rule holds)
     * @param codes              the completion codes by their label on the page
     * @param pilotRunsCompleted completed pilot runs with the current sequences
     * @param pilotRunsOpen      pilot runs with the current sequences that have not finished
     * @param pilotNeeded        false when the study has been live before (resuming after a pause)
     */
    public record Facts(Map<String, String> texts, int sequences, List<String> sequenceProblems, Map<String, String> codes,
                        long pilotRunsCompleted, long pilotRunsOpen, boolean pilotNeeded) {
    }

    private LaunchChecklist() {
    }

    public static List<Item> evaluate(Facts f) {
        List<Item> items = new ArrayList<>();
        items.add(texts(f.texts()));
        items.add(sequences(f.sequences(), f.sequenceProblems()));
        items.add(codes(f.codes()));
        items.add(prolificUrl(f.codes()));
        if (f.pilotNeeded()) {
            items.add(pilot(f.pilotRunsCompleted(), f.pilotRunsOpen()));
        }
        return items;
    }

    public static boolean ready(List<Item> items) {
        return items.stream().allMatch(Item::passed);
    }

    /** The failing items as sentences, for a refusal. */
    public static List<String> problems(List<Item> items) {
        return items.stream().filter(i -> !i.passed()).map(i -> i.label() + ": " + i.detail()).toList();
    }

    /** The address a participant with this code is sent to at the end. */
    public static String completionUrl(String code) {
        return PROLIFIC_COMPLETE + URLEncoder.encode(code == null ? "" : code, StandardCharsets.UTF_8);
    }

    private static Item texts(Map<String, String> texts) {
        List<String> problems = new ArrayList<>();
        texts.forEach((label, text) -> {
            if (text == null || text.isBlank()) {
                problems.add(label + " is empty");
            } else {
                int markers = TemplateTexts.markers(text).size();
                if (markers > 0) {
                    problems.add(label + " still has " + markers + " [FILL IN: …] part" + (markers == 1 ? "" : "s"));
                }
            }
        });
        return new Item("texts", "Participant texts written", problems.isEmpty(),
                problems.isEmpty() ? "" : String.join("; ", problems) + ". Edit them under Texts and save.");
    }

    private static Item sequences(int sequences, List<String> problems) {
        String label = "Sequences generated and every rule holds";
        if (sequences == 0) {
            return new Item("sequences", label, false, "no sequences yet. Generate them on the Design tab.");
        }
        if (!problems.isEmpty()) {
            return new Item("sequences", label, false, problems.size() + " broken rule" + (problems.size() == 1 ? "" : "s") + " (first: "
                    + problems.get(0) + "). Generate the sequences again on the Design tab.");
        }
        return new Item("sequences", label, true, "");
    }

    private static Item codes(Map<String, String> codes) {
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        codes.forEach((label, code) -> {
            if (code == null || code.isBlank()) {
                problems.add("the “" + label + "” code is empty");
            } else if (seen.containsKey(code)) {
                problems.add("the “" + label + "” code is the same as the “" + seen.get(code) + "” code");
            } else {
                seen.put(code, label);
            }
        });
        return new Item("codes", "Completion codes set and all different", problems.isEmpty(),
                problems.isEmpty() ? "" : String.join("; ", problems) + ". Set them as in the Prolific study.");
    }

    private static Item prolificUrl(Map<String, String> codes) {
        List<String> problems = new ArrayList<>();
        codes.forEach((label, code) -> {
            if (code != null && !code.isBlank() && !wellFormed(completionUrl(code), code)) {
                problems.add("the “" + label + "” code gives " + completionUrl(code));
            }
        });
        return new Item("prolificUrl", "Prolific completion URLs well-formed", problems.isEmpty(),
                problems.isEmpty() ? "" : String.join("; ", problems) + ", which Prolific would not read back as the code."
                        + " Use letters, digits, '-' and '_' only.");
    }

    /** An https address on app.prolific.com whose only query parameter cc is exactly the code. */
    static boolean wellFormed(String url, String code) {
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && "app.prolific.com".equals(uri.getHost()) && uri.getRawFragment() == null
                    && ("cc=" + code).equals(uri.getRawQuery()) && ("cc=" + code).equals(uri.getQuery());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Item pilot(long completed, long open) {
        String label = "A pilot run completed with these sequences";
        if (completed > 0) {
            return new Item("pilot", label, true, "");
        }
        return new Item("pilot", label, false, (open == 0 ? "no pilot run yet" : open + " pilot run" + (open == 1 ? "" : "s")
                + " started, none finished") + ". Use Try as participant and play the study to its end.");
    }
}
