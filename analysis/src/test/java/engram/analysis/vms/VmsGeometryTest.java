package engram.analysis.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact union-of-rectangles coverage. */
class VmsGeometryTest {
    @Test
    void unionOfOverlappingBoxesCountsTheOverlapOnce() {
        double[] x0 = {0.0, 0.25};
        double[] y0 = {0.0, 0.25};
        double[] x1 = {0.5, 0.75};
        double[] y1 = {0.5, 0.75};
        // 0.25 + 0.25 − 0.0625 overlap
        assertEquals(0.4375, RectangleUnion.area(x0, y0, x1, y1, 2, 0, 0, 1, 1), 1e-15);
        // clipped to the top-left quarter: the first box covers it wholly
        assertEquals(0.25, RectangleUnion.area(x0, y0, x1, y1, 2, 0, 0, 0.5, 0.5), 1e-15);
    }

    @Test
    void nestedAndDisjointBoxes() {
        double[] x0 = {0.1, 0.2, 0.8};
        double[] y0 = {0.1, 0.2, 0.8};
        double[] x1 = {0.5, 0.3, 0.9};
        double[] y1 = {0.5, 0.3, 0.9};
        assertEquals(0.16 + 0.01, RectangleUnion.area(x0, y0, x1, y1, 3, 0, 0, 1, 1), 1e-12);
    }

    @Test
    void cellFractionsSumToTheBoxArea() {
        double[] cover = new double[100];
        double[] x0 = {0.05, 0.3};
        double[] y0 = {0.05, 0.1};
        double[] x1 = {0.35, 0.62};
        double[] y1 = {0.27, 0.9};
        VmsMaps.cover(x0, y0, x1, y1, 2, 10, cover);
        double sum = 0;
        for (double v : cover) {
            sum += v / 100;
        }
        double union = RectangleUnion.area(x0, y0, x1, y1, 2, 0, 0, 1, 1);
        assertEquals(union, sum, 1e-12);
        // cell (row 0, col 0) is covered from 0.05 to 0.1 in both directions: a quarter
        assertEquals(0.25, cover[0], 1e-12);
        // cell (row 1, col 3) lies inside the union
        assertEquals(1.0, cover[13], 1e-12);
    }
}
