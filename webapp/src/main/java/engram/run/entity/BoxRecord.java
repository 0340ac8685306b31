package engram.run.entity;

/** A box as the page sends it: fractions of the image's width and height ({@code -0.0} is kept as {@code 0.0}). */
public record BoxRecord(double x, double y, double width, double height) {

    public BoxRecord {
        x = TrialRecord.unsignedZero(x);
        y = TrialRecord.unsignedZero(y);
        width = TrialRecord.unsignedZero(width);
        height = TrialRecord.unsignedZero(height);
    }

    private static final double EPSILON = 1e-9;

    public boolean isInsideUnitSquareWithArea() {
        return finite() && x >= 0 && y >= 0 && width > 0 && height > 0
                && x + width <= 1 + EPSILON && y + height <= 1 + EPSILON;
    }

    private boolean finite() {
        return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height);
    }
}
