package engram.experiment.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import engram.accounts.entity.Account;
import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.DisplaySettings.SizeMode;
import engram.experiment.entity.Experiment;
import engram.platform.FieldError;
import engram.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The experimenter's display, device and practice settings ({@link DisplaySettings}): checked here whatever the page
 * checked, saved in one transaction with an audit record, or refused with a {@link FieldError} that changes nothing.
 * They stay editable after the first real run (every change is in the audit log), unlike the design.
 */
@ApplicationScoped
public class DisplayEditor extends ExperimentStep {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Experiment update(String slug, DisplaySettings d) {
        currentUser.require(Account.Role.EXPERIMENTER);
        DisplaySettings checked = check(d);
        return database.write(em -> {
            Experiment e = lock(em, slug);
            checkCodesDiffer(checked, e);
            DisplaySettings before = e.display();
            e.setDisplay(checked);
            String changed = changes(before, checked);
            if (!changed.isEmpty()) {
                audit.record(em, e.id(), "display", changed);
                versionAfterEdit(em, e);
            }
            return e;
        });
    }

    /**
     * The settings as they will be stored (a NATURAL size stores 0); otherwise every bad field at once (a
     * {@link FieldError} for one, {@link FieldErrors} for several).
     */
    public static DisplaySettings check(DisplaySettings d) {
        FieldErrors.Check check = new FieldErrors.Check();
        if (d.sizeMode() == null) {
            check.add("sizeMode", "Choose how the images are sized.");
        }
        double size = d.sizeMode() == null ? 0 : switch (d.sizeMode()) {
            case NATURAL -> 0;
            case PIXELS -> range(check, d.stimulusSize(), 16, 4000, "stimulusSize", "A size in pixels");
            case SCREEN_FRACTION -> range(check, d.stimulusSize(), 0.05, 1, "stimulusSize", "A fraction of the screen's shorter side");
            case DEGREES -> range(check, d.stimulusSize(), 0.5, 60, "stimulusSize", "A size in degrees of visual angle");
        };
        range(check, d.viewingDistanceCm(), 20, 200, "viewingDistance", "The viewing distance (cm)");
        if (d.distanceSource() == null) {
            check.add("distanceSource", "Choose where the viewing distance comes from.");
        }
        range(check, d.annotationScale(), 1, 4, "annotationScale", "The box tool's enlargement factor");
        range(check, d.warmupFrames(), 0, 600, "warmupFrames", "The warm-up (steady frames)");
        range(check, d.minRefreshHz(), 0, 240, "minRefreshHz", "The minimum refresh rate (Hz)");
        range(check, d.minWindowWidth(), 0, 10_000, "minWindowWidth", "The minimum window width (px)");
        range(check, d.minWindowHeight(), 0, 10_000, "minWindowHeight", "The minimum window height (px)");
        code(check, d.codeNoDevice(), "codeNoDevice");
        range(check, d.practicePassMark(), 0, 1, "practicePassMark", "The practice pass mark");
        range(check, d.practiceRepeats(), 0, 10, "practiceRepeats", "The number of practice repeats");
        if (d.practiceFailAction() == null) {
            check.add("practiceFailAction", "Choose what happens when the practice is failed.");
        }
        code(check, d.codePracticeFailed(), "codePracticeFailed");
        check.throwIfAny();
        return new DisplaySettings(d.sizeMode(), size, d.viewingDistanceCm(), d.distanceSource(), d.annotationScale(), d.warmupFrames(),
                d.minRefreshHz(), d.minWindowWidth(), d.minWindowHeight(), d.allowPhones(), d.requireFullscreen(), d.codeNoDevice(),
                d.practicePassMark(), d.practiceRepeats(), d.practiceFailAction(), d.codePracticeFailed());
    }

    static void checkCodesDiffer(DisplaySettings d, Experiment e) {
        FieldErrors.Check check = new FieldErrors.Check();
        List<String> others = List.of(e.codeCompleted(), e.codeNoConsent(), e.codeFailedCheck());
        if (others.contains(d.codeNoDevice())) {
            check.add("codeNoDevice", "The no-device code must differ from the completion, no-consent and failed-check codes.");
        }
        if (others.contains(d.codePracticeFailed()) || d.codePracticeFailed().equals(d.codeNoDevice())) {
            check.add("codePracticeFailed", "The practice-failed code must differ from every other completion code.");
        }
        if (new HashSet<>(others).size() != others.size()) {
            check.add("codeNoDevice", "The experiment's own completion codes are not distinct; fix them in the settings first.");
        }
        check.throwIfAny();
    }

    private static double range(FieldErrors.Check check, double value, double min, double max, String field, String what) {
        if (!(value >= min && value <= max)) {
            check.add(field, what + " must be between " + plain(min) + " and " + plain(max) + ".");
        }
        return value;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void code(FieldErrors.Check check, String code, String field) {
        if (code == null || !CODE.matcher(code).matches()) {
            check.add(field, "A completion code is 1–64 letters, digits, '-' or '_' (as set up in the Prolific study).");
        }
    }

    private static String changes(DisplaySettings a, DisplaySettings b) {
        List<String> changed = new ArrayList<>();
        for (var component : DisplaySettings.class.getRecordComponents()) {
            try {
                Object before = component.getAccessor().invoke(a);
                Object after = component.getAccessor().invoke(b);
                if (!Objects.equals(before, after)) {
                    changed.add(component.getName() + ": " + before + " → " + after);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join("; ", changed);
    }

    /** The modes in the order the form lists them. */
    public static SizeMode[] sizeModes() {
        return SizeMode.values();
    }
}
