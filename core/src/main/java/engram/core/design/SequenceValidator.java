package engram.core.design;

import engram.core.format.Kind;
import engram.core.format.Position;
import engram.core.format.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks built sequences against every design rule; the builder runs it on its own output, and it can check
 * sequences read back from sequences.csv. Rule names: length, trial_index, image, condition, repeat, lag,
 * vigilance_lag, pair, repeats, vigilance, fillers, balance (one sequence); sequences, sequence_id, pair_balance,
 * filler_reuse (across sequences).
 */
public final class SequenceValidator {

    private final DesignParameters parameters;
    private final StimulusPool pool;

    public SequenceValidator(DesignParameters parameters, List<Stimulus> stimuli) {
        this(parameters, new StimulusPool(stimuli, parameters));
    }

    SequenceValidator(DesignParameters parameters, StimulusPool pool) {
        this.parameters = parameters;
        this.pool = pool;
    }

    /** Every rule broken by one sequence, in trial order; empty when it is valid. */
    public List<Violation> validate(Sequence sequence) {
        List<Violation> found = new ArrayList<>();
        String in = "sequence " + sequence.sequenceId() + ": ";
        List<Position> positions = sequence.positions();
        if (positions.size() != parameters.length()) {
            found.add(new Violation("length", -1, in + "has " + positions.size() + " positions, the design needs "
                    + parameters.length()));
        }
        Map<String, Position> firstShowing = new TreeMap<>();
        Map<String, Position> secondShowing = new TreeMap<>();
        Map<String, String> imageOfGroup = new TreeMap<>();
        int[] targetsByCondition = new int[2];
        for (int index = 0; index < positions.size(); index++) {
            Position position = positions.get(index);
            String image = position.imageId();
            if (position.trialIndex() != index) {
                found.add(new Violation("trial_index", index, in + "position " + index + " has trial index "
                        + position.trialIndex()));
            }
            Stimulus stimulus = pool.byImageId.get(image);
            if (stimulus == null) {
                found.add(new Violation("image", index, in + "image '" + image + "' is not in the stimulus set"));
                continue;
            }
            if (position.presentation() == 1) {
                checkCondition(position, stimulus, in, found);
                Position earlier = firstShowing.putIfAbsent(image, position);
                if (earlier != null) {
                    found.add(new Violation("repeat", index, in + "image '" + image + "' is shown again at " + index
                            + " (first at " + earlier.trialIndex() + ") without being its repeat"));
                    continue;
                }
                String other = imageOfGroup.putIfAbsent(stimulus.groupId(), image);
                if (other != null) {
                    found.add(new Violation("pair", index, in + "images '" + other + "' and '" + image
                            + "' of pair '" + stimulus.pairId() + "' are both in the sequence"));
                }
                if (position.kind() == Kind.TARGET) {
                    int condition = parameters.targetConditions().indexOf(stimulus.condition());
                    if (condition == 0 || condition == 1) {
                        targetsByCondition[condition]++;
                    }
                }
            } else {
                checkRepeat(position, firstShowing.get(image), secondShowing, in, found);
            }
        }
        firstShowing.forEach((image, first) -> {
            if (first.kind() != Kind.FILLER && !secondShowing.containsKey(image)) {
                found.add(new Violation("repeat", first.trialIndex(), in + first.kind().csvName() + " image '"
                        + image + "' is never shown a second time"));
            }
        });
        checkCounts(sequence, in, found);
        if (Math.abs(targetsByCondition[0] - targetsByCondition[1]) > 1 && parameters.targetConditions().size() == 2) {
            found.add(new Violation("balance", -1, in + targetsByCondition[0] + " '"
                    + parameters.targetConditions().get(0) + "' and " + targetsByCondition[1] + " '"
                    + parameters.targetConditions().get(1) + "' targets; they may differ by at most 1"));
        }
        return found;
    }

    private void checkCondition(Position position, Stimulus stimulus, String in, List<Violation> found) {
        if (position.kind() == Kind.TARGET && pool.targetPairOf(stimulus) < 0) {
            found.add(new Violation("condition", position.trialIndex(), in + "target '" + stimulus.imageId()
                    + "' (condition '" + stimulus.condition() + "') is not a member of a pair in the conditions "
                    + parameters.targetConditions()));
        } else if (position.kind() != Kind.TARGET && !pool.fillerEligible(stimulus)) {
            found.add(new Violation("condition", position.trialIndex(), in + position.kind().csvName() + " '"
                    + stimulus.imageId() + "' has condition '" + stimulus.condition()
                    + "', which is neither a filler nor a target condition"));
        }
    }

