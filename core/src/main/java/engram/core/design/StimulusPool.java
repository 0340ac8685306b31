package engram.core.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stimuli indexed for a design, in a canonical order (image ids and pair ids sorted) so that the result never
 * depends on the input order: the target pairs (one member in each target condition), and the groups an image
 * can be drawn from as a filler (a pair or an unpaired image; at most one image of a group per sequence).
 */
final class StimulusPool {

    /** A pair whose members are in the two target conditions; {@code members[c]} is in targetConditions[c]. */
    record TargetPair(String pairId, Stimulus[] members) {
    }

    /** A pair or an unpaired image, with its members eligible as fillers (condition is a target or filler one). */
    record Group(String groupId, List<Stimulus> eligible, int targetPairIndex) {
    }

    final Map<String, Stimulus> byImageId = new TreeMap<>();
    final List<TargetPair> targetPairs = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    private final Map<String, Integer> targetPairIndex = new TreeMap<>();
    private final DesignParameters parameters;

    StimulusPool(List<Stimulus> stimuli, DesignParameters parameters) {
        this.parameters = parameters;
        Map<String, List<Stimulus>> byGroup = new TreeMap<>();
        for (Stimulus stimulus : stimuli) {
            if (byImageId.putIfAbsent(stimulus.imageId(), stimulus) != null) {
                throw new IllegalArgumentException("stimuli: image '" + stimulus.imageId() + "' is listed twice");
            }
        }
        for (Stimulus stimulus : byImageId.values()) {
            byGroup.computeIfAbsent(stimulus.groupId(), g -> new ArrayList<>()).add(stimulus);
        }
        byGroup.forEach((groupId, members) -> {
            if (members.get(0).pairId() != null) {
                checkPair(members);
            }
            int pairIndex = -1;
            if (members.size() == 2) {
                int first = parameters.targetConditions().indexOf(members.get(0).condition());
                int second = parameters.targetConditions().indexOf(members.get(1).condition());
                if (parameters.targetConditions().size() == 2 && first >= 0 && second >= 0) {
                    Stimulus[] ordered = new Stimulus[2];
                    ordered[first] = members.get(0);
                    ordered[second] = members.get(1);
                    pairIndex = targetPairs.size();
                    targetPairs.add(new TargetPair(members.get(0).pairId(), ordered));
                    targetPairIndex.put(members.get(0).pairId(), pairIndex);
                }
            }
            List<Stimulus> eligible = members.stream().filter(this::fillerEligible).toList();
            if (!eligible.isEmpty()) {
                groups.add(new Group(groupId, eligible, pairIndex));
            }
        });
    }

    private static void checkPair(List<Stimulus> members) {
        String pairId = members.get(0).pairId();
        if (members.size() != 2) {
            throw new IllegalArgumentException("stimuli: pair '" + pairId + "' has " + members.size()
                    + " members; a pair needs exactly 2");
        }
        if (members.get(0).condition().equals(members.get(1).condition())) {
            throw new IllegalArgumentException("stimuli: both members of pair '" + pairId + "' have condition '"
                    + members.get(0).condition() + "'");
        }
    }

    boolean fillerEligible(Stimulus stimulus) {
        return parameters.fillerConditions().contains(stimulus.condition())
                || parameters.targetConditions().contains(stimulus.condition());
    }

    /** 0 for an image in a filler condition, 1 for a target-condition image used as a filler. */
    int fillerTier(Stimulus stimulus) {
        return parameters.fillerConditions().contains(stimulus.condition()) ? 0 : 1;
    }

    /** Index of the target pair this image belongs to, or -1. */
    int targetPairOf(Stimulus stimulus) {
        return stimulus.pairId() == null ? -1 : targetPairIndex.getOrDefault(stimulus.pairId(), -1);
    }

    /** Number of images eligible as fillers (both members of a pair counted). */
    int fillerEligibleImages() {
        return groups.stream().mapToInt(group -> group.eligible().size()).sum();
    }

    /** Groups that can give a filler in a sequence with {@code repeats} target pairs. */
    int fillerGroupsPerSequence(int repeats) {
        return groups.size() - Math.min(repeats, targetPairs.size());
    }

    long count(String condition, boolean paired) {
        return byImageId.values().stream()
                .filter(s -> s.condition().equals(condition) && (s.pairId() != null) == paired).count();
    }
}
