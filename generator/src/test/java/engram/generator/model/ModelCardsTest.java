package engram.generator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.StimulusException;
import engram.generator.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCardsTest {
    @TempDir
    Path dir;

    @Test
    void demoCardsAreValid() {
        ModelCard generator = ModelCards.read(ModelCards.cardPathFor(TestModels.generator()));
        assertEquals(ModelRole.GENERATOR, generator.role());
        assertEquals(32, generator.latentSize());
        ModelCard predictor = ModelCards.read(ModelCards.cardPathFor(TestModels.predictor()));
        assertEquals(ModelRole.VMS_PREDICTOR, predictor.role());
        assertEquals("score", predictor.output("score").kind());
    }

    @Test
    void cardPathSitsBesideTheModel() {
        assertEquals(Path.of("m/resmem.card.json"), ModelCards.cardPathFor(Path.of("m/resmem.onnx")));
    }

    @Test
    void missingCardIsNamed() {
        Path card = dir.resolve("absent.card.json");
        StimulusException e = assertThrows(StimulusException.class, () -> ModelCards.read(card));
        assertTrue(e.getMessage().contains(card.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void invalidJsonGivesLineAndColumn() throws IOException {
        Path card = dir.resolve("bad.card.json");
        Files.writeString(card, "{\n  \"role\": \"generator\",\n  \"inputs\": [ oops ]\n}");
        StimulusException e = assertThrows(StimulusException.class, () -> ModelCards.read(card));
        assertTrue(e.getMessage().contains(card.toString()) && e.getMessage().contains("line 3"), e.getMessage());
    }

    /** Each edit of the demo predictor card breaks one rule; the message names the file and the field. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"role\": \"vms-predictor\"|\"role\": \"painter\"|unknown role 'painter'",
        "\"role\": \"vms-predictor\"|\"role\": \"vms-predictor\", \"colour\": 1|unknown field 'colour'",
        "\"size\": [256, 256]|\"size\": [224, 224]|'preprocessing.size' [224, 224] does not match",
        "\"crop\": \"none\"|\"crop\": \"five-crop\"|'preprocessing.crop' must be none, center or ten-crop",
        "\"kind\": \"vms_map\"|\"kind\": \"heat\"|has kind 'heat'",
        "\"channelOrder\": \"RGB\"|\"channelOrder\": \"GRB\"|'preprocessing.channelOrder' must be RGB or BGR",
    })
    void brokenPredictorCardsAreRejected(String from, String to, String expected) throws IOException {
        Path card = dir.resolve("p.card.json");
        String text = Files.readString(ModelCards.cardPathFor(TestModels.predictor()));
        assertTrue(text.contains(from), "fixture lacks " + from);
        Files.writeString(card, text.replace(from, to));
        StimulusException e = assertThrows(StimulusException.class, () -> ModelCards.read(card));
        assertTrue(e.getMessage().contains(card.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"kind\": \"latent\"|\"kind\": \"condition\"|needs an input of kind 'latent'",
        "\"latentSize\": 32|\"latentSize\": 64|'latentSize' is 64",
        "\"shape\": [-1, 1, 10, 10]|\"shape\": [-1, 1, 8, 8]|must have shape [-1, 1, 10, 10]",
        "\"type\": \"map\"|\"type\": \"vector\"|'condition.type' must be 'map' or 'scalar'",
    })
    void brokenGeneratorCardsAreRejected(String from, String to, String expected) throws IOException {
        Path card = dir.resolve("g.card.json");
        String text = Files.readString(ModelCards.cardPathFor(TestModels.generator()));
        assertTrue(text.contains(from), "fixture lacks " + from);
        Files.writeString(card, text.replace(from, to));
        StimulusException e = assertThrows(StimulusException.class, () -> ModelCards.read(card));
        assertTrue(e.getMessage().contains(card.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
