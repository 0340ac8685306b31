package engram.generator.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.Fixtures;
import engram.generator.StimulusException;
import engram.generator.TestModels;
import engram.generator.model.ImageModel;
import engram.generator.model.InferenceDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringTest {
    static ImageModel predictor;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        predictor = ImageModel.load(TestModels.predictor(), InferenceDevice.CPU);
    }

    @AfterAll
    static void close() {
        predictor.close();
    }

    @Test
    void scoresEveryImageAndWritesHeatmaps() throws IOException {
        Path images = Fixtures.database(dir.resolve("in"), List.of("a", "b"), 3);
        Scoring.withPredictor(predictor).score(images).writeTo(dir.resolve("out"), false);
        List<String> lines = Files.readAllLines(dir.resolve("out/manifest.csv"));
        assertEquals("image_id,file,pair_id,condition,category,predicted_memorability,seed,source,heatmap,vms_mean", lines.get(0));
        assertEquals(7, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals("a", first[4]);
        assertTrue(Files.size(dir.resolve("out").resolve(first[8])) > 0);
        assertArraysEqual(Files.readAllBytes(images.resolve(first[7])), Files.readAllBytes(dir.resolve("out").resolve(first[1])));
        double score = Double.parseDouble(first[5]);
        assertTrue(score > 0 && score < 1);
    }

    @Test
    void generationJsonRecordsModeSoftwarePredictorParametersReportAndNotes() throws IOException {
        Path images = Fixtures.database(dir.resolve("in3"), List.of("a"), 2);
        Scoring.withPredictor(predictor).withNote("command", "engram generate score").score(images)
                .writeTo(dir.resolve("out3"), false);
        String json = Files.readString(dir.resolve("out3/generation.json"));
        for (String part : List.of("\"mode\" : \"score\"", "\"name\" : \"engram-generator\"", "\"use\" : \"predictor\"",
                "\"sha256\" : \"" + predictor.model().sha256() + "\"", "\"images\" : 2", "\"device\" : \"cpu\"",
                "\"source\" : \"" + images + "\"", "\"predictedScores\"", "\"n\" : 2",
                "\"command\" : \"engram generate score\"")) {
            assertTrue(json.contains(part), part + " in " + json);
        }
    }

    @Test
    void emptyFolderIsNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("nothing"));
        StimulusException e = assertThrows(StimulusException.class, () -> Scoring.withPredictor(predictor).score(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("no images"), e.getMessage());
    }

    @Test
    void corruptImageIsNamedAndNothingIsWritten() throws IOException {
        Path images = Fixtures.database(dir.resolve("in2"), List.of("a"), 2);
        Path bad = images.resolve("a/zz_broken.jpg");
        Files.writeString(bad, "not a jpeg");
        Path out = dir.resolve("out2");
        StimulusException e = assertThrows(StimulusException.class,
                () -> Scoring.withPredictor(predictor).score(images).writeTo(out, false));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    private static void assertArraysEqual(byte[] a, byte[] b) {
        assertTrue(java.util.Arrays.equals(a, b), "copied image differs from its source");
    }
}
