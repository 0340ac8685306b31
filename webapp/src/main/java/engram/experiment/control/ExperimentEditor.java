package engram.experiment.control;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.archive.control.ProtocolVersions;
import engram.audit.control.AuditLog;
import engram.core.design.DesignInfeasibleException;
import engram.core.design.DesignParameters;
import engram.core.format.Kind;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.design.SequenceBuilder;
import engram.core.design.Stimulus;
import engram.core.design.RecognitionDesignBuilder;
import engram.core.design.RecognitionParameters;
import engram.core.design.RecognitionStimulus;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.PhasePlan;
import engram.core.phase.Side;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.Experiment.Status;
import engram.experiment.entity.SequenceItem;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.platform.FieldError;
import engram.platform.FieldErrors;
import engram.stimuli.entity.StimulusSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The experimenter's changes to experiments: create, clone, settings, lifecycle and the sequence design. Every change
 * is checked here (whatever the page checked), made in one transaction with its audit record, and refused with a
 * {@link FieldError} or {@link ClientError} that changes nothing. Once a real (non-pilot) run exists the design and the
 * stimulus set are locked.
 */
@ApplicationScoped
public class ExperimentEditor {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_+/=.-]{16,200}");
    static final Map<Status, Set<Status>> TRANSITIONS = Map.of(
            Status.DRAFT, EnumSet.of(Status.PILOT, Status.LIVE),
            Status.PILOT, EnumSet.of(Status.DRAFT, Status.LIVE),
            Status.LIVE, EnumSet.of(Status.PAUSED, Status.CLOSED),
            Status.PAUSED, EnumSet.of(Status.LIVE, Status.CLOSED),
            Status.CLOSED, EnumSet.noneOf(Status.class));

    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    AuditLog audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    ExperimentAccess access;

    /** One line of the experiments list. */
    public record Overview(String slug, String title, Status status, String stimulusSet, int sequences, int length,
                           long runsCompleted, long pilotRuns, boolean locked, String owner) {
    }

    /** An experiment's pilot or real runs: how many completed, how many in all. */
    record RunCount(Long experimentId, Boolean pilot, Long completed, Long runs) {
    }

    public List<Overview> overview() {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> {
            Map<Long, RunCount> real = new HashMap<>();
            Map<Long, RunCount> pilot = new HashMap<>();
            em.createQuery("select r.experiment.id, r.pilot, sum(case when r.state = engram.run.entity.RunState.COMPLETED then 1 else 0 end),"
                    + " count(r) from Run r group by r.experiment.id, r.pilot", RunCount.class).getResultList()
                    .forEach(c -> (c.pilot() ? pilot : real).put(c.experimentId(), c));
            RunCount none = new RunCount(0L, false, 0L, 0L);
            return access.visible(em).stream()
                    .map(e -> {
                        RunCount r = real.getOrDefault(e.id(), none);
                        return new Overview(e.slug(), e.title(), e.status(), e.stimulusSet().name(), e.sequenceCount(),
                                e.sequenceLength(), r.completed(), pilot.getOrDefault(e.id(), none).runs(), r.runs() > 0,
                                e.owner() == null ? "" : e.owner().username());
                    }).toList();
        });
    }

    /** The experiment, when the caller may see it (404 {@code unknown_experiment}, 403 {@code not_shared}). */
    public Experiment find(String slug) {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> bySlug(em, slug));
    }

    /** The experiments the caller may see (their own, those shared with them; admins all), newest first. */
    public List<Experiment> visible() {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> access.visible(em));
    }

    /** True once a real (non-pilot) run exists: from then on sequences, timing and stimuli cannot change. */
    public boolean isLocked(Experiment experiment) {
        return database.read(em -> hasRealRuns(em, experiment));
    }

    public Experiment create(String slug, String title, Long stimulusSetId) {
        currentUser.require(Account.Role.EXPERIMENTER);
        FieldErrors.Check check = new FieldErrors.Check();
        if (slug == null || !SLUG.matcher(slug).matches()) {
            check.add("slug", SLUG_RULE);
        }
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty() || cleanTitle.length() > 200) {
            check.add("title", "Give a title of 1–200 characters.");
        }
        if (stimulusSetId == null) {
            check.add("stimulusSet", "Choose a stimulus set (import one on the Stimulus sets page first).");
        }
        check.throwIfAny();
        return database.write(em -> {
            FieldErrors.Check taken = new FieldErrors.Check();
            if (slugTaken(em, slug)) {
                taken.add("slug", "An experiment called '" + slug + "' already exists; choose another name.");
            }
            StimulusSet set = em.find(StimulusSet.class, stimulusSetId);
            if (set == null) {
                taken.add("stimulusSet", "Stimulus set " + stimulusSetId + " does not exist.");
            }
            taken.throwIfAny();
            Experiment experiment = new Experiment(slug, cleanTitle, set, clock.instant());
            experiment.setOwner(access.me(em).orElse(null));
            experiment.setMarkdownTexts(TemplateTexts.CONSENT, TemplateTexts.INSTRUCTIONS, TemplateTexts.DEBRIEF,
                    Markdown.toHtml(TemplateTexts.CONSENT), Markdown.toHtml(TemplateTexts.INSTRUCTIONS), Markdown.toHtml(TemplateTexts.DEBRIEF));
            em.persist(experiment);
            em.flush();
            audit.record(em, experiment.id(), "created", "slug '" + slug + "', title '" + cleanTitle + "', stimulus set '" + set.name() + "'");
            return experiment;
        });
    }

    /** Copies settings, texts, design and sequences into a new DRAFT experiment with fresh completion codes. */
    public Experiment cloneAs(String sourceSlug, String slug, String title) {
        currentUser.require(Account.Role.EXPERIMENTER);
        checkSlug(slug, "cloneSlug");
        String cleanTitle = checkTitle(title, "cloneTitle");
        return database.write(em -> {
            requireFreeSlug(em, slug, "cloneSlug");
            Experiment source = bySlug(em, sourceSlug);
            Experiment copy = new Experiment(slug, cleanTitle, source.stimulusSet(), clock.instant());
            copy.setTiming(source.displayMs(), source.isiMs());
            copy.setBoxLimits(source.minBoxes(), source.maxBoxes());
            copy.setResume(source.resumePolicy(), source.resumeWindowMinutes());
            copy.setReservationMinutes(source.reservationMinutes());
            copy.setPracticeImageIds(source.practiceImageIds());
            copy.setMarkdownTexts(source.consentMarkdown(), source.instructionsMarkdown(), source.debriefMarkdown(),
                    source.consentHtml(), source.instructionsHtml(), source.debriefHtml());
            copy.setAttentionRule(source.minVigilanceHitRate(), source.maxFalseAlarmRate());
            copy.setFailedCheckMarkdown(source.failedCheckMarkdown());
            copy.setFullMarkdown(source.fullMarkdown());
            copy.setDesign(source.designJson(), source.sequenceCount(), source.sequenceLength());
            copy.setTargetPerSequence(source.targetPerSequence());
            copy.setCountFailedRuns(source.countFailedRuns());
            copy.setDisplay(source.display().withCodes(copy.display().codeNoDevice(), copy.display().codePracticeFailed()));
            copy.setOwner(access.me(em).orElse(null));
            if (source.phasesJson() != null) {
                // fresh codes, like the other codes of a clone
                copy.setPhases(source.phasesJson(), PhasesJson.read(source.phasesJson()).phases().stream()
                        .mapToInt(engram.core.phase.Phase::session).max().orElse(1));
            }
            em.persist(copy);
            for (SequenceItem item : items(em, source)) {
                em.persist(new SequenceItem(copy, item.sequenceId(), item.trialIndex(), item.imageId(), item.presentation(), item.kind(), item.lag(),
                        item.phase() == 1 && item.alternativeImageId() == null && source.phasesJson() == null ? null : item.phase(),
                        item.alternativeImageId(), item.targetSide(), item.lureType()));
            }
            em.flush();
            audit.record(em, copy.id(), "cloned", "from '" + sourceSlug + "'");
            audit.record(em, source.id(), "cloned_to", "'" + slug + "'");
            return copy;
        });
    }

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

    public Experiment changeStatus(String slug, Status target) {
        currentUser.require(Account.Role.EXPERIMENTER);
        return database.write(em -> {
            Experiment e = lock(em, slug);
            if (!TRANSITIONS.get(e.status()).contains(target)) {
                throw ClientError.conflict(ErrorCode.BAD_TRANSITION, "A " + e.status().name().toLowerCase() + " experiment cannot become "
                        + target.name().toLowerCase() + "; allowed: " + allowedNames(e.status()) + ".");
            }
            if ((target == Status.PILOT || target == Status.LIVE) && e.sequenceCount() == 0) {
                throw ClientError.conflict(ErrorCode.NO_SEQUENCES, "Generate the sequences on the design page before the experiment goes "
                        + target.name().toLowerCase() + ".");
            }
            if (target == Status.LIVE) {
                List<LaunchChecklist.Item> items = LaunchChecklist.evaluate(launchFacts(em, e, e.status() != Status.PAUSED));
                if (!LaunchChecklist.ready(items)) {
                    throw new ClientError(409, ErrorCode.CHECKLIST_INCOMPLETE, "'" + e.slug() + "' cannot go live yet: "
                            + LaunchChecklist.problems(items).size() + " item(s) of the pre-launch checklist fail. Nothing was changed.",
                            ErrorAnswer.Details.problems(LaunchChecklist.problems(items)));
                }
            }
            if (target == Status.DRAFT && hasRealRuns(em, e)) {
                throw ClientError.conflict(ErrorCode.LOCKED, "Real participants have taken part; the experiment cannot go back to draft.");
            }
            Status before = e.status();
            e.setStatus(target);
            audit.record(em, e.id(), "status", before.name().toLowerCase() + " → " + target.name().toLowerCase());
            versionAfterEdit(em, e);
            return e;
        });
    }

    /** A live or paused experiment whose protocol changed gets its next frozen version (docs/archive-format.md). */
    private void versionAfterEdit(EntityManager em, Experiment e) {
        ProtocolVersions.afterEdit(em, e, clock.instant()).ifPresent(v -> audit.record(em, e.id(), "protocol",
                "version " + v.version() + " frozen, protocol hash " + v.hash()));
    }

    /** The pre-launch checklist as it stands (without the pilot item once the study has been live, i.e. while paused). */
    public List<LaunchChecklist.Item> checklist(Experiment experiment) {
        return database.read(em -> LaunchChecklist.evaluate(launchFacts(em, experiment, experiment.status() == Status.DRAFT
                || experiment.status() == Status.PILOT)));
    }

    /**
     * Counts the confirmations quote: runs in progress (real, unfinished, slot still reserved), real runs in all, and
     * pilot runs of the current sequences (not voided).
     */
    public record RunCounts(long inProgress, long realRuns, long pilotRuns) {
    }

    public RunCounts runCounts(Experiment experiment) {
        return database.read(em -> {
            long inProgress = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = false"
                    + " and r.state = engram.run.entity.RunState.STARTED and r.reservedUntil > :now", Long.class)
                    .setParameter("e", experiment.id()).setParameter("now", clock.instant()).getSingleResult();
            long real = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = false", Long.class)
                    .setParameter("e", experiment.id()).getSingleResult();
            long pilot = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = true"
                    + " and r.state <> engram.run.entity.RunState.VOIDED", Long.class).setParameter("e", experiment.id()).getSingleResult();
            return new RunCounts(inProgress, real, pilot);
        });
    }

    private LaunchChecklist.Facts launchFacts(EntityManager em, Experiment e, boolean pilotNeeded) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("Consent", e.consentMarkdown().isBlank() ? e.consentHtml() : e.consentMarkdown());
        texts.put("Instructions", e.instructionsMarkdown().isBlank() ? e.instructionsHtml() : e.instructionsMarkdown());
        texts.put("Debrief", e.debriefMarkdown().isBlank() ? e.debriefHtml() : e.debriefMarkdown());
        texts.put("After a failed attention check", TextWithDefault.FAILED_CHECK.markdown(e));
        texts.put("When the study is full", TextWithDefault.FULL_STUDY.markdown(e));
        List<String> problems = List.of();
        if (e.sequenceCount() > 0 && e.phasesJson() != null) {
            try {
                problems = new engram.core.design.RecognitionValidator(PhasesJson.read(e.phasesJson()), recognitionParameters(e.designJson()),
                        recognitionStimuli(em, e)).validateAll(phaseLists(em, e)).stream().map(Object::toString).toList();
            } catch (IllegalArgumentException invalid) {
                problems = List.of(invalid.getMessage());
            }
        } else if (e.sequenceCount() > 0) {
            try {
                Set<String> practice = Set.copyOf(e.practiceImageIds());
                List<Stimulus> pool = stimuli(em, e.stimulusSet().id()).stream().filter(s -> !practice.contains(s.imageId())).toList();
                problems = new engram.core.design.SequenceValidator(DesignJson.read(e.designJson()), pool)
                        .validateAll(toSequences(items(em, e))).stream().map(Object::toString).toList();
            } catch (IllegalArgumentException invalid) {
                problems = List.of(invalid.getMessage());
            }
        }
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("Completed", e.codeCompleted());
        codes.put("No consent", e.codeNoConsent());
        codes.put("Failed attention check", e.codeFailedCheck());
        codes.put("device not suitable", e.display().codeNoDevice());
        codes.put("practice failed", e.display().codePracticeFailed());
        if (e.phasesJson() != null) {
            for (int i = 0; i < e.sessionCodes().size(); i++) {
                codes.put("End of session " + (i + 1), e.sessionCodes().get(i));
            }
            if (PhasesJson.read(e.phasesJson()).sessions() > 1) {
                codes.put("Session link too early", e.codeTooEarly());
                codes.put("Session link too late", e.codeTooLate());
            }
        }
        long completed = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = true"
                + " and r.state = engram.run.entity.RunState.COMPLETED", Long.class).setParameter("e", e.id()).getSingleResult();
        long open = em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = true"
                + " and r.state = engram.run.entity.RunState.STARTED", Long.class).setParameter("e", e.id()).getSingleResult();
        return new LaunchChecklist.Facts(texts, e.sequenceCount(), problems, codes, completed, open, pilotNeeded);
    }

    public static Set<Status> allowedTransitions(Status from) {
        return TRANSITIONS.get(from);
    }

    public Experiment changeStimulusSet(String slug, Long stimulusSetId) {
        currentUser.require(Account.Role.EXPERIMENTER);
        return database.write(em -> {
            Experiment e = lock(em, slug);
            requireUnlocked(em, e, "the stimulus set");
            StimulusSet set = stimulusSetId == null ? null : em.find(StimulusSet.class, stimulusSetId);
            if (set == null) {
                throw new FieldError("stimulusSet", "Choose an existing stimulus set.");
            }
            if (set.id().equals(e.stimulusSet().id())) {
                return e;
            }
            String before = e.stimulusSet().name();
            e.setStimulusSet(set);
            deleteSequences(em, e);
            e.setPracticeImageIds(List.of());
            int voided = voidPilotRuns(em, e);
            audit.record(em, e.id(), "stimulus_set", "'" + before + "' → '" + set.name() + "'; sequences removed, generate them again"
                    + (voided > 0 ? "; " + voided + " pilot run(s) voided" : ""));
            versionAfterEdit(em, e);
            return e;
        });
    }

    /**
     * Builds the sequences for the design and stores them in place of the old ones, with the timing and practice
     * images. Refused once real runs exist; pilot runs of the old sequences are voided.
     *
     * @throws DesignInfeasibleException with every reason when the stimulus set cannot satisfy the design
     */
    public List<Sequence> generate(String slug, DesignRequest request) {
        currentUser.require(Account.Role.EXPERIMENTER);
        FieldErrors.Check check = new FieldErrors.Check();
        check.range(request.displayMs(), 100, 60_000, "displayMs", "The display duration");
        check.range(request.isiMs(), 0, 60_000, "isiMs", "The gap between images");
        check.throwIfAny();
        return database.write(em -> {
            Experiment e = lock(em, slug);
            requireUnlocked(em, e, "the sequences");
            List<Stimulus> all = stimuli(em, e.stimulusSet().id());
            Set<String> known = new HashSet<>();
            all.forEach(s -> known.add(s.imageId()));
            List<String> unknown = request.practiceImageIds().stream().filter(id -> !known.contains(id)).distinct().toList();
            if (!unknown.isEmpty()) {
                throw new FieldError("practice", (unknown.size() == 1 ? "Practice image '" + unknown.get(0) + "' is" : unknown.size()
                        + " practice images (" + String.join(", ", unknown) + ") are") + " not in the stimulus set '" + e.stimulusSet().name() + "'.");
            }
            Set<String> practice = Set.copyOf(request.practiceImageIds());
            List<Stimulus> pool = all.stream().filter(s -> !practice.contains(s.imageId())).toList();
            List<Sequence> sequences = SequenceBuilder.of(request.design()).build(pool);
            deleteSequences(em, e);
            int voided = voidPilotRuns(em, e);
            for (Sequence sequence : sequences) {
                for (Position p : sequence.positions()) {
                    em.persist(new SequenceItem(e, sequence.sequenceId(), p.trialIndex(), p.imageId(), p.presentation(), p.kind().csvName(), p.lag()));
                }
            }
            DesignParameters d = request.design();
            e.setDesign(DesignJson.write(d), sequences.size(), d.length());
            if (e.phasesJson() != null) {
                e.setPhases(null, 1);
            }
            e.setTiming(request.displayMs(), request.isiMs());
            e.setPracticeImageIds(request.practiceImageIds());
            audit.record(em, e.id(), "design", d.sequences() + " sequences × " + d.length() + ", " + d.repeats() + " repeats, lag "
                    + d.minLag() + ".." + d.effectiveMaxLag() + ", " + d.vigilanceRepeats() + " vigilance repeats (lag " + d.vigilanceMinLag()
                    + ".." + d.effectiveVigilanceMaxLag() + "), seed " + d.seed() + ", display " + request.displayMs() + " ms, ISI "
                    + request.isiMs() + " ms, practice " + request.practiceImageIds() + (voided > 0 ? "; " + voided + " pilot run(s) voided" : ""));
            versionAfterEdit(em, e);
            return sequences;
        });
    }

    /**
     * Builds study and test lists for a phase plan (experiment.json's {@code phases} as JSON) with engram-core's
     * recognition design builder and stores the plan and the lists in place of the old sequences, like
     * {@link #generate}. The plan's refusals name the phase and field ({@link FieldError} on {@code phases}).
     *
     * @throws DesignInfeasibleException with every reason when the stimulus set cannot satisfy the design
     */
    public List<PhaseList> generatePhases(String slug, String phasesJson, RecognitionParameters parameters) {
        currentUser.require(Account.Role.EXPERIMENTER);
        PhasePlan plan;
        try {
            plan = PhasesJson.read(phasesJson);
        } catch (IllegalArgumentException e) {
            throw new FieldError("phases", e.getMessage());
        }
        if (plan.isContinuousOnly()) {
            throw new FieldError("phases", "A plan with only the continuous game is built with the sequence design (PUT …/design).");
        }
        return database.write(em -> {
            Experiment e = lock(em, slug);
            requireUnlocked(em, e, "the sequences");
            List<RecognitionStimulus> pool = recognitionStimuli(em, e);
            List<PhaseList> lists = RecognitionDesignBuilder.of(parameters).build(plan, pool);
            deleteSequences(em, e);
            int voided = voidPilotRuns(em, e);
            for (PhaseList list : lists) {
                for (PhaseTrial t : list.trials()) {
                    em.persist(new SequenceItem(e, list.listId(), t.trialIndex(), t.imageId(), t.presentation(), t.kind().csvName(), t.lag(),
                            t.phase(), t.alternativeImageId(), t.targetSide() == null ? null : t.targetSide().csvName(), t.lureType()));
                }
            }
            e.setPhases(PhasesJson.write(plan), plan.sessions());
            e.setDesign(recognitionJson(parameters), lists.size(), lists.stream().mapToInt(PhaseList::length).max().orElse(0));
            audit.record(em, e.id(), "design", lists.size() + " study/test lists for " + plan.phases().size() + " phases in " + plan.sessions()
                    + " session(s), " + parameters.studyPairs() + " studied pairs, " + parameters.foilsPerTest() + " foils per test, seed "
                    + parameters.seed() + (voided > 0 ? "; " + voided + " pilot run(s) voided" : ""));
            versionAfterEdit(em, e);
            return lists;
        });
    }

    /** The stimuli the recognition design builder may use: the set without the practice images, with their lure types. */
    public List<RecognitionStimulus> recognitionStimuli(Experiment experiment) {
        return database.read(em -> recognitionStimuli(em, experiment));
    }

    private static List<RecognitionStimulus> recognitionStimuli(EntityManager em, Experiment e) {
        Set<String> practice = Set.copyOf(e.practiceImageIds());
        return em.createQuery("select s from Stimulus s where s.stimulusSet.id = :set order by s.id",
                        engram.stimuli.entity.Stimulus.class).setParameter("set", e.stimulusSet().id()).getResultList().stream()
                .filter(s -> !practice.contains(s.imageId()))
                .map(s -> new RecognitionStimulus(s.imageId(), s.pairId(), s.condition(), lureType(s.extraColumns()))).toList();
    }

    /** The design of study and test lists as experiment.json's {@code design} shows it. */
    static String recognitionJson(RecognitionParameters p) {
        return jakarta.json.Json.createObjectBuilder().add("kind", "recognition").add("lists", p.lists()).add("studyPairs", p.studyPairs())
                .add("foilsPerTest", p.foilsPerTest()).add("testBothMembers", p.testBothMembers()).add("maxConditionRun", p.maxConditionRun())
                .add("pairConditions", jakarta.json.Json.createArrayBuilder(p.pairConditions()))
                .add("lureTypes", jakarta.json.Json.createArrayBuilder(p.lureTypes())).add("seed", p.seed()).build().toString();
    }

    /** The manifest's lure_type of a stimulus (its extra columns, as JSON), or null. */
    public static String lureType(String extraColumns) {
        if (extraColumns == null || extraColumns.isBlank()) {
            return null;
        }
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(extraColumns))) {
            var value = reader.readObject().get(engram.core.format.ManifestReader.LURE_TYPE);
            return value instanceof jakarta.json.JsonString s && !s.getString().isBlank() ? s.getString().trim() : null;
        }
    }

    /** The stored study and test lists of an experiment with phases, in order. */
    public List<PhaseList> phaseLists(Experiment experiment) {
        return database.read(em -> phaseLists(em, experiment));
    }

    private static List<PhaseList> phaseLists(EntityManager em, Experiment experiment) {
        Map<Integer, List<PhaseTrial>> byList = new java.util.TreeMap<>();
        for (SequenceItem i : items(em, experiment)) {
            byList.computeIfAbsent(i.sequenceId(), k -> new ArrayList<>()).add(new PhaseTrial(i.trialIndex(), i.phase(), i.imageId(),
                    Kind.fromCsv(i.kind()), i.presentation(), i.lag(), i.alternativeImageId(),
                    i.targetSide() == null ? null : Side.fromCsv(i.targetSide()), i.lureType(), null));
        }
        return byList.entrySet().stream().map(en -> new PhaseList(en.getKey(), en.getValue())).toList();
    }

    /** The recognition design's numbers as {@link #recognitionJson} stored them (engram-core's defaults for what is missing). */
    public static RecognitionParameters recognitionParameters(String designJson) {
        RecognitionParameters p = RecognitionParameters.withDefaults();
        if (designJson == null || designJson.isBlank()) {
            return p;
        }
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(designJson))) {
            jakarta.json.JsonObject o = reader.readObject();
            p = p.withLists(o.getInt("lists", p.lists())).withStudyPairs(o.getInt("studyPairs", p.studyPairs()))
                    .withFoilsPerTest(o.getInt("foilsPerTest", p.foilsPerTest())).withTestBothMembers(o.getBoolean("testBothMembers", p.testBothMembers()))
                    .withMaxConditionRun(o.getInt("maxConditionRun", p.maxConditionRun()));
            if (o.containsKey("pairConditions")) {
                p = p.withPairConditions(o.getJsonArray("pairConditions").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList());
            }
            if (o.containsKey("lureTypes")) {
                p = p.withLureTypes(o.getJsonArray("lureTypes").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList());
            }
            return o.containsKey("seed") ? p.withSeed(o.getJsonNumber("seed").longValue()) : p;
        }
    }

    /** The stored sequences of an experiment, in order. */
    public List<Sequence> sequences(Experiment experiment) {
        return database.read(em -> toSequences(items(em, experiment)));
    }

    /** The stimuli the builder may use: the set without the practice images. */
    public List<Stimulus> streamStimuli(Experiment experiment) {
        Set<String> practice = Set.copyOf(experiment.practiceImageIds());
        return database.read(em -> stimuli(em, experiment.stimulusSet().id())).stream().filter(s -> !practice.contains(s.imageId())).toList();
    }

    public List<Stimulus> allStimuli(long stimulusSetId) {
        return database.read(em -> stimuli(em, stimulusSetId));
    }

    static List<Sequence> toSequences(List<SequenceItem> items) {
        Map<Integer, List<Position>> bySequence = new LinkedHashMap<>();
        for (SequenceItem item : items) {
            Position p = new Position(item.trialIndex(), item.imageId(), item.presentation(), Kind.fromCsv(item.kind()), item.lag());
            bySequence.computeIfAbsent(item.sequenceId(), id -> new ArrayList<>()).add(p);
        }
        List<Sequence> sequences = new ArrayList<>();
        bySequence.forEach((id, positions) -> sequences.add(new Sequence(id, positions)));
        return sequences;
    }

    private static List<SequenceItem> items(EntityManager em, Experiment e) {
        return em.createQuery("select i from SequenceItem i where i.experiment = :e order by i.sequenceId, i.trialIndex", SequenceItem.class)
                .setParameter("e", e).getResultList();
    }

    private static List<Stimulus> stimuli(EntityManager em, long setId) {
        return em.createQuery("select s from Stimulus s where s.stimulusSet.id = :set order by s.id", engram.stimuli.entity.Stimulus.class)
                .setParameter("set", setId).getResultList().stream()
                .map(s -> new Stimulus(s.imageId(), s.pairId(), s.condition(), s.category())).toList();
    }

    private static void deleteSequences(EntityManager em, Experiment e) {
        em.createQuery("delete from SequenceItem i where i.experiment = :e").setParameter("e", e).executeUpdate();
        e.setDesign(e.designJson(), 0, 0);
    }

    private static int voidPilotRuns(EntityManager em, Experiment e) {
        return em.createQuery("update Run r set r.state = engram.run.entity.RunState.VOIDED where r.experiment = :e and r.pilot = true"
                + " and r.state <> engram.run.entity.RunState.VOIDED").setParameter("e", e).executeUpdate();
    }

    private static boolean hasRealRuns(EntityManager em, Experiment e) {
        return em.createQuery("select count(r) from Run r where r.experiment.id = :e and r.pilot = false", Long.class)
                .setParameter("e", e.id()).getSingleResult() > 0;
    }

    private static void requireUnlocked(EntityManager em, Experiment e, String what) {
        if (hasRealRuns(em, e)) {
            throw ClientError.conflict(ErrorCode.LOCKED, "Real participants have already taken part in '" + e.slug() + "', so " + what
                    + " can no longer change. Clone the experiment to try another design.");
        }
    }

    /** The experiment by its name, refused (403) when the caller may not see it: every read and change goes through here. */
    private Experiment bySlug(EntityManager em, String slug) {
        Experiment e = em.createQuery("select e from Experiment e where e.slug = :slug", Experiment.class).setParameter("slug", slug)
                .getResultStream().findFirst()
                .orElseThrow(() -> Experiments.unknown(slug));
        access.requireVisible(em, e);
        return e;
    }

    private Experiment lock(EntityManager em, String slug) {
        Experiment e = bySlug(em, slug);
        em.lock(e, LockModeType.PESSIMISTIC_WRITE);
        return e;
    }

    private static boolean slugTaken(EntityManager em, String slug) {
        return em.createQuery("select count(e) from Experiment e where e.slug = :slug", Long.class).setParameter("slug", slug).getSingleResult() > 0;
    }

    private static void requireFreeSlug(EntityManager em, String slug, String field) {
        if (slugTaken(em, slug)) {
            throw new FieldError(field, "An experiment called '" + slug + "' already exists; choose another name.");
        }
    }

    private static final String SLUG_RULE = "Use 2–63 lowercase letters, digits and '-', starting with a letter or digit (it becomes /run/<name>).";

    static void checkSlug(String slug, String field) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new FieldError(field, SLUG_RULE);
        }
    }

    private static String checkTitle(String title, String field) {
        String clean = title == null ? "" : title.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new FieldError(field, "Give a title of 1–200 characters.");
        }
        return clean;
    }

    private static void range(int value, int min, int max, String field, String what) {
        if (value < min || value > max) {
            throw new FieldError(field, what + " must be between " + min + " and " + max + ".");
        }
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

    private static String allowedNames(Status from) {
        Set<Status> allowed = TRANSITIONS.get(from);
        return allowed.isEmpty() ? "none (closed is final)" : allowed.stream().map(s -> s.name().toLowerCase()).toList().toString();
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
