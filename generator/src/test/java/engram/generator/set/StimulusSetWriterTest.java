package engram.generator.set;

import engram.core.format.ManifestRow;
import engram.core.format.ManifestWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.StimulusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StimulusSetWriterTest {
    @TempDir
    Path dir;

    private static final ManifestRow ROW = StimulusSetWriter.row("x", "images/x.png", "", "foil", "a,b", Double.NaN, 3L, Map.of());

    @Test
    void abandonedSetLeavesNothing() throws IOException {
        Path out = dir.resolve("set");
        try (StimulusSetWriter writer = StimulusSetWriter.create(out, false)) {
            writer.write("images/x.png", new byte[] {1});
        }
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void nonEmptyTargetNeedsOverwrite() throws IOException {
        Path out = Files.createDirectories(dir.resolve("set"));
        Files.writeString(out.resolve("keep.txt"), "old");
        StimulusException e = assertThrows(StimulusException.class, () -> StimulusSetWriter.create(out, false));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("`overwrite`"), e.getMessage());
        try (StimulusSetWriter writer = StimulusSetWriter.create(out, true)) {
            writer.write("images/x.png", new byte[] {1});
            writer.commit(List.of(ROW), Map.of("mode", "test"));
        }
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("manifest.csv")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count());
        }
    }

    @Test
    void csvQuotesCellsWithCommasAndLeavesMissingScoresEmpty() {
        String csv = ManifestWriter.csv(List.of(ROW));
        assertEquals("image_id,file,pair_id,condition,category,predicted_memorability,seed\nx,images/x.png,,foil,\"a,b\",,3\n", csv);
    }
}
