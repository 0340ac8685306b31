package engram.generator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A model card: the JSON file beside an .onnx file ({@code model.onnx} + {@code model.card.json}) that says
 * how to drive the model, so that exported generators, memorability predictors (ResMem, MemNet, AMNet),
 * VMS-map predictors, feature extractors and classifiers plug in without code changes. See
 * docs/generator.md for the field reference and examples.
 *
 * @param name          display name
 * @param role          what the model does
 * @param description   free text (provenance, licence, "demo model" labels)
 * @param demo          true for the built-in demo models, which are not memorability models
 * @param inputs        model inputs with their kind and shape (-1 = batch or free dimension)
 * @param outputs       model outputs with their kind and shape
 * @param latentSize    generator latent length
 * @param condition     generator condition input: scalar or G×G map
 * @param imageOutput   generator image output: value range, layout, channel order
 * @param preprocessing image-input models: resize, crop, channel order, normalisation
 * @param outputScaling predictors: activation and linear scaling of raw outputs
 * @param labels        classifier class labels (index order)
 * @param labelsFile    or a text file of labels, one per line, relative to the card
 * @param batchSize     preferred inference batch size (optional)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        String name,
        ModelRole role,
        String description,
        Boolean demo,
        List<TensorSpec> inputs,
        List<TensorSpec> outputs,
        Integer latentSize,
        Condition condition,
        ImageOutput imageOutput,
        Preprocessing preprocessing,
        OutputScaling outputScaling,
        List<String> labels,
        String labelsFile,
        Integer batchSize,
        Map<String, String> extra) {

    /**
     * A model input or output.
     *
     * @param name  the ONNX value name
     * @param kind  inputs: latent | condition | image; outputs: image | score | vms_map | features | logits | probabilities
     * @param shape dimensions, -1 for batch/free
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TensorSpec(String name, String kind, List<Long> shape) {
    }

    /**
     * Generator condition.
     *
     * @param type    scalar | map
     * @param grid    G for a G×G map
     * @param low     value (or map intensity) meaning "low memorability"
     * @param high    value (or map intensity) meaning "high memorability"
     * @param neutral value used for foils
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String type, Integer grid, Double low, Double high, Double neutral) {
    }

    /**
     * Generator image output.
     *
     * @param range        [min, max] of the output values, mapped linearly to 0..255
     * @param layout       NCHW | NHWC
     * @param channelOrder RGB | BGR
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageOutput(List<Double> range, String layout, String channelOrder) {
    }

    /**
     * Image preprocessing for image-input models.
     *
     * @param resize       stretch (to size) | shorter-side (to resizeTo, keeps aspect) | none
     * @param resizeTo     shorter-side target before cropping (e.g. 256)
     * @param crop         none | center | ten-crop (corners + centre and their mirror images; outputs averaged)
     * @param size         [H, W] fed to the model
     * @param channelOrder RGB | BGR
     * @param layout       NCHW | NHWC
     * @param pixelScale   pixel values are 0..pixelScale before normalisation (1 or 255)
     * @param mean         per-channel mean subtracted (in the model's channel order and pixel scale)
     * @param std          per-channel std divided by
     * @param meanImage    or a raw little-endian float32 C×H×W mean image file, relative to the card
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preprocessing(String resize, Integer resizeTo, String crop, List<Integer> size, String channelOrder,
                                String layout, Double pixelScale, List<Double> mean, List<Double> std, String meanImage) {
    }

    /**
     * Output scaling: value = offset + scale · activation(raw).
     *
     * @param activation none | sigmoid | softmax
     * @param scale      multiplier (default 1)
     * @param offset     offset (default 0)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutputScaling(String activation, Double scale, Double offset) {
    }

    /** The input of the given kind, or null. */
    public TensorSpec input(String kind) {
        return inputs == null ? null : inputs.stream().filter(t -> kind.equals(t.kind())).findFirst().orElse(null);
    }

    /** The output of the given kind, or null. */
    public TensorSpec output(String kind) {
        return outputs == null ? null : outputs.stream().filter(t -> kind.equals(t.kind())).findFirst().orElse(null);
    }
}
