package engram.core.design;

import engram.core.random.SplitMix64;

import java.util.Optional;

/**
 * Chooses the positions of the repeated items of one sequence: items 0..targets-1 are target repeats with lag in
 * [targetMinLag, targetMaxLag], items targets..targets+vigilance-1 are vigilance repeats with lag in
 * [vigilanceMinLag, vigilanceMaxLag]; every other position is a filler. A randomized greedy layout (with retries,
 * then a block layout as a fallback for tight designs) is mixed by validity-preserving random swaps, which spreads
 * the showings evenly instead of crowding second showings at the end as the greedy step alone does.
 */
final class Placement {

    /** first[i] and second[i] are the positions of the two showings of item i. */
    record Layout(int[] first, int[] second) {
    }

    static final int GREEDY_ATTEMPTS = 200;
    static final int SWAPS_PER_POSITION = 40;

    private final int length;
    private final int targets;
    private final int vigilance;
    private final int[] minLag;
    private final int[] maxLag;

    Placement(int length, int targets, int targetMinLag, int targetMaxLag,
              int vigilance, int vigilanceMinLag, int vigilanceMaxLag) {
        this.length = length;
        this.targets = targets;
        this.vigilance = vigilance;
        this.minLag = new int[targets + vigilance];
        this.maxLag = new int[targets + vigilance];
        for (int item = 0; item < targets + vigilance; item++) {
            boolean target = item < targets;
            minLag[item] = target ? targetMinLag : vigilanceMinLag;
            maxLag[item] = Math.min(target ? targetMaxLag : vigilanceMaxLag, length - 1);
        }
    }

    /** A layout, or empty when neither the random attempts nor the block layout found one. */
    Optional<Layout> place(SplitMix64 random) {
        for (int attempt = 0; attempt < GREEDY_ATTEMPTS; attempt++) {
            Layout layout = greedy(random);
            if (layout != null) {
                shuffleBySwaps(layout, random, SWAPS_PER_POSITION * length);
                return Optional.of(layout);
            }
        }
        return blockLayout(random);
    }

    /** The fallback alone: the block layout mixed by swaps, or empty when it does not fit. */
    Optional<Layout> blockLayout(SplitMix64 random) {
        Layout layout = blocks();
        if (layout == null) {
            return Optional.empty();
        }
        shuffleBySwaps(layout, random, SWAPS_PER_POSITION * length);
        return Optional.of(layout);
    }

    /** Vigilance items first (narrow windows), then targets, each at a random feasible pair of free positions. */
    private Layout greedy(SplitMix64 random) {
        int items = targets + vigilance;
        int[] first = new int[items];
        int[] second = new int[items];
        boolean[] taken = new boolean[length];
        int[] freeBefore = new int[length + 1];
        int[] candidates = new int[length];
        for (int step = 0; step < items; step++) {
            int item = step < vigilance ? targets + step : step - vigilance;
            for (int i = 0; i < length; i++) {
                freeBefore[i + 1] = freeBefore[i] + (taken[i] ? 0 : 1);
            }
            int count = 0;
            for (int i = 0; i + minLag[item] < length; i++) {
                if (!taken[i] && freeIn(freeBefore, i + minLag[item], i + maxLag[item]) > 0) {
                    candidates[count++] = i;
                }
            }
            if (count == 0) {
                return null;
            }
            int i = candidates[random.nextInt(count)];
            int from = i + minLag[item];
            int pick = random.nextInt(freeIn(freeBefore, from, i + maxLag[item]));
            int j = from;
            while (taken[j] || pick > 0) {
                if (!taken[j]) {
                    pick--;
                }
                j++;
            }
            first[item] = i;
            second[item] = j;
            taken[i] = true;
            taken[j] = true;
        }
        return new Layout(first, second);
    }

    private int freeIn(int[] freeBefore, int from, int to) {
        int last = Math.min(to, length - 1);
        return from > last ? 0 : freeBefore[last + 1] - freeBefore[from];
    }

    /**
     * Targets in consecutive blocks of k first showings followed, lag g = max(k, minLag) later, by their k
     * second showings; vigilance items then take the earliest free pairs that fit their window.
     */
    private Layout blocks() {
        int items = targets + vigilance;
        int[] first = new int[items];
        int[] second = new int[items];
        boolean[] taken = new boolean[length];
        int placed = 0;
        int start = 0;
        while (placed < targets) {
            int k = Math.min(targets - placed, maxLag[0]);
            int lag = Math.max(k, minLag[0]);
            if (lag > maxLag[0]) {
                return null;
            }
            while (start + lag + k - 1 < length && !blockFree(taken, start, k, lag)) {
                start++;
            }
            if (start + lag + k - 1 >= length) {
                return null;
            }
            for (int n = 0; n < k; n++) {
                first[placed] = start + n;
                second[placed] = start + lag + n;
                taken[start + n] = true;
                taken[start + lag + n] = true;
                placed++;
            }
        }
        for (int item = targets; item < items; item++) {
            boolean found = false;
            for (int i = 0; i < length && !found; i++) {
                for (int j = i + minLag[item]; !taken[i] && j <= Math.min(i + maxLag[item], length - 1); j++) {
                    if (!taken[j]) {
                        first[item] = i;
                        second[item] = j;
                        taken[i] = true;
                        taken[j] = true;
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                return null;
            }
        }
        return new Layout(first, second);
    }

    private static boolean blockFree(boolean[] taken, int start, int k, int lag) {
        for (int n = 0; n < k; n++) {
            if (taken[start + n] || taken[start + lag + n]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Random transpositions of two positions, each kept only when every moved item still has its first showing
     * before its second and its lag in its window; this mixes a regular layout towards a random valid one.
     */
    private void shuffleBySwaps(Layout layout, SplitMix64 random, int proposals) {
        int[] owner = new int[length];
        java.util.Arrays.fill(owner, -1);
        for (int item = 0; item < layout.first().length; item++) {
            owner[layout.first()[item]] = item;
            owner[layout.second()[item]] = item;
        }
        for (int n = 0; n < proposals; n++) {
            int p = random.nextInt(length);
            int q = random.nextInt(length);
            int a = owner[p];
            int b = owner[q];
            if (p == q || a == b) {
                continue;
            }
            move(layout, a, p, q);
            move(layout, b, q, p);
            if (fits(layout, a) && fits(layout, b)) {
                owner[p] = b;
                owner[q] = a;
            } else {
                move(layout, a, q, p);
                move(layout, b, p, q);
            }
        }
    }

    private static void move(Layout layout, int item, int from, int to) {
        if (item < 0) {
            return;
        }
        if (layout.first()[item] == from) {
            layout.first()[item] = to;
        } else {
            layout.second()[item] = to;
        }
    }

    private boolean fits(Layout layout, int item) {
        if (item < 0) {
            return true;
        }
        int lag = layout.second()[item] - layout.first()[item];
        return lag >= minLag[item] && lag <= maxLag[item];
    }
}
