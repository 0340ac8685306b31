package engram.analysis.io;

/**
 * The VMS boxes of boxes.csv, each tied to the responses row of its trial, sorted by that row.
 * Coordinates are fractions of the image's width and height, origin top left.
 */
public final class Boxes {
    private final int[] row;
    private final double[] x;
    private final double[] y;
    private final double[] width;
    private final double[] height;

    Boxes(int[] row, double[] x, double[] y, double[] width, double[] height) {
        this.row = row;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    /** @return the number of boxes */
    public int size() {
        return row.length;
    }

    /** @return the responses row of the box's trial; boxes are sorted by it */
    public int row(int i) {
        return row[i];
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double width(int i) {
        return width[i];
    }

    public double height(int i) {
        return height[i];
    }
}
