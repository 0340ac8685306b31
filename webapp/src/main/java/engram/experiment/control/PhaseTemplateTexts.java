package engram.experiment.control;

import engram.core.format.PhaseList;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The template consent and instructions of a phase study, written from its plan and lists in the participant's words:
 * each part (session) and each phase with its number of pictures and the keys and buttons the participant page shows
 * for it (docs/participant-page.md, "Keys and answers"). Like {@link TemplateTexts}, what only the lab knows is marked
 * {@code [FILL IN: …]}; the debrief stays {@link TemplateTexts#DEBRIEF}.
 */
public final class PhaseTemplateTexts {

    private PhaseTemplateTexts() {
    }

    /** The consent and instructions (Markdown) for a plan; {@code lists} gives the number of pictures of each phase. */
    public record Texts(String consent, String instructions) {
    }

    public static Texts of(PhasePlan plan, List<PhaseList> lists) {
        List<String> parts = parts(plan, lists);
        String steps = String.join("\n", parts.stream().map(p -> "- " + p).toList());
        String sessionsNote = plan.sessions() > 1
                ? " The study has " + plan.sessions() + " parts. You take every part through the same Prolific link, and you"
                        + " get a completion code for each part."
                : "";
        String consent = TemplateTexts.CONSENT_HEADER + """
                **What you will do.** You will look at pictures and answer questions about them.%s

                %s

                %s takes about [FILL IN: minutes] minutes and runs in full screen.

                **What we record.** Your answers, response times%s, and technical details of your device (screen and
                window size, refresh rate, browser). We receive your Prolific ID so that you can be paid;
                [FILL IN: how identifiers are stored, kept apart from the answers and deleted]. The anonymised answers may
                be [FILL IN: used and shared, e.g. published in an open repository].

                """.formatted(sessionsNote, steps, plan.sessions() > 1 ? "Part 1" : "The study", plan.phases().stream().anyMatch(Phase::boxes) ? ", the boxes you draw" : "")
                + TemplateTexts.CONSENT_RIGHTS;
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            numbered.add((i + 1) + ". " + parts.get(i));
        }
        boolean practice = plan.phases().stream().anyMatch(p -> p.task() == Task.CONTINUOUS);
        String instructions = "## How the study works\n\n" + String.join("\n", numbered) + "\n\n"
                + "Please stay in full screen, keep this window in front, and take part from a quiet place."
                + (practice ? " A short practice with feedback comes before the picture stream." : "")
                + " Each task starts with a short reminder of its keys.\n";
        return new Texts(consent, instructions);
    }

    /** One line per session ("Part 1 (now): …"), or one per phase when the plan has a single session. */
    static List<String> parts(PhasePlan plan, List<PhaseList> lists) {
        List<String> parts = new ArrayList<>();
        if (plan.sessions() == 1) {
            plan.phases().forEach(p -> parts.add(capitalise(phase(p, lists))));
            return parts;
        }
        for (int s = 1; s <= plan.sessions(); s++) {
            Phase first = plan.firstPhaseOf(s);
            String when = s == 1 ? "now" : "opens " + duration(first.delayMinS()) + " and closes " + duration(first.delayMaxS())
                    + " after you finish part " + (s - 1) + "; come back through the same Prolific link";
            List<String> what = plan.phasesOf(s).stream().map(p -> phase(p, lists)).toList();
            parts.add("**Part " + s + "** (" + when + "): " + String.join("; then ", what) + ". At the end of part " + s
                    + " you get its completion code.");
        }
        return parts;
    }

    private static String phase(Phase p, List<PhaseList> lists) {
        long n = lists.isEmpty() ? 0 : lists.get(0).trialsOf(p.phase()).size();
        String pictures = n == 1 ? "1 picture" : n + " pictures";
        String confidence = p.confidenceLevels() == null ? ""
                : ", then say how sure you are (1 = guess, " + p.confidenceLevels() + " = sure)";
        String boxes = p.boxes() ? "; after an **Old** answer, draw boxes around the parts of the picture that made you"
                + " remember it" : "";
        return switch (p.task()) {
            case CONTINUOUS -> "a stream of " + pictures + ", one at a time: press **SPACE** (or the **Repeat!** button)"
                    + " when a picture is one you have already seen"
                    + (p.boxes() ? ", then draw boxes around the parts that made you remember it" : "");
            case STUDY -> "you will see " + pictures + " one at a time; look at each one carefully"
                    + (p.encodingQuestion() == null ? ", there is nothing to press"
                            : " and answer \"" + p.encodingQuestion().text() + "\" (" + String.join(" / ", p.encodingQuestion().answers())
                                    + ", keys 1 to " + p.encodingQuestion().answers().size() + " or the buttons)");
            case OLD_NEW -> "a short test of " + pictures + ": for each picture say whether you saw it before (**Old**, key F)"
                    + " or not (**New**, key J)" + confidence + boxes;
            case OLD_SIMILAR_NEW -> "a short test of " + pictures + ": for each picture say whether it is one you saw before"
                    + " (**Old**, key F), similar to one you saw but not the same (**Similar**, key G), or new (**New**, key J)"
                    + confidence + boxes;
            case TWO_AFC -> "a short test of " + (n == 1 ? "1 pair" : n + " pairs") + " of pictures"
                    + ": each time, choose the picture you saw before (click it, or key F for the left and J for the right one)"
                    + confidence;
            case DISTRACTOR -> "quick sums for " + minutes(p.minDurationS());
            case BREAK -> "a break of " + minutes(p.minDurationS());
        };
    }

    private static String minutes(Integer seconds) {
        return seconds == null ? "a short while" : "at least " + duration(seconds);
    }

    /** 90 -> "2 minutes", 7200 -> "2 hours", 172800 -> "2 days": the largest whole unit, rounded. */
    static String duration(int seconds) {
        if (seconds >= 86_400 && seconds % 86_400 == 0 || seconds >= 2 * 86_400) {
            return plural(Math.round(seconds / 86_400.0), "day");
        }
        if (seconds >= 3_600 && seconds % 3_600 == 0 || seconds >= 2 * 3_600) {
            return plural(Math.round(seconds / 3_600.0), "hour");
        }
        if (seconds >= 60) {
            return plural(Math.round(seconds / 60.0), "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
