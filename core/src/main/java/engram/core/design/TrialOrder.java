package engram.core.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import engram.core.random.SplitMix64;

/**
 * Orders the trials of one phase at random under two rules: at most {@code maxRun} in a row show an image of the same
 * condition, and a lure never comes right after the target of its own pair. Random greedy attempts first, then a
 * greedy pass that always takes the condition with the most trials left (which keeps the run rule whenever the
 * counts allow it).
 */
final class TrialOrder {

    /** One trial to place: its condition, its pair (null for a foil) and whether it shows a target or a lure. */
    record Item(String condition, String pairId, boolean target, boolean lure, Object payload) {
    }

    static final int RANDOM_ATTEMPTS = 200;

    private TrialOrder() {
    }

    /**
     * The reason the counts alone rule out the run rule, or null: a condition with c of n trials needs the other
     * n - c trials to split it into runs of at most maxRun, so c &lt;= maxRun * (n - c + 1).
     */
    static String runInfeasible(List<Item> items, int maxRun) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Item item : items) {
            counts.merge(String.valueOf(item.condition()), 1, Integer::sum);
        }
        for (var entry : counts.entrySet()) {
            int c = entry.getValue();
            int others = items.size() - c;
            if ((long) c > (long) maxRun * (others + 1)) {
                return c + " of its " + items.size() + " trials show '" + entry.getKey() + "' images, too many for "
                        + "at most " + maxRun + " in a row of one condition (the other " + others + " trials can "
                        + "separate at most " + maxRun * (others + 1) + ")";
            }
        }
        return null;
    }

    static Optional<List<Item>> order(List<Item> items, int maxRun, SplitMix64 random) {
        for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
            Optional<List<Item>> found = attempt(items, maxRun, random, false);
            if (found.isPresent()) {
                return found;
            }
        }
        return attempt(items, maxRun, random, true);
    }

    private static Optional<List<Item>> attempt(List<Item> items, int maxRun, SplitMix64 random, boolean greedy) {
        List<Item> left = new ArrayList<>(items);
        random.shuffle(left);
        List<Item> placed = new ArrayList<>(items.size());
        while (!left.isEmpty()) {
            List<Integer> allowed = new ArrayList<>();
            for (int i = 0; i < left.size(); i++) {
                if (allowed(placed, left.get(i), maxRun)) {
                    allowed.add(i);
                }
            }
            if (allowed.isEmpty()) {
                return Optional.empty();
            }
            int pick;
            if (greedy) {
                pick = allowed.get(0);
                int most = -1;
                for (int i : allowed) {
                    int count = count(left, left.get(i).condition());
                    if (count > most) {
                        most = count;
                        pick = i;
                    }
                }
            } else {
                pick = allowed.get(random.nextInt(allowed.size()));
            }
            placed.add(left.remove(pick));
        }
        return Optional.of(placed);
    }

    private static int count(List<Item> items, String condition) {
        int count = 0;
        for (Item item : items) {
            if (Objects.equals(item.condition(), condition)) {
                count++;
            }
        }
        return count;
    }

    static boolean allowed(List<Item> placed, Item next, int maxRun) {
        if (placed.isEmpty()) {
            return true;
        }
        Item last = placed.get(placed.size() - 1);
        if (next.lure() && last.target() && next.pairId() != null && next.pairId().equals(last.pairId())) {
            return false;
        }
        int run = 0;
        for (int i = placed.size() - 1; i >= 0
                && Objects.equals(placed.get(i).condition(), next.condition()); i--) {
            run++;
        }
        return run < maxRun;
    }
}
