package engram.core.design;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import engram.core.format.Kind;
import engram.core.format.Manifest;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Side;
import engram.core.phase.Task;
import engram.core.random.SplitMix64;

/**
 * Builds K reproducible study/test lists for a phase plan (docs/sequences.md, "Recognition designs").
 * <p>
 * Steps: lay the studied pairs over the study and test phases ({@link RecognitionLayout}); check the numbers against
 * the stimulus set; choose the studied pairs (seeded, lure types dealt in turn); colour the pairs' places so that the
 * studied member is balanced within one in every study phase and every test phase and way of testing
 * ({@link EquitableColouring}); then per list: which member is studied (lists 2j-1 and 2j study opposite members, so
 * with an even K every member is studied in exactly half the lists), the foils (rotated through the unpaired images
 * list by list), the 2AFC sides (balanced within a phase, mirrored in the partner list), and the order of every phase
 * under the condition-run and lure rules ({@link TrialOrder}); finally check every list with
 * {@link RecognitionValidator}. The same plan, stimuli and parameters (seed included) give the same lists, whatever the
 * order of the stimuli.
 */
public final class RecognitionDesignBuilder {

    private final RecognitionParameters parameters;

    public RecognitionDesignBuilder(RecognitionParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        this.parameters = parameters;
    }

    public static RecognitionDesignBuilder of(RecognitionParameters parameters) {
        return new RecognitionDesignBuilder(parameters);
    }

    public RecognitionParameters parameters() {
        return parameters;
    }

    public List<PhaseList> build(PhasePlan plan, Manifest manifest) {
        return build(plan, RecognitionStimulus.fromManifest(manifest));
    }

