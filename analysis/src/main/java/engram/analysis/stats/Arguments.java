package engram.analysis.stats;

/** Argument checks shared by the tests of this package. */
final class Arguments {
    private Arguments() {
    }

    static void checkPaired(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                "paired samples differ in length: " + x.length + " != " + y.length);
        }
        checkFinite(x, "x");
        checkFinite(y, "y");
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static void checkFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + values[i]);
            }
        }
    }

    static void checkGroups(double[][] groups, int min) {
        if (groups == null || groups.length < min) {
            throw new IllegalArgumentException("need at least " + min + " groups");
        }
        for (int g = 0; g < groups.length; g++) {
            if (groups[g] == null || groups[g].length == 0) {
                throw new IllegalArgumentException("group " + g + " is empty");
            }
            checkFinite(groups[g], "group " + g);
        }
    }

    /**
     * Checks a subjects × treatments table.
     *
     * @return the number of treatments (columns)
     */
    static int checkTable(double[][] data, int minRows, int minColumns) {
        if (data == null || data.length < minRows) {
            throw new IllegalArgumentException("need at least " + minRows + " subjects (rows), got "
                + (data == null ? 0 : data.length));
        }
        int k = data[0] == null ? 0 : data[0].length;
        if (k < minColumns) {
            throw new IllegalArgumentException("need at least " + minColumns + " treatments (columns), got " + k);
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] == null || data[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + (data[i] == null ? 0 : data[i].length)
                    + " values, row 0 has " + k);
            }
            checkFinite(data[i], "row " + i);
        }
        return k;
    }
}
