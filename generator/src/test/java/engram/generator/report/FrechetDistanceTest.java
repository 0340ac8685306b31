package engram.generator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
    /** Reference: numpy/scipy (np.cov, scipy.linalg.sqrtm) run here; tolerance 1e-9. */
    @Test
    void matchesScipy() {
        List<float[]> x = List.of(new float[] {0.1f, 0.5f, -0.3f}, new float[] {0.4f, 0.2f, 0.0f}, new float[] {-0.2f, 0.9f, 0.3f},
                new float[] {0.3f, -0.1f, 0.5f}, new float[] {0.0f, 0.4f, 0.1f});
        List<float[]> y = List.of(new float[] {0.5f, 0.1f, 0.2f}, new float[] {0.9f, -0.3f, 0.1f}, new float[] {0.2f, 0.2f, 0.6f},
                new float[] {0.7f, 0.0f, -0.1f});
        // float inputs: the reference used doubles, so allow float rounding (1e-6)
        assertEquals(0.43525215814994084, FrechetDistance.between(x, y), 1e-6);
    }

    @Test
    void identicalSetsHaveZeroDistance() {
        List<float[]> x = List.of(new float[] {1, 2}, new float[] {3, 1}, new float[] {0, 5});
        assertEquals(0, FrechetDistance.between(x, x), 1e-9);
    }
}
