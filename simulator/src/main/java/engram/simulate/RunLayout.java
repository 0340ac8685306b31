package engram.simulate;

import java.util.List;

/**
 * The parts of a started run that shape a synthetic participant's behaviour.
 *
 * @param displayMs image display time
 * @param isiMs inter-stimulus interval
 * @param minBoxes fewest boxes a responded trial needs
 * @param maxBoxes most boxes a responded trial may have
 * @param imageIds image id at each position, in order
 */
public record RunLayout(int displayMs, int isiMs, int minBoxes, int maxBoxes, List<String> imageIds) {

    public RunLayout {
        imageIds = List.copyOf(imageIds);
        if (displayMs <= 0 || isiMs < 0) {
            throw new IllegalArgumentException("displayMs must be > 0 and isiMs >= 0, got " + displayMs + ", " + isiMs);
        }
        if (minBoxes < 0 || maxBoxes < Math.max(1, minBoxes)) {
            throw new IllegalArgumentException("need 0 <= minBoxes <= maxBoxes and maxBoxes >= 1, got "
                    + minBoxes + ", " + maxBoxes);
        }
    }
}
