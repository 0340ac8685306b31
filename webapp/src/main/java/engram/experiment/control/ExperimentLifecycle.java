package engram.experiment.control;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import engram.accounts.entity.Account;
import engram.core.design.Stimulus;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.Experiment.Status;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * An experiment's status: draft, pilot, live, paused, closed, each change allowed only along {@link #TRANSITIONS}, going
 * live only with the pre-launch checklist complete ({@link LaunchChecklist}), and back to draft only without real runs.
 */
@ApplicationScoped
public class ExperimentLifecycle extends ExperimentStep {

    static final Map<Status, Set<Status>> TRANSITIONS = Map.of(
            Status.DRAFT, EnumSet.of(Status.PILOT, Status.LIVE),
            Status.PILOT, EnumSet.of(Status.DRAFT, Status.LIVE),
            Status.LIVE, EnumSet.of(Status.PAUSED, Status.CLOSED),
            Status.PAUSED, EnumSet.of(Status.LIVE, Status.CLOSED),
            Status.CLOSED, EnumSet.noneOf(Status.class));

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

    public static Set<Status> allowedTransitions(Status from) {
        return TRANSITIONS.get(from);
    }

    private static String allowedNames(Status from) {
        Set<Status> allowed = TRANSITIONS.get(from);
        return allowed.isEmpty() ? "none (closed is final)" : allowed.stream().map(s -> s.name().toLowerCase()).toList().toString();
    }

    /** The pre-launch checklist as it stands (without the pilot item once the study has been live, i.e. while paused). */
    public List<LaunchChecklist.Item> checklist(Experiment experiment) {
        return database.read(em -> LaunchChecklist.evaluate(launchFacts(em, experiment, experiment.status() == Status.DRAFT
                || experiment.status() == Status.PILOT)));
    }

    private static LaunchChecklist.Facts launchFacts(EntityManager em, Experiment e, boolean pilotNeeded) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("Consent", e.consentMarkdown().isBlank() ? e.consentHtml() : e.consentMarkdown());
        texts.put("Instructions", e.instructionsMarkdown().isBlank() ? e.instructionsHtml() : e.instructionsMarkdown());
        texts.put("Debrief", e.debriefMarkdown().isBlank() ? e.debriefHtml() : e.debriefMarkdown());
        texts.put("After a failed attention check", TextWithDefault.FAILED_CHECK.markdown(e));
        texts.put("When the study is full", TextWithDefault.FULL_STUDY.markdown(e));
        List<String> problems = List.of();
        if (e.sequenceCount() > 0 && e.phasesJson() != null) {
            try {
                problems = new engram.core.design.RecognitionValidator(PhasesJson.read(e.phasesJson()), ExperimentDesign.recognitionParameters(e.designJson()),
                        ExperimentDesign.recognitionStimuli(em, e)).validateAll(ExperimentDesign.phaseLists(em, e)).stream().map(Object::toString).toList();
            } catch (IllegalArgumentException invalid) {
                problems = List.of(invalid.getMessage());
            }
        } else if (e.sequenceCount() > 0) {
            try {
                Set<String> practice = Set.copyOf(e.practiceImageIds());
                List<Stimulus> pool = stimuli(em, e.stimulusSet().id()).stream().filter(s -> !practice.contains(s.imageId())).toList();
                problems = new engram.core.design.SequenceValidator(DesignJson.read(e.designJson()), pool)
                        .validateAll(ExperimentDesign.toSequences(items(em, e))).stream().map(Object::toString).toList();
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
}
