package engram.experiment.control;

import java.util.List;

import engram.core.format.PhaseList;
import engram.core.phase.PhasePlan;
import engram.experiment.entity.Experiment;

/**
 * Keeps the template consent and instructions in step with the design: when the experimenter turns an experiment into
 * a phase study (or back into the continuous game), each text that is still exactly the template of the old design is
 * replaced by the template of the new one ({@link TemplateTexts}, {@link PhaseTemplateTexts}); a text the experimenter
 * edited is kept, and the design page says so. The debrief does not depend on the design and is never touched.
 */
public final class DesignTexts {

    /** The consent and instructions templates of one design (Markdown). */
    public record Templates(String consent, String instructions) {
        public static Templates of(PhasePlan plan, List<PhaseList> lists) {
            PhaseTemplateTexts.Texts t = PhaseTemplateTexts.of(plan, lists);
            return new Templates(t.consent(), t.instructions());
        }
    }

    /** The templates of the continuous game, which every new experiment starts with. */
    public static final Templates CONTINUOUS = new Templates(TemplateTexts.CONSENT, TemplateTexts.INSTRUCTIONS);

    /** What {@link #follow} did with the two texts. */
    public record Outcome(boolean consentReplaced, boolean instructionsReplaced, boolean kept) {
        /** "; texts: …" for the design's audit line, or empty when nothing was to do. */
        public String auditNote() {
            if (!consentReplaced && !instructionsReplaced && !kept) {
                return "";
            }
            return "; texts: " + (consentReplaced || instructionsReplaced
                    ? (consentReplaced && instructionsReplaced ? "consent and instructions" : consentReplaced ? "consent" : "instructions")
                            + " replaced by the new design's template" + (kept ? ", " : "") : "")
                    + (kept ? "edited text kept" : "");
        }
    }

    private DesignTexts() {
    }

    /**
     * Replaces the consent and the instructions that are still the template of the old design (or of the continuous
     * game) by the new design's templates; keeps edited ones.
     */
    public static Outcome follow(Experiment e, Templates before, Templates after) {
        String consent = e.consentMarkdown();
        String instructions = e.instructionsMarkdown();
        boolean consentUntouched = untouched(consent, before.consent(), CONTINUOUS.consent());
        boolean instructionsUntouched = untouched(instructions, before.instructions(), CONTINUOUS.instructions());
        boolean replaceConsent = consentUntouched && !same(consent, after.consent());
        boolean replaceInstructions = instructionsUntouched && !same(instructions, after.instructions());
        boolean kept = (!consentUntouched && !same(consent, after.consent())) || (!instructionsUntouched && !same(instructions, after.instructions()));
        if (replaceConsent || replaceInstructions) {
            String c = replaceConsent ? after.consent() : consent;
            String i = replaceInstructions ? after.instructions() : instructions;
            e.setMarkdownTexts(c, i, e.debriefMarkdown(),
                    replaceConsent ? Markdown.toHtml(c) : e.consentHtml(),
                    replaceInstructions ? Markdown.toHtml(i) : e.instructionsHtml(),
                    e.debriefHtml());
        }
        return new Outcome(replaceConsent, replaceInstructions, kept);
    }

    /** Whether the consent and instructions are exactly these templates. */
    public static boolean matches(Experiment e, Templates templates) {
        return same(e.consentMarkdown(), templates.consent()) && same(e.instructionsMarkdown(), templates.instructions());
    }

    private static boolean untouched(String text, String template, String continuousTemplate) {
        return same(text, template) || same(text, continuousTemplate);
    }

    /** Equal up to line endings and trailing white space (a browser's textarea sends CRLF). */
    static boolean same(String a, String b) {
        return a != null && b != null && normalise(a).equals(normalise(b));
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n").replaceAll("[ \\t]+\n", "\n").strip();
    }
}