    /**
     * @throws DesignInfeasibleException when the plan, the numbers or the order rules cannot be met, with every reason
     *                                   found, in the words of the design form
     * @throws IllegalArgumentException  when the stimuli are malformed (duplicate ids, pairs of other than 2 members,
     *                                   members with different lure types)
     */
    public List<PhaseList> build(PhasePlan plan, List<RecognitionStimulus> stimuli) {
        if (plan == null) {
            throw new IllegalArgumentException("plan must not be null");
        }
        RecognitionLayout layout = new RecognitionLayout(plan, parameters);
        RecognitionPool pool = new RecognitionPool(stimuli, parameters);
        List<String> reasons = new ArrayList<>(layout.reasons);
        reasons.addAll(numbers(layout, pool));
        if (!reasons.isEmpty()) {
            throw new DesignInfeasibleException(reasons);
        }
        SplitMix64 master = new SplitMix64(parameters.seed());
        List<RecognitionPool.Pair> studied = choosePairs(pool, master.split());
        List<RecognitionStimulus> foils = new ArrayList<>(pool.foils);
        master.split().shuffle(foils);
        int[] colours = colourSlots(layout, master.split());
        long[] groupSeeds = new long[(parameters.lists() + 1) / 2];
        for (int j = 0; j < groupSeeds.length; j++) {
            groupSeeds[j] = master.nextLong();
        }
        RecognitionValidator validator = new RecognitionValidator(plan, parameters, layout, pool);
        List<PhaseList> lists = new ArrayList<>();
        for (int k = 0; k < parameters.lists(); k++) {
            PhaseList list = buildOne(k, layout, studied, foils, colours, groupSeeds[k / 2], master.split(), reasons);
            if (list == null) {
                continue;
            }
            List<Violation> violations = validator.validate(list);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("bug: built list " + (k + 1) + " breaks the design: " + violations);
            }
            lists.add(list);
        }
        if (!reasons.isEmpty()) {
            throw new DesignInfeasibleException(reasons);
        }
        List<Violation> violations = validator.validateAll(lists);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("bug: built lists break the design: " + violations);
        }
        return List.copyOf(lists);
    }

    private List<String> numbers(RecognitionLayout layout, RecognitionPool pool) {
        List<String> reasons = new ArrayList<>();
        int needed = parameters.studyPairs();
        if (pool.eligible.size() < needed) {
            reasons.add("pairs: the set has " + pool.eligible.size() + " " + pool.eligibleWords(parameters) + "; "
                    + parameters.lists() + (parameters.lists() == 1 ? " list" : " lists") + " of " + needed
                    + " studied pairs need " + needed);
        }
        int foils = layout.foilsPerList();
        if (pool.foils.size() < foils) {
            reasons.add("foils: the set has " + pool.foils.size() + " unpaired images to use as new images; "
                    + layout.testPhases.size() + " test phase" + (layout.testPhases.size() == 1 ? "" : "s")
                    + " of " + parameters.foilsPerTest() + " new images need " + foils + " in every list");
        }
        return reasons;
    }

    /**
     * The member (0 or 1, before the flip of odd lists) studied in each slot: an equitable colouring of the slots as
     * edges between study phases and (test phase, way of testing), so both are balanced within one.
     */
    private static int[] colourSlots(RecognitionLayout layout, SplitMix64 random) {
        int phases = layout.plan.phases().size() + 1;
        int modes = RecognitionLayout.Mode.values().length;
        int[][] edges = new int[layout.slots.size()][];
        for (int s = 0; s < edges.length; s++) {
            RecognitionLayout.Slot slot = layout.slots.get(s);
            edges[s] = new int[] {slot.studyPhase(), slot.testPhase() * modes + slot.mode().ordinal()};
        }
        return EquitableColouring.colour(phases, phases * modes, edges, random);
    }

    /** The studied pairs in rank order: shuffled, then lure types dealt in turn so every type is spread evenly. */
    private List<RecognitionPool.Pair> choosePairs(RecognitionPool pool, SplitMix64 random) {
        Map<String, List<RecognitionPool.Pair>> byType = new TreeMap<>();
        for (RecognitionPool.Pair pair : pool.eligible) {
            byType.computeIfAbsent(pair.lureType() == null ? "" : pair.lureType(), t -> new ArrayList<>()).add(pair);
        }
        List<List<RecognitionPool.Pair>> types = new ArrayList<>(byType.values());
        for (List<RecognitionPool.Pair> type : types) {
            random.shuffle(type);
        }
        random.shuffle(types);
        List<RecognitionPool.Pair> chosen = new ArrayList<>();
        for (int round = 0; chosen.size() < parameters.studyPairs(); round++) {
            for (List<RecognitionPool.Pair> type : types) {
                if (round < type.size() && chosen.size() < parameters.studyPairs()) {
                    chosen.add(type.get(round));
                }
            }
        }
        return chosen;
    }

    /** One trial of a phase before ordering. */
    private record Planned(Kind kind, RecognitionStimulus shown, RecognitionStimulus alternative, Side side,
                           String lureType) {
    }

    private PhaseList buildOne(int k, RecognitionLayout layout, List<RecognitionPool.Pair> studied,
                               List<RecognitionStimulus> foils, int[] colours, long groupSeed, SplitMix64 random,
                               List<String> reasons) {
        int pairs = studied.size();
        int group = k / 2;
        RecognitionStimulus[] studiedImage = new RecognitionStimulus[pairs];
        RecognitionStimulus[] lureImage = new RecognitionStimulus[pairs];
        RecognitionLayout.Slot[] slotOf = new RecognitionLayout.Slot[pairs];
        for (int r = 0; r < pairs; r++) {
            int s = (r + group) % pairs;
            RecognitionLayout.Slot slot = layout.slots.get(s);
            int member = (colours[s] + k) % 2;
            slotOf[r] = slot;
            studiedImage[r] = studied.get(r).members()[member];
            lureImage[r] = studied.get(r).members()[1 - member];
        }
        int foilsPerList = layout.foilsPerList();
        int offset = foils.isEmpty() ? 0 : (int) ((long) k * foilsPerList % foils.size());
        int nextFoil = 0;
        List<PhaseTrial> trials = new ArrayList<>();
        Map<String, Integer> shownAt = new HashMap<>();
        boolean failed = false;
        for (Phase phase : layout.plan.phases()) {
            Task task = phase.task();
            if (!task.storesTrials()) {
                continue;
            }
            List<Planned> planned = new ArrayList<>();
            List<Integer> sided = new ArrayList<>();
            for (int r = 0; r < pairs; r++) {
                RecognitionLayout.Slot slot = slotOf[r];
                String lureType = studied.get(r).lureType();
                if (task == Task.STUDY && slot.studyPhase() == phase.phase()) {
                    planned.add(new Planned(Kind.STUDY, studiedImage[r], null, null, null));
                } else if (slot.testPhase() == phase.phase()) {
                    switch (slot.mode()) {
                        case BOTH -> {
                            planned.add(new Planned(Kind.TARGET, studiedImage[r], null, null, lureType));
                            planned.add(new Planned(Kind.LURE, lureImage[r], null, null, lureType));
                        }
                        case TARGET -> planned.add(new Planned(Kind.TARGET, studiedImage[r], null, null, lureType));
                        case LURE -> planned.add(new Planned(Kind.LURE, lureImage[r], null, null, lureType));
                        case VERSUS_LURE -> {
                            sided.add(planned.size());
                            planned.add(new Planned(Kind.LURE, studiedImage[r], lureImage[r], null, lureType));
                        }
                        case VERSUS_FOIL -> {
                            sided.add(planned.size());
                            planned.add(new Planned(Kind.FOIL, studiedImage[r],
                                    foils.get((offset + nextFoil++) % foils.size()), null, null));
                        }
                        default -> throw new IllegalStateException("unknown mode " + slot.mode());
                    }
                }
            }
            if (task == Task.OLD_NEW || task == Task.OLD_SIMILAR_NEW) {
                for (int f = 0; f < parameters.foilsPerTest(); f++) {
                    planned.add(new Planned(Kind.FOIL, foils.get((offset + nextFoil++) % foils.size()), null, null,
                            null));
                }
            }
            assignSides(planned, sided, k, new SplitMix64(groupSeed ^ (0x9E3779B97F4A7C15L * phase.phase())));
            List<TrialOrder.Item> items = new ArrayList<>();
            for (Planned p : planned) {
                String pairId = p.shown().pairId() != null && p.alternative() == null ? p.shown().pairId() : null;
                items.add(new TrialOrder.Item(p.shown().condition(), pairId, p.kind() == Kind.TARGET,
                        p.kind() == Kind.LURE && p.alternative() == null, p));
            }
            String in = phase.label() + " in list " + (k + 1) + ": ";
            String infeasible = TrialOrder.runInfeasible(items, parameters.maxConditionRun());
            Optional<List<TrialOrder.Item>> ordered = infeasible == null
                    ? TrialOrder.order(items, parameters.maxConditionRun(), random) : Optional.empty();
            if (ordered.isEmpty()) {
                reasons.add("order: " + in + (infeasible != null ? infeasible + "; lower foilsPerTest or raise "
                        + "maxConditionRun" : "no order of its " + items.size() + " trials keeps at most "
                        + parameters.maxConditionRun() + " in a row of one condition and no lure right after its "
                        + "target (" + TrialOrder.RANDOM_ATTEMPTS + " random attempts and a greedy one, seed "
                        + parameters.seed() + ")"));
                failed = true;
                continue;
            }
            for (TrialOrder.Item item : ordered.get()) {
                Planned p = (Planned) item.payload();
                int index = trials.size();
                Integer earlier = shownAt.get(p.shown().imageId());
                trials.add(new PhaseTrial(index, phase.phase(), p.shown().imageId(), p.kind(),
                        earlier == null ? 1 : 2, earlier == null ? null : index - earlier,
                        p.alternative() == null ? null : p.alternative().imageId(), p.side(), p.lureType(),
                        p.shown().condition()));
                shownAt.put(p.shown().imageId(), index);
                if (p.alternative() != null) {
                    shownAt.put(p.alternative().imageId(), index);
                }
            }
        }
        return failed ? null : new PhaseList(k + 1, trials);
    }

    /** Half the 2AFC trials of a phase show the studied image on the left (the odd one at random); odd lists mirror. */
    private static void assignSides(List<Planned> planned, List<Integer> sided, int k, SplitMix64 random) {
        List<Side> sides = new ArrayList<>();
        for (int i = 0; i < sided.size(); i++) {
            sides.add(i % 2 == 0 ? Side.LEFT : Side.RIGHT);
        }
        if (sided.size() % 2 == 1 && random.nextBoolean()) {
            sides.set(sides.size() - 1, Side.RIGHT);
        }
        random.shuffle(sides);
        for (int i = 0; i < sided.size(); i++) {
            Planned p = planned.get(sided.get(i));
            Side side = k % 2 == 0 ? sides.get(i) : sides.get(i).other();
            planned.set(sided.get(i), new Planned(p.kind(), p.shown(), p.alternative(), side, p.lureType()));
        }
    }
}
