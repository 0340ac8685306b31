package engram.core.design;

import engram.core.random.SplitMix64;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Up-front arithmetic checks of a design against a stimulus pool, and the wording of placement failures. */
final class Feasibility {

    private Feasibility() {
    }

    static List<String> check(DesignParameters p, StimulusPool pool) {
        List<String> reasons = new ArrayList<>();
        int repeats = p.repeats();
        int vigilance = p.vigilanceRepeats();
        if (repeats > 0 && p.targetConditions().size() != 2) {
            reasons.add("conditions: targetConditions must name exactly 2 conditions, one for each member of a "
                    + "pair, but it is " + p.targetConditions());
        }
        for (String condition : p.fillerConditions()) {
            if (p.targetConditions().contains(condition)) {
                reasons.add("conditions: '" + condition + "' is both a target and a filler condition");
            }
        }
        int used = 2 * repeats + 2 * vigilance;
        if (used > p.length()) {
            reasons.add("length: " + repeats + "×2 target + " + vigilance + "×2 vigilance positions = " + used
                    + " exceed the length of " + p.length() + " positions");
        }
        lagReasons("lag", "repeats", repeats, p.minLag(), p.maxLag(), p.length(), reasons);
        lagReasons("vigilance lag", "vigilance repeats", vigilance, p.vigilanceMinLag(), p.vigilanceMaxLag(),
                p.length(), reasons);
        int pairs = pool.targetPairs.size();
        if (repeats > pairs && p.targetConditions().size() == 2) {
            reasons.add("repeats: " + repeats + " repeated targets per sequence need " + repeats
                    + " pairs (one member each), but the manifest has " + pairs + " pairs with one '"
                    + p.targetConditions().get(0) + "' and one '" + p.targetConditions().get(1) + "' member");
        }
        int fillers = p.fillersPerSequence();
        if (fillers >= 0) {
            int needed = fillers + vigilance;
            int available = pool.fillerGroupsPerSequence(repeats);
            if (available < needed) {
                Set<String> conditions = new LinkedHashSet<>(p.fillerConditions());
                conditions.addAll(p.targetConditions());
                reasons.add("fillers: " + p.length() + " positions need " + repeats + "×2 target + " + vigilance
                        + "×2 vigilance + " + fillers + " filler positions, i.e. " + needed
                        + " distinct filler and vigilance images per sequence, but only " + available
                        + " are available (one image from each pair or unpaired image in a condition of "
                        + conditions + ", leaving out the " + Math.min(repeats, pairs)
                        + " pairs used as targets)");
            }
            long total = (long) needed * p.sequences();
            if (!p.allowRepeatedFillers() && total > pool.fillerEligibleImages()) {
                reasons.add("fillers: allowRepeatedFillers is false, so " + p.sequences() + " sequences × "
                        + needed + " filler and vigilance images need " + total + " distinct images, but only "
                        + pool.fillerEligibleImages() + " images are eligible");
            }
        }
        return reasons;
    }

    /**
     * A repeat with lag >= a needs its first showing at index <= length-1-a, and two showings take two positions,
     * so at most min(floor(length/2), length-a) repeats fit (and that many do fit when the window allows).
     */
    static int mostRepeats(int length, int minLag) {
        return Math.max(0, Math.min(length / 2, length - minLag));
    }

    private static void lagReasons(String constraint, String what, int count, int minLag, int maxLag, int length,
                                   List<String> reasons) {
        if (count == 0) {
            return;
        }
        int longest = length - 1;
        if (minLag > Math.min(maxLag, longest)) {
            reasons.add(maxLag < longest
                    ? constraint + ": minLag " + minLag + " is larger than maxLag " + maxLag
                    : constraint + ": minLag " + minLag + " is larger than the longest possible lag " + longest
                    + " in " + length + " positions");
            return;
        }
        int most = mostRepeats(length, minLag);
        if (count > most) {
            reasons.add(constraint + ": minLag " + minLag + " with length " + length + " leaves no room for "
                    + count + " " + what + " (at most " + most + " fit)");
        }
    }

    static String placementFailure(DesignParameters p, int sequenceId) {
        int repeats = p.repeats();
        int vigilance = p.vigilanceRepeats();
        String what = "placement: sequence " + sequenceId + ": no arrangement of " + repeats
                + " target repeats (lag " + p.minLag() + ".." + p.effectiveMaxLag() + ") and " + vigilance
                + " vigilance repeats (lag " + p.vigilanceMinLag() + ".." + p.effectiveVigilanceMaxLag() + ") in "
                + p.length() + " positions was found in " + Placement.GREEDY_ATTEMPTS
                + " random attempts and a block layout (seed " + p.seed() + "); ";
        SplitMix64 probe = new SplitMix64(p.seed());
        boolean targetsAlone = new Placement(p.length(), repeats, p.minLag(), p.effectiveMaxLag(), 0, 1, 1)
                .place(probe).isPresent();
        if (!targetsAlone) {
            return what + "the binding constraint is the target lag window " + p.minLag() + ".."
                    + p.effectiveMaxLag() + " for " + repeats + " repeats in " + p.length() + " positions";
        }
        boolean vigilanceAlone = new Placement(p.length(), 0, 1, 1, vigilance, p.vigilanceMinLag(),
                p.effectiveVigilanceMaxLag()).place(probe).isPresent();
        if (!vigilanceAlone) {
            return what + "the binding constraint is the vigilance lag window " + p.vigilanceMinLag() + ".."
                    + p.effectiveVigilanceMaxLag() + " for " + vigilance + " repeats in " + p.length()
                    + " positions";
        }
        return what + "the targets and the vigilance repeats fit separately but not together; "
                + "shorten the lags, add positions or drop repeats";
    }
}
