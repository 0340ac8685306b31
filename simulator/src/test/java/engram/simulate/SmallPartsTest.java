package engram.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Latency summary, retry policy, CSV and manifest reading. */
class SmallPartsTest {

    @Test
    void percentilesUseTheNearestRank() {
        // numpy.percentile(x, [50, 90, 99], method="inverted_cdf") gives the same values for these samples
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[99 - i] = i + 1;
        }
        LatencySummary summary = LatencySummary.of(hundred);
        assertEquals(new LatencySummary(100, 50, 90, 99, 100, 50.5), summary);
        assertEquals(100, hundred[0], "the samples are not sorted in place");
        LatencySummary ten = LatencySummary.of(new double[]{10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertEquals(5, ten.p50());
        assertEquals(9, ten.p90());
        assertEquals(10, ten.p99());
        assertTrue(Double.isNaN(LatencySummary.of(new double[0]).p50()));
    }

    @Test
    void backoffDoublesFromTheStartWithJitterUpToTheCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        SplittableRandom jitter = new SplittableRandom(1);
        for (int retry = 0; retry < 12; retry++) {
            double base = Math.min(15_000, 500 * Math.pow(2, retry));
            for (int draw = 0; draw < 200; draw++) {
                long delay = policy.delayMillis(retry, jitter);
                assertTrue(delay >= Math.round(0.75 * base) && delay <= Math.min(15_000, Math.round(1.25 * base)),
                        "retry " + retry + ": " + delay);
            }
        }
        assertEquals(policy.delayMillis(3, new SplittableRandom(4)), policy.delayMillis(3, new SplittableRandom(4)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
    }

    @Test
    void manifestMapsImagesToConditions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("manifest.csv");
        Files.writeString(file, "\uFEFFimage_id,sha256,condition\nimg_1,ab,high\n\n\"img,2\",cd,low\nimg_1,ab,high\n");
        assertEquals(Map.of("img_1", "high", "img,2", "low"), Manifest.read(file));
    }

    @Test
    void manifestCellsMayHoldQuotedLineBreaks(@TempDir Path dir) throws Exception {
        // The simulator's old line-by-line parser broke here: a quoted line break inside a category.
        Path file = dir.resolve("manifest.csv");
        Files.writeString(file, "image_id,category,condition\nimg_1,\"two\nlines\",high\n\"img,\"\"2\"\"\",x,low\nimg_3,y,foil\n");
        assertEquals(List.of("img_1", "img,\"2\"", "img_3"), List.copyOf(Manifest.read(file).keySet()));
        assertEquals("foil", Manifest.read(file).get("img_3"));
        assertManifestError(dir, "image_id,category,condition\nimg_1,\"two\nlines\",high\nimg_2,x,\n",
                ", line 4, column condition: empty");
    }

    @Test
    void manifestErrorsNameTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        assertManifestError(dir, "image,condition\na,b\n", ", line 1: header must have columns image_id and condition");
        assertManifestError(dir, "image_id,condition\na,high\nb,\n", ", line 3, column condition: empty");
        assertManifestError(dir, "image_id,condition\n,high\n", ", line 2, column image_id: empty");
        assertManifestError(dir, "image_id,condition\na,high,extra\n", ", line 2: expected 2 fields but found 3");
        assertManifestError(dir, "image_id,condition\na,high\na,low\n", ", line 3, column condition: image a already");
        assertManifestError(dir, "image_id,condition\na,\"high\n", ", line 2: unterminated quoted field");
        assertManifestError(dir, "", "the file is empty");
    }

    private static void assertManifestError(Path dir, String content, String expected) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifest.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