    private void checkRepeat(Position position, Position first, Map<String, Position> secondShowing, String in,
                             List<Violation> found) {
        int index = position.trialIndex();
        String image = position.imageId();
        if (first == null || first.kind() != position.kind() || secondShowing.containsKey(image)) {
            found.add(new Violation("repeat", index, in + "second showing of '" + image
                    + "' has no matching first showing of kind " + position.kind().csvName()));
            return;
        }
        secondShowing.put(image, position);
        int lag = index - first.trialIndex();
        if (position.lag() == null || position.lag() != lag) {
            found.add(new Violation("lag", index, in + "'" + image + "' records lag " + position.lag()
                    + " but is shown at " + first.trialIndex() + " and " + index));
        }
        boolean target = position.kind() == Kind.TARGET;
        int min = target ? parameters.minLag() : parameters.vigilanceMinLag();
        int max = target ? parameters.effectiveMaxLag() : parameters.effectiveVigilanceMaxLag();
        if (lag < min || lag > max) {
            found.add(new Violation(target ? "lag" : "vigilance_lag", index, in + position.kind().csvName() + " '"
                    + image + "' repeats at lag " + lag + ", outside " + min + ".." + max));
        }
    }

    private void checkCounts(Sequence sequence, String in, List<Violation> found) {
        long targets = sequence.count(Kind.TARGET, 1);
        long vigilance = sequence.count(Kind.VIGILANCE, 1);
        long fillers = sequence.count(Kind.FILLER, 1);
        if (targets != parameters.repeats()) {
            found.add(new Violation("repeats", -1, in + targets + " repeated targets, the design needs "
                    + parameters.repeats()));
        }
        if (vigilance != parameters.vigilanceRepeats()) {
            found.add(new Violation("vigilance", -1, in + vigilance + " vigilance repeats, the design needs "
                    + parameters.vigilanceRepeats()));
        }
        if (fillers != parameters.fillersPerSequence()) {
            found.add(new Violation("fillers", -1, in + fillers + " fillers, the design needs "
                    + parameters.fillersPerSequence()));
        }
    }

    /** The rules of {@link #validate} for each sequence plus the rules across sequences. */
    public List<Violation> validateAll(List<Sequence> sequences) {
        List<Violation> found = new ArrayList<>();
        if (sequences.size() != parameters.sequences()) {
            found.add(new Violation("sequences", -1, sequences.size() + " sequences, the design needs "
                    + parameters.sequences()));
        }
        for (int n = 0; n < sequences.size(); n++) {
            if (sequences.get(n).sequenceId() != n + 1) {
                found.add(new Violation("sequence_id", -1, "sequence number " + (n + 1) + " has id "
                        + sequences.get(n).sequenceId() + "; ids must run 1.." + sequences.size()));
            }
            found.addAll(validate(sequences.get(n)));
        }
        found.addAll(validateAcross(sequences));
        return found;
    }

    /** Only the rules across sequences: pair_balance, filler_reuse (the recognition design's game uses them). */
    List<Violation> validateAcross(List<Sequence> sequences) {
        List<Violation> found = new ArrayList<>();
        int[][] memberUses = new int[pool.targetPairs.size()][2];
        Map<String, List<Integer>> fillerSequences = new TreeMap<>();
        for (Sequence sequence : sequences) {
            for (Position position : sequence.positions()) {
                Stimulus stimulus = pool.byImageId.get(position.imageId());
                if (stimulus == null || position.presentation() != 1) {
                    continue;
                }
                int pair = pool.targetPairOf(stimulus);
                if (position.kind() == Kind.TARGET && pair >= 0) {
                    memberUses[pair][parameters.targetConditions().indexOf(stimulus.condition())]++;
                } else if (position.kind() != Kind.TARGET) {
                    fillerSequences.computeIfAbsent(stimulus.imageId(), id -> new ArrayList<>())
                            .add(sequence.sequenceId());
                }
            }
        }
        for (int pair = 0; pair < memberUses.length; pair++) {
            if (Math.abs(memberUses[pair][0] - memberUses[pair][1]) > 1) {
                StimulusPool.TargetPair target = pool.targetPairs.get(pair);
                found.add(new Violation("pair_balance", -1, "pair '" + target.pairId() + "': '"
                        + target.members()[0].imageId() + "' is a target in " + memberUses[pair][0]
                        + " sequences and '" + target.members()[1].imageId() + "' in " + memberUses[pair][1]
                        + "; they may differ by at most 1"));
            }
        }
        if (!parameters.allowRepeatedFillers()) {
            fillerSequences.forEach((image, ids) -> {
                if (ids.size() > 1) {
                    found.add(new Violation("filler_reuse", -1, "image '" + image + "' is a filler or vigilance "
                            + "image in sequences " + ids + " but allowRepeatedFillers is false"));
                }
            });
        }
        return found;
    }
}
