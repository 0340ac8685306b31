package engram.generator.model;

import engram.generator.image.Preprocessor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image-input model (score or VMS-map predictor, feature extractor, classifier) run in batches: images are
 * preprocessed as the card says, crops of one image (ten-crop) are averaged, and the card's output scaling
 * (value = offset + scale · activation(raw)) is applied to score, vms_map and logits outputs.
 */
public final class ImageModel implements AutoCloseable {
    private final OnnxModel model;
    private final Preprocessor preprocessor;
    private final int batchSize;
    private final List<String> labels;

    public ImageModel(OnnxModel model) {
        this.model = model;
        this.labels = readLabels(model.card(), ModelCards.cardPathFor(model.file()));
        this.preprocessor = new Preprocessor(model.card(), ModelCards.cardPathFor(model.file()));
        this.batchSize = model.card().batchSize() == null ? 16 : Math.max(1, model.card().batchSize());
    }

    public OnnxModel model() {
        return model;
    }

    public ModelCard card() {
        return model.card();
    }

    /** Class labels from the card's {@code labels} or {@code labelsFile} (one per line), or an empty list. */
    public List<String> labels() {
        return labels;
    }

    /** The label of class {@code index}, or the index as text when there are no labels. */
    public String label(int index) {
        return index < labels.size() ? labels.get(index) : Integer.toString(index);
    }

    private static List<String> readLabels(ModelCard card, Path cardFile) {
        if (card.labels() != null) {
            return List.copyOf(card.labels());
        }
        if (card.labelsFile() == null) {
            return List.of();
        }
        Path file = cardFile.resolveSibling(card.labelsFile());
        try {
            return java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (java.io.IOException e) {
            throw new engram.generator.StimulusException("model card " + cardFile + ": field 'labelsFile': cannot read "
                    + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs all images; one map of output name → values per image. */
    public List<Map<String, float[]>> run(List<BufferedImage> images) {
        int crops = preprocessor.cropsPerImage();
        int per = preprocessor.valuesPerCrop();
        String inputName = card().input("image").name();
        List<float[]> flat = new ArrayList<>();
        for (BufferedImage image : images) {
            flat.addAll(preprocessor.tensors(image));
        }
        List<Map<String, float[]>> perCrop = new ArrayList<>();
        int step = Math.max(1, batchSize / crops) * crops;
        for (int start = 0; start < flat.size(); start += step) {
            int n = Math.min(step, flat.size() - start);
            float[] batch = new float[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat.get(start + i), 0, batch, i * per, per);
            }
            Map<String, float[]> out = model.run(n, Map.of(inputName, batch));
            for (int i = 0; i < n; i++) {
                Map<String, float[]> one = new HashMap<>();
                for (Map.Entry<String, float[]> e : out.entrySet()) {
                    int len = e.getValue().length / n;
                    float[] slice = new float[len];
                    System.arraycopy(e.getValue(), i * len, slice, 0, len);
                    one.put(e.getKey(), slice);
                }
                perCrop.add(one);
            }
        }
        List<Map<String, float[]>> result = new ArrayList<>();
        for (int img = 0; img < images.size(); img++) {
            Map<String, float[]> averaged = new HashMap<>();
            for (String key : perCrop.get(img * crops).keySet()) {
                float[] sum = new float[perCrop.get(img * crops).get(key).length];
                for (int c = 0; c < crops; c++) {
                    float[] v = perCrop.get(img * crops + c).get(key);
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] += v[k] / crops;
                    }
                }
                averaged.put(key, scaled(key, sum));
            }
            result.add(averaged);
        }
        return result;
    }

    /** Predicted score of one result, or NaN when the model has no score output (mean of the map then). */
    public double score(Map<String, float[]> result) {
        ModelCard.TensorSpec spec = card().output("score");
        if (spec != null) {
            return result.get(spec.name())[0];
        }
        float[] map = vmsMap(result);
        if (map == null) {
            return Double.NaN;
        }
        double s = 0;
        for (float v : map) {
            s += v;
        }
        return s / map.length;
    }

    /** The VMS map of one result, or null. */
    public float[] vmsMap(Map<String, float[]> result) {
        ModelCard.TensorSpec spec = card().output("vms_map");
        return spec == null ? null : result.get(spec.name());
    }

    /** True when {@link #features} has an output to use. */
    public boolean hasFeatures() {
        return FEATURE_KINDS.stream().anyMatch(k -> card().output(k) != null);
    }

    private static final List<String> FEATURE_KINDS = List.of("features", "logits", "probabilities", "vms_map");

    /** Feature vector of one result (features output, else logits, probabilities or the VMS map). */
    public float[] features(Map<String, float[]> result) {
        for (String kind : FEATURE_KINDS) {
            ModelCard.TensorSpec spec = card().output(kind);
            if (spec != null) {
                return result.get(spec.name());
            }
        }
        throw new IllegalStateException("no feature output");
    }

    /** Indices of the k largest class scores (logits or probabilities output). */
    public int[] topK(Map<String, float[]> result, int k) {
        ModelCard.TensorSpec spec = card().output("logits") != null ? card().output("logits") : card().output("probabilities");
        float[] scores = result.get(spec.name());
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        int[] top = new int[Math.min(k, order.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = order[i];
        }
        return top;
    }

    private float[] scaled(String outputName, float[] raw) {
        ModelCard.OutputScaling scaling = card().outputScaling();
        if (scaling == null) {
            return raw;
        }
        String kind = card().outputs().stream().filter(o -> o.name().equals(outputName)).findFirst().orElseThrow().kind();
        if (!List.of("score", "vms_map", "logits").contains(kind)) {
            return raw;
        }
        double scale = scaling.scale() == null ? 1 : scaling.scale();
        double offset = scaling.offset() == null ? 0 : scaling.offset();
        String activation = scaling.activation() == null ? "none" : scaling.activation();
        float[] out = new float[raw.length];
        if (activation.equals("softmax")) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : raw) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : raw) {
                sum += Math.exp(v - max);
            }
            for (int i = 0; i < raw.length; i++) {
                out[i] = (float) (offset + scale * Math.exp(raw[i] - max) / sum);
            }
            return out;
        }
        for (int i = 0; i < raw.length; i++) {
            double v = activation.equals("sigmoid") ? 1 / (1 + Math.exp(-raw[i])) : raw[i];
            out[i] = (float) (offset + scale * v);
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Loads {@code onnxFile} with its card as an image model. */
    public static ImageModel load(Path onnxFile, InferenceDevice device) {
        return new ImageModel(OnnxModel.load(onnxFile, device));
    }
}
