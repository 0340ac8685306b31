package engram.experiment.control;

import java.util.regex.Pattern;

import engram.accounts.entity.Account;
import engram.core.design.Stimulus;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.FieldError;
import engram.platform.FieldErrors;
import engram.stimuli.entity.StimulusSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** New experiments: made from a stimulus set with the template texts, or cloned from another one, each under a free name. */
@ApplicationScoped
public class ExperimentCreation extends ExperimentStep {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

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
}
