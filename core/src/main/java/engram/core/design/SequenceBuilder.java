package engram.core.design;

import engram.core.format.Kind;
import engram.core.format.Position;
import engram.core.format.Sequence;

import engram.core.random.SplitMix64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import engram.core.format.Manifest;

/**
 * Builds K reproducible sequences for the repeat-recognition memory game from a stimulus set.
 * <p>
 * Steps: check the arithmetic of the design up front; deal target pairs to sequences and choose the shown member
 * ({@link TargetAssignment}); per sequence pick filler and vigilance images (filler-condition images first, least
 * used first) and place the repeats ({@link Placement}); then check every sequence with {@link SequenceValidator}.
 * The same stimuli and parameters (seed included) always give the same sequences, whatever the input order.
 */
public final class SequenceBuilder {

    private final DesignParameters parameters;

    public SequenceBuilder(DesignParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        this.parameters = parameters;
    }

    public static SequenceBuilder of(DesignParameters parameters) {
        return new SequenceBuilder(parameters);
    }

    public DesignParameters parameters() {
        return parameters;
    }

    public List<Sequence> build(Manifest manifest) {
        return build(Stimulus.fromManifest(manifest));
    }

    /**
     * @throws DesignInfeasibleException when the constraints cannot be met, with every reason found
     * @throws IllegalArgumentException  when the stimuli are malformed (duplicate ids, pairs of other than 2)
     */
    public List<Sequence> build(List<Stimulus> stimuli) {
        StimulusPool pool = new StimulusPool(stimuli, parameters);
        List<String> reasons = Feasibility.check(parameters, pool);
        if (!reasons.isEmpty()) {
            throw new DesignInfeasibleException(reasons);
        }
        SplitMix64 master = new SplitMix64(parameters.seed());
        int[][][] targets = TargetAssignment.assign(pool.targetPairs.size(), parameters.sequences(),
                parameters.repeats(), master.split());
        Map<String, Integer> fillerUses = new TreeMap<>();
        Placement placement = new Placement(parameters.length(), parameters.repeats(), parameters.minLag(),
                parameters.effectiveMaxLag(), parameters.vigilanceRepeats(), parameters.vigilanceMinLag(),
                parameters.effectiveVigilanceMaxLag());
        SequenceValidator validator = new SequenceValidator(parameters, pool);
        List<Sequence> sequences = new ArrayList<>();
        for (int k = 0; k < parameters.sequences(); k++) {
            SplitMix64 random = master.split();
            Sequence sequence = buildOne(k + 1, targets[k], pool, fillerUses, placement, random);
            List<Violation> violations = validator.validate(sequence);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("bug: built sequence " + (k + 1) + " breaks the design: "
                        + violations);
            }
            sequences.add(sequence);
        }
        List<Violation> violations = validator.validateAll(sequences);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("bug: built sequences break the design: " + violations);
        }
        return List.copyOf(sequences);
    }

    private Sequence buildOne(int sequenceId, int[][] targetChoice, StimulusPool pool,
                              Map<String, Integer> fillerUses, Placement placement, SplitMix64 random) {
        List<String> targetImages = new ArrayList<>();
        Set<Integer> targetPairs = new HashSet<>();
        for (int[] choice : targetChoice) {
            targetImages.add(pool.targetPairs.get(choice[0]).members()[choice[1]].imageId());
            targetPairs.add(choice[0]);
        }
        int needed = parameters.fillersPerSequence() + parameters.vigilanceRepeats();
        List<String> others = chooseFillers(sequenceId, needed, targetPairs, pool, fillerUses, random);
        Optional<Placement.Layout> found = placement.place(random);
        if (found.isEmpty()) {
            throw new DesignInfeasibleException(List.of(Feasibility.placementFailure(parameters, sequenceId)));
        }
        Placement.Layout layout = found.get();
        random.shuffle(targetImages);
        random.shuffle(others);
        int repeats = parameters.repeats();
        int vigilance = parameters.vigilanceRepeats();
        Position[] positions = new Position[parameters.length()];
        for (int item = 0; item < repeats + vigilance; item++) {
            boolean target = item < repeats;
            String image = target ? targetImages.get(item) : others.get(item - repeats);
            Kind kind = target ? Kind.TARGET : Kind.VIGILANCE;
            int first = layout.first()[item];
            int second = layout.second()[item];
            positions[first] = Position.first(first, image, kind);
            positions[second] = Position.repeat(second, image, kind, second - first);
        }
        int nextFiller = vigilance;
        for (int index = 0; index < positions.length; index++) {
            if (positions[index] == null) {
                positions[index] = Position.first(index, others.get(nextFiller++), Kind.FILLER);
            }
        }
        return new Sequence(sequenceId, List.of(positions));
    }

    /**
     * One image from each of {@code needed} groups not used for targets here: filler-condition images before
     * target-condition ones, then the least used so far, ties broken at random. Without repeated fillers an image
     * used as a filler in an earlier sequence is not eligible.
     */
    private List<String> chooseFillers(int sequenceId, int needed, Set<Integer> targetPairs, StimulusPool pool,
                                       Map<String, Integer> fillerUses, SplitMix64 random) {
        record Candidate(Stimulus stimulus, int tier, int uses, long tieBreak) {
        }
        Comparator<Candidate> preference = Comparator.comparingInt(Candidate::tier)
                .thenComparingInt(Candidate::uses).thenComparingLong(Candidate::tieBreak);
        List<Candidate> candidates = new ArrayList<>();
        for (StimulusPool.Group group : pool.groups) {
            if (group.targetPairIndex() >= 0 && targetPairs.contains(group.targetPairIndex())) {
                continue;
            }
            Candidate best = null;
            for (Stimulus stimulus : group.eligible()) {
                int uses = fillerUses.getOrDefault(stimulus.imageId(), 0);
                if (!parameters.allowRepeatedFillers() && uses > 0) {
                    continue;
                }
                Candidate candidate = new Candidate(stimulus, pool.fillerTier(stimulus), uses, random.nextLong());
                if (best == null || preference.compare(candidate, best) < 0) {
                    best = candidate;
                }
            }
            if (best != null) {
                candidates.add(best);
            }
        }
        if (candidates.size() < needed) {
            throw new DesignInfeasibleException(List.of("fillers: sequence " + sequenceId + " needs " + needed
                    + " filler and vigilance images not yet used in earlier sequences, but only "
                    + candidates.size() + " remain (allowRepeatedFillers is false)"));
        }
        candidates.sort(preference);
        List<String> chosen = new ArrayList<>();
        for (Candidate candidate : candidates.subList(0, needed)) {
            chosen.add(candidate.stimulus().imageId());
            fillerUses.merge(candidate.stimulus().imageId(), 1, Integer::sum);
        }
        return chosen;
    }
}
