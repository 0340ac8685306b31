package engram.core.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stimuli of a recognition design in a canonical order (pair ids and image ids sorted), so the result never
 * depends on the input order: the pairs with one member in each of the two pair conditions ({@code members[c]} in
 * pairConditions[c]), those of them a design may study (lureTypes), and the unpaired images (the foils).
 */
final class RecognitionPool {

    record Pair(String pairId, RecognitionStimulus[] members, String lureType) {
    }

    final Map<String, RecognitionStimulus> byImageId = new TreeMap<>();
    final Map<String, Pair> pairOfImage = new TreeMap<>();
    final List<Pair> pairs = new ArrayList<>();
    final List<Pair> eligible = new ArrayList<>();
    final List<RecognitionStimulus> foils = new ArrayList<>();

    RecognitionPool(List<RecognitionStimulus> stimuli, RecognitionParameters parameters) {
        if (stimuli == null) {
            throw new IllegalArgumentException("stimuli must not be null");
        }
        Map<String, List<RecognitionStimulus>> byPair = new TreeMap<>();
        for (RecognitionStimulus stimulus : stimuli) {
            if (byImageId.putIfAbsent(stimulus.imageId(), stimulus) != null) {
                throw new IllegalArgumentException("stimuli: image '" + stimulus.imageId() + "' is listed twice");
            }
        }
        for (RecognitionStimulus stimulus : byImageId.values()) {
            if (stimulus.pairId() == null) {
                foils.add(stimulus);
            } else {
                byPair.computeIfAbsent(stimulus.pairId(), p -> new ArrayList<>()).add(stimulus);
            }
        }
        List<String> conditions = parameters.pairConditions();
        byPair.forEach((pairId, members) -> {
            if (members.size() != 2) {
                throw new IllegalArgumentException("stimuli: pair '" + pairId + "' has " + members.size()
                        + " members; a pair needs exactly 2");
            }
            String lureType = members.get(0).lureType();
            if (lureType == null ? members.get(1).lureType() != null : !lureType.equals(members.get(1).lureType())) {
                throw new IllegalArgumentException("stimuli: pair '" + pairId + "' has lure_type '" + lureType
                        + "' and '" + members.get(1).lureType() + "'; both members need the same lure type");
            }
            int first = conditions.indexOf(members.get(0).condition());
            int second = conditions.indexOf(members.get(1).condition());
            if (first < 0 || second < 0 || first == second) {
                return;
            }
            RecognitionStimulus[] ordered = new RecognitionStimulus[2];
            ordered[first] = members.get(0);
            ordered[second] = members.get(1);
            Pair pair = new Pair(pairId, ordered, lureType);
            pairs.add(pair);
            pairOfImage.put(ordered[0].imageId(), pair);
            pairOfImage.put(ordered[1].imageId(), pair);
            if (parameters.lureTypes().isEmpty() || parameters.lureTypes().contains(lureType)) {
                eligible.add(pair);
            }
        });
    }

    /** The other member of an image's pair, or null when the image is not a member of a usable pair. */
    RecognitionStimulus partner(String imageId) {
        Pair pair = pairOfImage.get(imageId);
        if (pair == null) {
            return null;
        }
        return pair.members()[0].imageId().equals(imageId) ? pair.members()[1] : pair.members()[0];
    }

    /** The words for the pairs a design may study, e.g. "pairs with lure_type perceptual or semantic". */
    String eligibleWords(RecognitionParameters parameters) {
        String members = " (one '" + parameters.pairConditions().get(0) + "' and one '"
                + parameters.pairConditions().get(1) + "' member)";
        if (parameters.lureTypes().isEmpty()) {
            return "pairs" + members;
        }
        return "pairs with lure_type " + String.join(" or ", parameters.lureTypes()) + members;
    }
}
