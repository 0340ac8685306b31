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
}
