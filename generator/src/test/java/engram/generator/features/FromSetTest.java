package engram.generator.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import engram.generator.StimulusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stimulus set's manifest is read with engram-core's manifest reader: its rules and its named problems. */
class FromSetTest {

    @TempDir
    Path dir;

    private static final String HEADER = "image_id,file,pair_id,condition,category\n";

    @Test
    void readsImagesInManifestOrderWithTheirCondition() throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/b.png"), new byte[] {1});
        Files.write(dir.resolve("images/a.png"), new byte[] {2});
        Files.writeString(dir.resolve("manifest.csv"), HEADER + "b,images/b.png,,foil,\"two\nlines\"\na,images/a.png,,high,x\n");
        List<FeatureExtraction.Source> sources = FeatureExtraction.fromSet(dir);
        assertEquals(List.of("b", "a"), sources.stream().map(FeatureExtraction.Source::id).toList());
        assertEquals(List.of("foil", "high"), sources.stream().map(FeatureExtraction.Source::condition).toList());
    }

    @Test
    void manifestProblemsNameFileLineAndColumn() throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/a.png"), new byte[] {1});
        Files.writeString(dir.resolve("manifest.csv"), HEADER + "a,images/a.png,,foil,x\na,images/a.png,,foil,x\n");
        StimulusException e = assertThrows(StimulusException.class, () -> FeatureExtraction.fromSet(dir));
        assertEquals(dir.resolve("manifest.csv") + " line 3, column image_id: image_id 'a' is a duplicate (lines 2 and 3)",
            e.getMessage());
        Files.writeString(dir.resolve("manifest.csv"), HEADER + "a,images/missing.png,,foil,x\n");
        e = assertThrows(StimulusException.class, () -> FeatureExtraction.fromSet(dir));
        assertTrue(e.getMessage().contains("manifest.csv, line 2, column file: image file 'images/missing.png' not found"),
            e.getMessage());
    }
}
