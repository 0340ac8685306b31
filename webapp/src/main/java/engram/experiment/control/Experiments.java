package engram.experiment.control;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import engram.accounts.entity.Account;
import engram.core.design.DesignParameters;
import engram.core.design.RecognitionDesignBuilder;
import engram.core.design.RecognitionParameters;
import engram.core.design.RecognitionStimulus;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.PhasePlan;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.design.SequenceBuilder;
import engram.core.design.Stimulus;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.stimuli.entity.StimulusSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

/** Finds experiments (for the participant side and start-up: no access check; the workspace uses ExperimentOverview) and creates them from a stimulus set and a sequence design. */
@ApplicationScoped
public class Experiments {

    @Inject
    Database database;
    @Inject
    Clock clock;

    public Experiment bySlug(String slug) {
        return database.read(em -> em.createQuery("select e from Experiment e where e.slug = :slug", Experiment.class)
                .setParameter("slug", slug).getResultStream().findFirst())
                .orElseThrow(() -> unknown(slug));
    }

    /**
     * 404 {@code unknown_experiment}: names the slug (at most {@value #SHOWN_SLUG_CHARS} characters of it), or says that the
     * address names no experiment at all (a workspace page opened without {@code ?slug=}), never "experiment 'null'".
     */
    public static ClientError unknown(String slug) {
        if (slug == null || slug.isBlank()) {
            return ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT,
                    "The address names no experiment: it needs ?slug= followed by the experiment's name, as the links on the workspace's start page have.");
        }
        String shown = slug.length() > SHOWN_SLUG_CHARS ? slug.substring(0, SHOWN_SLUG_CHARS) + "…" : slug;
        return ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT, "There is no experiment called '" + shown + "'.");
    }

    static final int SHOWN_SLUG_CHARS = 64;

    public boolean exists(String slug) {
        return database.read(em -> em.createQuery("select count(e) from Experiment e where e.slug = :slug", Long.class)
                .setParameter("slug", slug).getSingleResult() > 0);
    }

    public List<Experiment> all() {
        return database.read(em -> em.createQuery("select e from Experiment e order by e.id", Experiment.class).getResultList());
    }

    /**
     * Builds the sequences for the design and stores the experiment with them, owned by the first admin (used at start-up
     * for the demo, where nobody is logged in); {@code settings} adjusts timing, texts and policies.
     */
    public Experiment create(String slug, String title, long stimulusSetId, List<Stimulus> stimuli, DesignParameters design,
                             Consumer<Experiment> settings) {
        List<Sequence> sequences = SequenceBuilder.of(design).build(stimuli);
        return database.write(em -> {
            Experiment experiment = new Experiment(slug, title, em.find(StimulusSet.class, stimulusSetId), clock.instant());
            experiment.setDesign(designJson(design), sequences.size(), design.length());
            experiment.setOwner(em.createQuery("select a from Account a where a.role = :admin order by a.id", Account.class)
                    .setParameter("admin", Account.Role.ADMIN).setMaxResults(1).getResultStream().findFirst().orElse(null));
            settings.accept(experiment);
            em.persist(experiment);
            for (Sequence sequence : sequences) {
                for (Position p : sequence.positions()) {
                    em.persist(new SequenceItem(experiment, sequence.sequenceId(), p.trialIndex(), p.imageId(), p.presentation(),
                            p.kind().csvName(), p.lag()));
                }
            }
            return experiment;
        });
    }

    /**
     * Builds the study and test lists of a phase plan and stores the experiment with them, owned by the first admin (the
     * demo at start-up); {@code settings} adjusts timing, texts and policies.
     */
    public Experiment createWithPhases(String slug, String title, long stimulusSetId, List<RecognitionStimulus> stimuli, PhasePlan plan,
                                       RecognitionParameters parameters, Consumer<Experiment> settings) {
        List<PhaseList> lists = RecognitionDesignBuilder.of(parameters).build(plan, stimuli);
        return database.write(em -> {
            Experiment experiment = new Experiment(slug, title, em.find(StimulusSet.class, stimulusSetId), clock.instant());
            experiment.setDesign(ExperimentDesign.recognitionJson(parameters), lists.size(),
                    lists.stream().mapToInt(PhaseList::length).max().orElse(0));
            experiment.setPhases(PhasesJson.write(plan), plan.sessions());
            experiment.setOwner(em.createQuery("select a from Account a where a.role = :admin order by a.id", Account.class)
                    .setParameter("admin", Account.Role.ADMIN).setMaxResults(1).getResultStream().findFirst().orElse(null));
            settings.accept(experiment);
            em.persist(experiment);
            for (PhaseList list : lists) {
                for (PhaseTrial t : list.trials()) {
                    em.persist(new SequenceItem(experiment, list.listId(), t.trialIndex(), t.imageId(), t.presentation(), t.kind().csvName(),
                            t.lag(), t.phase(), t.alternativeImageId(), t.targetSide() == null ? null : t.targetSide().csvName(), t.lureType()));
                }
            }
            return experiment;
        });
    }

    static String designJson(DesignParameters d) {
        return Json.createObjectBuilder()
                .add("sequences", d.sequences()).add("length", d.length()).add("repeats", d.repeats())
                .add("minLag", d.minLag()).add("maxLag", d.effectiveMaxLag())
                .add("vigilanceRepeats", d.vigilanceRepeats()).add("vigilanceMinLag", d.vigilanceMinLag())
                .add("vigilanceMaxLag", d.effectiveVigilanceMaxLag())
                .add("targetConditions", Json.createArrayBuilder(d.targetConditions()))
                .add("fillerConditions", Json.createArrayBuilder(d.fillerConditions()))
                .add("allowRepeatedFillers", d.allowRepeatedFillers())
                .add("seed", d.seed())
                .build().toString();
    }
}
