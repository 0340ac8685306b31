package engram.experiment.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import engram.accounts.entity.Account;
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
import engram.experiment.entity.SequenceItem;
import engram.platform.FieldError;
import engram.platform.FieldErrors;
import engram.stimuli.entity.StimulusSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * An experiment's design: its stimulus set, the sequences of the continuous game or the study and test lists of a phase
 * plan, built with engram-core's builders and stored in place of the old ones, refused once real runs exist (pilot runs
 * of the old ones are voided); and the stored design read back.
 */
@ApplicationScoped
public class ExperimentDesign extends ExperimentStep {

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
            DesignTexts.Templates before = templates(em, e);
            deleteSequences(em, e);
            int voided = voidPilotRuns(em, e);
            for (Sequence sequence : sequences) {
                for (Position p : sequence.positions()) {
                    em.persist(new SequenceItem(e, sequence.sequenceId(), p.trialIndex(), p.imageId(), p.presentation(), p.kind().csvName(), p.lag()));
                }
            }
            DesignParameters d = request.design();
            e.setDesign(DesignJson.write(d), sequences.size(), d.length());
            String texts = "";
            if (e.phasesJson() != null) {
                e.setPhases(null, 1);
                texts = DesignTexts.follow(e, before, DesignTexts.CONTINUOUS).auditNote();
            }
            e.setTiming(request.displayMs(), request.isiMs());
            e.setPracticeImageIds(request.practiceImageIds());
            audit.record(em, e.id(), "design", d.sequences() + " sequences × " + d.length() + ", " + d.repeats() + " repeats, lag "
                    + d.minLag() + ".." + d.effectiveMaxLag() + ", " + d.vigilanceRepeats() + " vigilance repeats (lag " + d.vigilanceMinLag()
                    + ".." + d.effectiveVigilanceMaxLag() + "), seed " + d.seed() + ", display " + request.displayMs() + " ms, ISI "
                    + request.isiMs() + " ms, practice " + request.practiceImageIds() + (voided > 0 ? "; " + voided + " pilot run(s) voided" : "") + texts);
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
            DesignTexts.Templates before = templates(em, e);
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
            String texts = DesignTexts.follow(e, before, DesignTexts.Templates.of(plan, lists)).auditNote();
            audit.record(em, e.id(), "design", lists.size() + " study/test lists for " + plan.phases().size() + " phases in " + plan.sessions()
                    + " session(s), " + parameters.studyPairs() + " studied pairs, " + parameters.foilsPerTest() + " foils per test, seed "
                    + parameters.seed() + (voided > 0 ? "; " + voided + " pilot run(s) voided" : "") + texts);
            versionAfterEdit(em, e);
            return lists;
        });
    }

    /** The template consent and instructions of the experiment's stored design (phase plan and lists, or the game). */
    private static DesignTexts.Templates templates(EntityManager em, Experiment e) {
        return e.phasesJson() == null ? DesignTexts.CONTINUOUS : DesignTexts.Templates.of(PhasesJson.read(e.phasesJson()), phaseLists(em, e));
    }

    /**
     * Whether the consent and instructions are the templates of the experiment's design as it is stored now; false
     * right after a design change means the experimenter's own texts were kept and may still describe the old design.
     */
    public boolean textsAreTemplates(String slug) {
        return database.read(em -> {
            Experiment e = bySlug(em, slug);
            return DesignTexts.matches(e, templates(em, e));
        });
    }

    /** The stimuli the recognition design builder may use: the set without the practice images, with their lure types. */
    public List<RecognitionStimulus> recognitionStimuli(Experiment experiment) {
        return database.read(em -> recognitionStimuli(em, experiment));
    }

    static List<RecognitionStimulus> recognitionStimuli(EntityManager em, Experiment e) {
        Set<String> practice = Set.copyOf(e.practiceImageIds());
        return em.createQuery("select s from Stimulus s where s.stimulusSet.id = :set order by s.id",
                        engram.stimuli.entity.Stimulus.class).setParameter("set", e.stimulusSet().id()).getResultList().stream()
                .filter(s -> !practice.contains(s.imageId()))
                .map(s -> new RecognitionStimulus(s.imageId(), s.pairId(), s.condition(), lureType(s.extraColumns()))).toList();
    }

    /**
     * The design of study and test lists as experiment.json's {@code design} shows it; {@code game} (the continuous game's
     * parameters, as the sequence design writes them) only when the plan starts with the game.
     */
    static String recognitionJson(RecognitionParameters p) {
        jakarta.json.JsonObjectBuilder o = jakarta.json.Json.createObjectBuilder().add("kind", "recognition").add("lists", p.lists())
                .add("studyPairs", p.studyPairs()).add("foilsPerTest", p.foilsPerTest()).add("testBothMembers", p.testBothMembers())
                .add("maxConditionRun", p.maxConditionRun()).add("pairConditions", jakarta.json.Json.createArrayBuilder(p.pairConditions()))
                .add("lureTypes", jakarta.json.Json.createArrayBuilder(p.lureTypes())).add("seed", p.seed());
        if (p.game() != null) {
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(DesignJson.write(p.game())))) {
                o.add("game", reader.readObject());
            }
        }
        return o.build().toString();
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

    static List<PhaseList> phaseLists(EntityManager em, Experiment experiment) {
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
            if (o.get("game") instanceof jakarta.json.JsonObject game) {
                p = p.withGame(DesignJson.read(game.toString()));
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
}
