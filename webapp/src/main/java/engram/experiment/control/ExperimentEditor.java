package engram.experiment.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import engram.accounts.entity.Account;
import engram.experiment.entity.Experiment;
import engram.platform.FieldError;
import engram.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The experimenter's changes to an experiment's settings and texts: title, texts, codes, resume and reservation, the
 * attention rule, box limits, the failed-check and full-study texts and the Prolific webhook secret. Every change is
 * checked here (whatever the page checked), made in one transaction with its audit record, and refused with a
 * {@link FieldError} that changes nothing. The other steps: {@link ExperimentCreation}, {@link ExperimentDesign},
 * {@link ExperimentLifecycle}, {@link ExperimentOverview}.
 */
@ApplicationScoped
public class ExperimentEditor extends ExperimentStep {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_+/=.-]{16,200}");

    public Experiment updateSettings(String slug, ExperimentSettings s) {
        currentUser.require(Account.Role.EXPERIMENTER);
        checkSettings(s, null, null).throwIfAny();
        String title = s.title().strip();
        return database.write(em -> {
            Experiment e = lock(em, slug);
            ExperimentSettings before = ExperimentSettings.of(e);
            checkSettings(s, e.display().codeNoDevice(), e.display().codePracticeFailed()).throwIfAny();
            e.setTitle(title);
            e.setMarkdownTexts(nullToEmpty(s.consentMarkdown()), nullToEmpty(s.instructionsMarkdown()), nullToEmpty(s.debriefMarkdown()),
                    html(s.consentMarkdown(), e.consentMarkdown(), e.consentHtml()),
                    html(s.instructionsMarkdown(), e.instructionsMarkdown(), e.instructionsHtml()),
                    html(s.debriefMarkdown(), e.debriefMarkdown(), e.debriefHtml()));
            e.setCodes(s.codeCompleted(), s.codeNoConsent(), s.codeFailedCheck());
            e.setResume(s.resumePolicy(), s.resumeWindowMinutes());
            e.setReservationMinutes(s.reservationMinutes());
            e.setAttentionRule(s.minVigilanceHitRate(), s.maxFalseAlarmRate());
            e.setBoxLimits(s.minBoxes(), s.maxBoxes());
            e.setTargetPerSequence(s.targetPerSequence());
            e.setCountFailedRuns(s.countFailedRuns());
            String changed = changes(before, ExperimentSettings.of(e));
            if (!changed.isEmpty()) {
                audit.record(em, e.id(), "settings", changed);
            }
            versionAfterEdit(em, e);
            return e;
        });
    }

    /**
     * Every problem of the settings form at once, each under the field it concerns (the input's id on the page), in
     * the form's own words. {@code codeNoDevice} and {@code codePracticeFailed} (from What participants see) may be null.
     */
    public static FieldErrors.Check checkSettings(ExperimentSettings s, String codeNoDevice, String codePracticeFailed) {
        FieldErrors.Check check = new FieldErrors.Check();
        String title = s.title() == null ? "" : s.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            check.add("title", "Give a title of 1–200 characters.");
        }
        check.range(s.targetPerSequence(), 0, 100_000, "targetPerSequence", "The target participants per sequence");
        String[][] texts = {{"consent", "Consent", s.consentMarkdown()}, {"instructions", "Instructions", s.instructionsMarkdown()},
            {"debrief", "Debrief", s.debriefMarkdown()}};
        for (String[] text : texts) {
            if (text[2] != null && text[2].length() > 50_000) {
                check.add(text[0], text[1] + " is " + text[2].length() + " characters long; at most 50,000.");
            }
        }
        String[][] codes = {{"codeCompleted", "Completed", s.codeCompleted()}, {"codeNoConsent", "No consent", s.codeNoConsent()},
            {"codeFailedCheck", "Failed attention check", s.codeFailedCheck()}};
        for (int i = 0; i < codes.length; i++) {
            String code = codes[i][2];
            if (code == null || !CODE.matcher(code).matches()) {
                check.add(codes[i][0], "A completion code is 1–64 letters, digits, '-' or '_' (as set up in the Prolific study).");
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (code.equals(codes[j][2])) {
                    check.add(codes[i][0], "Same as the “" + codes[j][1] + "” code: each outcome needs its own code, or Prolific cannot tell them apart.");
                }
            }
            if (code.equals(codeNoDevice)) {
                check.add(codes[i][0], "Same as the “device not suitable” code under What participants see; every code must differ.");
            } else if (code.equals(codePracticeFailed)) {
                check.add(codes[i][0], "Same as the “practice failed” code under What participants see; every code must differ.");
            }
        }
        if (s.resumePolicy() == null) {
            check.add("resumePolicy", "Choose what happens when a participant opens the link again.");
        }
        check.range(s.resumeWindowMinutes(), 1, 7 * 24 * 60, "resumeWindow", "The resume window");
        check.range(s.reservationMinutes(), 5, 7 * 24 * 60, "reservation", "The slot reservation");
        check.fraction(s.minVigilanceHitRate(), "minVigilance", "The minimum vigilance hit rate");
        check.fraction(s.maxFalseAlarmRate(), "maxFalseAlarms", "The maximum false-alarm rate");
        check.range(s.minBoxes(), 0, 20, "minBoxes", "Boxes per repeat: at least");
        check.range(s.maxBoxes(), 1, 20, "maxBoxes", "Boxes per repeat: at most");
        if (!check.has("minBoxes") && !check.has("maxBoxes") && s.maxBoxes() < s.minBoxes()) {
            check.add("maxBoxes", "Boxes per repeat: at most must be at least the minimum (" + s.minBoxes() + ").");
        }
        return check;
    }

    /** Checks the failed-attention-check text before anything is saved (the workspace saves it with the settings). */
    public static void checkFailedCheckText(String markdown) {
        if (markdown != null && markdown.length() > 50_000) {
            throw new FieldError("failedCheck", "At most 50,000 characters.");
        }
    }

    /**
     * Sets what participants read after a failed attention check (Markdown); text equal to the built-in default, or
     * empty, keeps the default (so a later improvement of the default reaches the experiment).
     */
    public Experiment setFailedCheckText(String slug, String markdown) {
        currentUser.require(Account.Role.EXPERIMENTER);
        checkFailedCheckText(markdown);
        String value = TextWithDefault.FAILED_CHECK.toStore(markdown);
        return database.write(em -> {
            Experiment e = lock(em, slug);
            if (!e.failedCheckMarkdown().equals(value)) {
                e.setFailedCheckMarkdown(value);
                audit.record(em, e.id(), "settings", value.isBlank() ? "failed-check text: the default" : "failed-check text edited");
                versionAfterEdit(em, e);
            }
            return e;
        });
    }

    /** Sets what a new participant reads when the study is full (Markdown); empty or the default keeps the default. */
    public Experiment setFullText(String slug, String markdown) {
        currentUser.require(Account.Role.EXPERIMENTER);
        if (markdown != null && markdown.length() > 50_000) {
            throw new FieldError("fullText", "At most 50,000 characters.");
        }
        String value = TextWithDefault.FULL_STUDY.toStore(markdown);
        return database.write(em -> {
            Experiment e = lock(em, slug);
            if (!e.fullMarkdown().equals(value)) {
                e.setFullMarkdown(value);
                audit.record(em, e.id(), "settings", value.isBlank() ? "full-study text: the default" : "full-study text edited");
                versionAfterEdit(em, e);
            }
            return e;
        });
    }

    /**
     * Sets the secret Prolific signs its webhook requests with (its workspace hook secret), or turns webhooks off with an
     * empty one. The audit log notes the change, never the secret.
     */
    public Experiment setProlificWebhookSecret(String slug, String secret) {
        currentUser.require(Account.Role.EXPERIMENTER);
        String value = secret == null ? "" : secret.trim();
        if (!value.isEmpty() && !WEBHOOK_SECRET.matcher(value).matches()) {
            throw new FieldError("webhookSecret", "Paste the secret from Prolific: 16-200 characters, letters, digits and - _ + / = . only.");
        }
        return database.write(em -> {
            Experiment e = lock(em, slug);
            boolean before = !e.prolificWebhookSecret().isEmpty();
            e.setProlificWebhookSecret(value);
            audit.record(em, e.id(), "prolific_webhook", value.isEmpty() ? (before ? "secret removed: webhooks off" : "webhooks stay off")
                    : (before ? "secret replaced" : "secret set: webhooks on"));
            return e;
        });
    }

    /** The rendered Markdown; a text that was never written in Markdown (e.g. the demo's built-in HTML) is kept while its Markdown stays empty. */
    private static String html(String markdown, String markdownBefore, String htmlBefore) {
        if ((markdown == null || markdown.isBlank()) && markdownBefore.isBlank()) {
            return htmlBefore;
        }
        return Markdown.toHtml(markdown);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String changes(ExperimentSettings a, ExperimentSettings b) {
        List<String> changed = new ArrayList<>();
        var components = ExperimentSettings.class.getRecordComponents();
        for (var component : components) {
            try {
                Object before = component.getAccessor().invoke(a);
                Object after = component.getAccessor().invoke(b);
                if (!Objects.equals(before, after)) {
                    boolean longText = component.getName().endsWith("Markdown");
                    changed.add(component.getName() + (longText ? " edited" : ": " + before + " → " + after));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join("; ", changed);
    }
}
