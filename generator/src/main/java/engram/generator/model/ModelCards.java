package engram.generator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import engram.generator.StimulusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Reads and checks model cards ({@code x.onnx} → {@code x.card.json}). */
public final class ModelCards {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCards() {
    }

    /** The card path that belongs to an .onnx file: {@code model.onnx} → {@code model.card.json}. */
    public static Path cardPathFor(Path onnxFile) {
        String file = onnxFile.getFileName().toString();
        String stem = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
        return onnxFile.resolveSibling(stem + ".card.json");
    }

    /** Reads and validates a card; errors name the file and the field. */
    public static ModelCard read(Path cardFile) {
        ModelCard card;
        try {
            card = JSON.readValue(Files.readString(cardFile), ModelCard.class);
        } catch (NoSuchFileException e) {
            throw new StimulusException("model card " + cardFile + ": file not found (every .onnx needs a .card.json beside it)");
        } catch (UnrecognizedPropertyException e) {
            throw new StimulusException("model card " + cardFile + ": unknown field '" + e.getPropertyName()
                    + "' at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (JsonProcessingException e) {
            throw new StimulusException("model card " + cardFile + ": invalid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ", column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StimulusException("model card " + cardFile + ": cannot read: " + e.getMessage(), e);
        }
        validate(card, cardFile);
        return card;
    }

    /** Writes a card as indented JSON. */
    public static String toJson(ModelCard card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the fields that the card's role needs. */
    public static void validate(ModelCard card, Path cardFile) {
        String where = "model card " + cardFile + ": ";
        if (card == null) {
            throw new StimulusException(where + "empty file");
        }
        if (card.role() == null) {
            throw new StimulusException(where + "field 'role' is required");
        }
        require(card.inputs() != null && !card.inputs().isEmpty(), where + "field 'inputs' needs at least one input");
        require(card.outputs() != null && !card.outputs().isEmpty(), where + "field 'outputs' needs at least one output");
        checkSpecs(card.inputs(), "inputs", Set.of("latent", "condition", "image"), where);
        checkSpecs(card.outputs(), "outputs", Set.of("image", "score", "vms_map", "features", "logits", "probabilities"), where);
        switch (card.role()) {
            case GENERATOR -> validateGenerator(card, where);
            case SCORE_PREDICTOR -> {
                validateImageInput(card, where);
                require(card.output("score") != null, where + "a score-predictor needs an output of kind 'score'");
            }
            case VMS_PREDICTOR -> {
                validateImageInput(card, where);
                require(card.output("vms_map") != null, where + "a vms-predictor needs an output of kind 'vms_map'");
            }
            case FEATURE_EXTRACTOR -> {
                validateImageInput(card, where);
                require(card.output("features") != null, where + "a feature-extractor needs an output of kind 'features'");
            }
            case CLASSIFIER -> {
                validateImageInput(card, where);
                require(card.output("logits") != null || card.output("probabilities") != null,
                        where + "a classifier needs an output of kind 'logits' or 'probabilities'");
            }
        }
        if (card.outputScaling() != null && card.outputScaling().activation() != null) {
            require(Set.of("none", "sigmoid", "softmax").contains(card.outputScaling().activation()),
                    where + "field 'outputScaling.activation' must be none, sigmoid or softmax, not '"
                            + card.outputScaling().activation() + "'");
        }
    }

    private static void validateGenerator(ModelCard card, String where) {
        ModelCard.TensorSpec latent = card.input("latent");
        require(latent != null, where + "a generator needs an input of kind 'latent'");
        require(latent.shape().size() == 2, where + "latent input '" + latent.name() + "' must have shape [-1, size]");
        long size = latent.shape().get(1);
        require(card.latentSize() == null || card.latentSize() == size,
                where + "field 'latentSize' is " + card.latentSize() + " but input '" + latent.name() + "' has size " + size);
        require(card.output("image") != null, where + "a generator needs an output of kind 'image'");
        List<Long> out = card.output("image").shape();
        require(out.size() == 4, where + "image output must have rank 4 (NCHW or NHWC), got " + out);
        ModelCard.TensorSpec conditionInput = card.input("condition");
        ModelCard.Condition condition = card.condition();
        if (conditionInput != null) {
            require(condition != null, where + "input '" + conditionInput.name() + "' is a condition: field 'condition' is required");
            require("map".equals(condition.type()) || "scalar".equals(condition.type()),
                    where + "field 'condition.type' must be 'map' or 'scalar', not '" + condition.type() + "'");
            if ("map".equals(condition.type())) {
                require(condition.grid() != null && condition.grid() > 0, where + "field 'condition.grid' is required for a map condition");
                int g = condition.grid();
                require(conditionInput.shape().equals(List.of(-1L, 1L, (long) g, (long) g)),
                        where + "condition input '" + conditionInput.name() + "' must have shape [-1, 1, " + g + ", " + g
                                + "] for a " + g + "×" + g + " map, got " + conditionInput.shape());
            } else {
                require(conditionInput.shape().equals(List.of(-1L, 1L)),
                        where + "scalar condition input '" + conditionInput.name() + "' must have shape [-1, 1], got "
                                + conditionInput.shape());
            }
        }
        if (card.imageOutput() != null && card.imageOutput().range() != null) {
            require(card.imageOutput().range().size() == 2, where + "field 'imageOutput.range' must be [min, max]");
        }
    }

    private static void validateImageInput(ModelCard card, String where) {
        ModelCard.TensorSpec image = card.input("image");
        require(image != null, where + "a " + card.role().json() + " needs an input of kind 'image'");
        require(image.shape().size() == 4, where + "image input '" + image.name() + "' must have rank 4, got " + image.shape());
        ModelCard.Preprocessing p = card.preprocessing();
        require(p != null, where + "field 'preprocessing' is required for an image-input model");
        require(p.size() != null && p.size().size() == 2, where + "field 'preprocessing.size' must be [height, width]");
        if (p.crop() != null) {
            require(Set.of("none", "center", "ten-crop").contains(p.crop()),
                    where + "field 'preprocessing.crop' must be none, center or ten-crop, not '" + p.crop() + "'");
        }
        if (p.resize() != null) {
            require(Set.of("none", "stretch", "shorter-side").contains(p.resize()),
                    where + "field 'preprocessing.resize' must be none, stretch or shorter-side, not '" + p.resize() + "'");
        }
        if (p.channelOrder() != null) {
            require(Set.of("RGB", "BGR").contains(p.channelOrder()), where + "field 'preprocessing.channelOrder' must be RGB or BGR");
        }
        if (p.layout() != null) {
            require(Set.of("NCHW", "NHWC").contains(p.layout()), where + "field 'preprocessing.layout' must be NCHW or NHWC");
        }
        require(p.mean() == null || p.mean().size() == 3, where + "field 'preprocessing.mean' needs 3 values");
        require(p.std() == null || p.std().size() == 3, where + "field 'preprocessing.std' needs 3 values");
        boolean nhwc = "NHWC".equals(p.layout());
        long h = image.shape().get(nhwc ? 1 : 2);
        long w = image.shape().get(nhwc ? 2 : 3);
        require((h < 0 || h == p.size().get(0)) && (w < 0 || w == p.size().get(1)),
                where + "field 'preprocessing.size' " + p.size() + " does not match input '" + image.name() + "' shape " + image.shape());
    }

    private static void checkSpecs(List<ModelCard.TensorSpec> specs, String field, Set<String> kinds, String where) {
        for (int i = 0; i < specs.size(); i++) {
            ModelCard.TensorSpec s = specs.get(i);
            String at = where + "field '" + field + "[" + i + "]' ";
            require(s.name() != null && !s.name().isBlank(), at + "needs a 'name'");
            require(s.kind() != null && kinds.contains(s.kind()), at + "has kind '" + s.kind() + "', expected one of " + kinds);
            require(s.shape() != null && !s.shape().isEmpty(), at + "needs a 'shape'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new StimulusException(message);
        }
    }
}
