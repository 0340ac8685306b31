package engram.core.design;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import engram.core.format.Kind;
import engram.core.format.Manifest;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.format.Position;
import engram.core.format.Sequence;
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
 * order of the stimuli. A plan that starts with the continuous game instead of study phases gets the game from
 * {@link SequenceBuilder} and tests the game's targets (see {@code buildWithGame}).
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
        if (layout.hasGame()) {
            if (!reasons.isEmpty()) {
                throw new DesignInfeasibleException(reasons);
            }
            return buildWithGame(layout, pool, stimuli);
        }
        reasons.addAll(numbers(layout, pool));
        if (!reasons.isEmpty()) {
            throw new DesignInfeasibleException(reasons);
        }
        SplitMix64 master = new SplitMix64(parameters.seed());
        List<RecognitionPool.Pair> studied = choosePairs(pool, master.split());
        List<RecognitionStimulus> foils = new ArrayList<>(pool.foils);
        master.split().shuffle(foils);
        int[] colours = colourSlots(layout, master.split());
        long[] groupSeeds = groupSeeds(master);
        RecognitionValidator validator = new RecognitionValidator(plan, parameters, layout, pool);
        List<PhaseList> lists = new ArrayList<>();
        for (int k = 0; k < parameters.lists(); k++) {
            Tested tested = Tested.studied(k, studied, colours, layout);
            addChecked(lists, buildOne(k, layout, pool, tested, null, foils, groupSeeds[k / 2], master.split(), reasons),
                    k, validator);
        }
        return finish(lists, reasons, validator);
    }

    /** One seed per partner lists 2j-1 and 2j (their 2AFC sides mirror each other). */
    private long[] groupSeeds(SplitMix64 master) {
        long[] groupSeeds = new long[(parameters.lists() + 1) / 2];
        for (int j = 0; j < groupSeeds.length; j++) {
            groupSeeds[j] = master.nextLong();
        }
        return groupSeeds;
    }

    /** Adds list k (none when it could not be ordered) once the validator finds it sound. */
    private static void addChecked(List<PhaseList> lists, PhaseList list, int k, RecognitionValidator validator) {
        if (list == null) {
            return;
        }
        List<Violation> violations = validator.validate(list);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("bug: built list " + (k + 1) + " breaks the design: " + violations);
        }
        lists.add(list);
    }

    /**
     * A plan that starts with the continuous game: the game of list k is sequence k of the sequence builder (its own
     * rules and counterbalancing: every pair a target in about equally many lists, its members shown within one as
     * often); the tests then test studyPairs of the game's targets (chosen at random) and draw their new images from
     * the unpaired images that list's game did not show.
     */
    private List<PhaseList> buildWithGame(RecognitionLayout layout, RecognitionPool pool,
                                          List<RecognitionStimulus> stimuli) {
        String label = layout.plan.phase(layout.gamePhase).label() + ": ";
        List<Sequence> games;
        try {
            games = SequenceBuilder.of(parameters.gameParameters()).build(gameStimuli(stimuli));
        } catch (DesignInfeasibleException infeasible) {
            throw new DesignInfeasibleException(infeasible.reasons().stream().map(r -> label + r).toList());
        }
        SplitMix64 master = new SplitMix64(parameters.seed() ^ 0x5DEECE66DL);
        List<RecognitionStimulus> foils = new ArrayList<>(pool.foils);
        master.split().shuffle(foils);
        long[] groupSeeds = groupSeeds(master);
        RecognitionValidator validator = new RecognitionValidator(layout.plan, parameters, layout, pool);
        List<String> reasons = new ArrayList<>();
        List<PhaseList> lists = new ArrayList<>();
        for (int k = 0; k < parameters.lists(); k++) {
            Sequence game = games.get(k);
            Set<String> shown = new HashSet<>();
            List<String> targets = new ArrayList<>();
            for (Position position : game.positions()) {
                shown.add(position.imageId());
                if (position.kind() == Kind.TARGET && position.presentation() == 1) {
                    targets.add(position.imageId());
                }
            }
            SplitMix64 random = master.split();
            Tested tested = Tested.gameTargets(dealTargets(targets, layout, pool, random), layout, pool);
            List<RecognitionStimulus> unseen = foils.stream().filter(f -> !shown.contains(f.imageId())).toList();
            if (unseen.size() < layout.foilsPerList()) {
                reasons.add("foils: the game of list " + (k + 1) + " shows " + (foils.size() - unseen.size())
                        + " of the " + foils.size() + " unpaired images, leaving " + unseen.size() + " new images; "
                        + layout.testPhases.size() + " test phase" + (layout.testPhases.size() == 1 ? "" : "s")
                        + " of " + parameters.foilsPerTest() + " new images need " + layout.foilsPerList()
                        + " (add unpaired images, or give the game other fillerConditions)");
                continue;
            }
            addChecked(lists, buildOne(k, layout, pool, tested, game, unseen, groupSeeds[k / 2], random, reasons),
                    k, validator);
        }
        return finish(lists, reasons, validator);
    }

    /**
     * The game's targets for the slots in slot order (studyPairs of them): each slot takes, from the targets of the
     * two pair conditions (each shuffled), one of the condition its test phase and way of testing has had less of so
     * far (ties: the condition with more left, then at random), so the images a test shows as seen are balanced
     * within one between the conditions as far as the game's targets allow.
     */
    private List<String> dealTargets(List<String> targets, RecognitionLayout layout, RecognitionPool pool,
                                     SplitMix64 random) {
        List<List<String>> byCondition = List.of(new ArrayList<>(), new ArrayList<>());
        for (String target : targets) {
            byCondition.get(parameters.pairConditions().indexOf(pool.byImageId.get(target).condition())).add(target);
        }
        random.shuffle(byCondition.get(0));
        random.shuffle(byCondition.get(1));
        int[] next = new int[2];
        Map<RecognitionLayout.Slot, int[]> used = new HashMap<>();
        List<String> dealt = new ArrayList<>();
        for (RecognitionLayout.Slot slot : layout.slots) {
            int[] count = used.computeIfAbsent(slot, s -> new int[2]);
            int[] left = {byCondition.get(0).size() - next[0], byCondition.get(1).size() - next[1]};
            int c;
            if (left[0] == 0 || left[1] == 0) {
                c = left[0] == 0 ? 1 : 0;
            } else if (count[0] != count[1]) {
                c = count[0] < count[1] ? 0 : 1;
            } else if (left[0] != left[1]) {
                c = left[0] > left[1] ? 0 : 1;
            } else {
                c = random.nextBoolean() ? 0 : 1;
            }
            count[c]++;
            dealt.add(byCondition.get(c).get(next[c]++));
        }
        return dealt;
    }

    /** The stimuli as the sequence builder sees them (no category: the game does not use it). */
    private static List<Stimulus> gameStimuli(List<RecognitionStimulus> stimuli) {
        if (stimuli == null) {
            throw new IllegalArgumentException("stimuli must not be null");
        }
        return stimuli.stream().map(s -> new Stimulus(s.imageId(), s.pairId(), s.condition(), null)).toList();
    }

    private static List<PhaseList> finish(List<PhaseList> lists, List<String> reasons,
                                          RecognitionValidator validator) {
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

    /** A list's studied (or game target) image, its lure, the pair's lure type and its slot, per tested pair. */
    private record Tested(RecognitionStimulus[] studiedImage, RecognitionStimulus[] lureImage, String[] lureType,
                          RecognitionLayout.Slot[] slotOf) {

        private static Tested of(int pairs) {
            return new Tested(new RecognitionStimulus[pairs], new RecognitionStimulus[pairs], new String[pairs],
                    new RecognitionLayout.Slot[pairs]);
        }

        /**
         * List k of a plan with study phases: pair r takes slot (r + k/2) mod pairs, and studies the member its
         * slot's colour gives, flipped in odd lists.
         */
        static Tested studied(int k, List<RecognitionPool.Pair> studied, int[] colours, RecognitionLayout layout) {
            int pairs = studied.size();
            int group = k / 2;
            Tested tested = of(pairs);
            for (int r = 0; r < pairs; r++) {
                int s = (r + group) % pairs;
                int member = (colours[s] + k) % 2;
                tested.slotOf()[r] = layout.slots.get(s);
                tested.studiedImage()[r] = studied.get(r).members()[member];
                tested.lureImage()[r] = studied.get(r).members()[1 - member];
                tested.lureType()[r] = studied.get(r).lureType();
            }
            return tested;
        }

        /** A list after the game: the dealt game targets in slot order, each with its partner as the lure. */
        static Tested gameTargets(List<String> dealt, RecognitionLayout layout, RecognitionPool pool) {
            int pairs = dealt.size();
            Tested tested = of(pairs);
            for (int r = 0; r < pairs; r++) {
                tested.slotOf()[r] = layout.slots.get(r);
                tested.studiedImage()[r] = pool.byImageId.get(dealt.get(r));
                tested.lureImage()[r] = pool.partner(dealt.get(r));
                tested.lureType()[r] = pool.pairOfImage.get(dealt.get(r)).lureType();
            }
            return tested;
        }
    }

    /**
     * List k: per phase of the plan that stores trials, the game's positions as they are, or the phase's planned trials
     * with their 2AFC sides, in an order that keeps the condition-run and lure rules; null (with the reasons added) when
     * some phase has no such order.
     */
    private PhaseList buildOne(int k, RecognitionLayout layout, RecognitionPool pool, Tested tested, Sequence game,
                               List<RecognitionStimulus> foils, long groupSeed, SplitMix64 random,
                               List<String> reasons) {
        FoilCursor newImages = new FoilCursor(foils, k, layout.foilsPerList());
        ListTrials trials = new ListTrials();
        boolean failed = false;
        for (Phase phase : layout.plan.phases()) {
            if (!phase.task().storesTrials()) {
                continue;
            }
            if (phase.task() == Task.CONTINUOUS) {
                for (Position position : game.positions()) {
                    // no lure type in the game (responses.csv leaves lure_type empty on the continuous game's rows)
                    trials.add(phase, position.imageId(), position.kind(), null, null, null,
                            pool.byImageId.get(position.imageId()).condition());
                }
                continue;
            }
            List<Integer> sided = new ArrayList<>();
            List<Planned> planned = planPhase(phase, tested, newImages, sided);
            assignSides(planned, sided, k, new SplitMix64(groupSeed ^ (0x9E3779B97F4A7C15L * phase.phase())));
            Optional<List<TrialOrder.Item>> ordered = order(phase, k, planned, random, reasons);
            if (ordered.isEmpty()) {
                failed = true;
                continue;
            }
            for (TrialOrder.Item item : ordered.get()) {
                Planned p = (Planned) item.payload();
                trials.add(phase, p.shown().imageId(), p.kind(), p.alternative(), p.side(), p.lureType(),
                        p.shown().condition());
            }
        }
        return failed ? null : new PhaseList(k + 1, trials.trials);
    }

    /**
     * A study or test phase's trials before ordering: the studied images of the slots it studies, or the tests of the
     * slots it tests and (old/new, old/similar/new) its new images. The places of the 2AFC trials go into
     * {@code sided}.
     */
    private List<Planned> planPhase(Phase phase, Tested tested, FoilCursor newImages, List<Integer> sided) {
        Task task = phase.task();
        List<Planned> planned = new ArrayList<>();
        for (int r = 0; r < tested.slotOf().length; r++) {
            RecognitionLayout.Slot slot = tested.slotOf()[r];
            RecognitionStimulus studied = tested.studiedImage()[r];
            RecognitionStimulus lure = tested.lureImage()[r];
            String lureType = tested.lureType()[r];
            if (task == Task.STUDY && slot.studyPhase() == phase.phase()) {
                planned.add(new Planned(Kind.STUDY, studied, null, null, null));
            } else if (slot.testPhase() == phase.phase()) {
                switch (slot.mode()) {
                    case BOTH -> {
                        planned.add(new Planned(Kind.TARGET, studied, null, null, lureType));
                        planned.add(new Planned(Kind.LURE, lure, null, null, lureType));
                    }
                    case TARGET -> planned.add(new Planned(Kind.TARGET, studied, null, null, lureType));
                    case LURE -> planned.add(new Planned(Kind.LURE, lure, null, null, lureType));
                    case VERSUS_LURE -> {
                        sided.add(planned.size());
                        planned.add(new Planned(Kind.LURE, studied, lure, null, lureType));
                    }
                    case VERSUS_FOIL -> {
                        sided.add(planned.size());
                        planned.add(new Planned(Kind.FOIL, studied, newImages.next(), null, null));
                    }
                    default -> throw new IllegalStateException("unknown mode " + slot.mode());
                }
            }
        }
        if (task == Task.OLD_NEW || task == Task.OLD_SIMILAR_NEW) {
            for (int f = 0; f < parameters.foilsPerTest(); f++) {
                planned.add(new Planned(Kind.FOIL, newImages.next(), null, null, null));
            }
        }
        return planned;
    }

    /**
     * The phase's planned trials in an order that keeps at most maxConditionRun of one condition in a row and no lure
     * right after its target; empty, with the reason added, when there is none.
     */
    private Optional<List<TrialOrder.Item>> order(Phase phase, int k, List<Planned> planned, SplitMix64 random,
                                                  List<String> reasons) {
        List<TrialOrder.Item> items = new ArrayList<>();
        for (Planned p : planned) {
            String pairId = p.shown().pairId() != null && p.alternative() == null ? p.shown().pairId() : null;
            items.add(new TrialOrder.Item(p.shown().condition(), pairId, p.kind() == Kind.TARGET,
                    p.kind() == Kind.LURE && p.alternative() == null, p));
        }
        String infeasible = TrialOrder.runInfeasible(items, parameters.maxConditionRun());
        Optional<List<TrialOrder.Item>> ordered = infeasible == null
                ? TrialOrder.order(items, parameters.maxConditionRun(), random) : Optional.empty();
        if (ordered.isEmpty()) {
            reasons.add("order: " + phase.label() + " in list " + (k + 1) + ": " + (infeasible != null ? infeasible
                    + "; lower foilsPerTest or raise maxConditionRun" : "no order of its " + items.size()
                    + " trials keeps at most " + parameters.maxConditionRun() + " in a row of one condition and no lure"
                    + " right after its target (" + TrialOrder.RANDOM_ATTEMPTS + " random attempts and a greedy one,"
                    + " seed " + parameters.seed() + ")"));
        }
        return ordered;
    }

    /** The unpaired images of one list in turn: list k starts k × (new images per list) into the rotation. */
    private static final class FoilCursor {
        private final List<RecognitionStimulus> foils;
        private final int offset;
        private int next;

        FoilCursor(List<RecognitionStimulus> foils, int k, int perList) {
            this.foils = foils;
            this.offset = foils.isEmpty() ? 0 : (int) ((long) k * perList % foils.size());
        }

        RecognitionStimulus next() {
            return foils.get((offset + next++) % foils.size());
        }
    }

    /** A list's trials as they are appended: presentation 2 and the lag for an image shown before (either side). */
    private static final class ListTrials {
        private final List<PhaseTrial> trials = new ArrayList<>();
        private final Map<String, Integer> shownAt = new HashMap<>();

        void add(Phase phase, String imageId, Kind kind, RecognitionStimulus alternative, Side side, String lureType,
                 String condition) {
            int index = trials.size();
            Integer earlier = shownAt.get(imageId);
            trials.add(new PhaseTrial(index, phase.phase(), imageId, kind, earlier == null ? 1 : 2,
                    earlier == null ? null : index - earlier, alternative == null ? null : alternative.imageId(), side,
                    lureType, condition));
            shownAt.put(imageId, index);
            if (alternative != null) {
                shownAt.put(alternative.imageId(), index);
            }
        }
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
