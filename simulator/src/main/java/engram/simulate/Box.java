package engram.simulate;

/**
 * One box in normalized image coordinates (origin top left, fractions of the image's width and height).
 *
 * @param x left edge in [0, 1)
 * @param y top edge in [0, 1)
 * @param width width, &gt; 0, with {@code x + width <= 1}
 * @param height height, &gt; 0, with {@code y + height <= 1}
 */
public record Box(double x, double y, double width, double height) {

    /** @return whether this box satisfies the participant API's rule for a valid box */
    public boolean liesInsideImage() {
        return x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= 1 && y + height <= 1
                && Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height);
    }
}
