package engram.generator.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import engram.generator.StimulusException;
import engram.generator.onnx.OnnxSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model with its card, run by DJL on the ONNX Runtime engine from a local file only (set
 * {@code -Dai.djl.offline=true}; nothing is fetched). Inputs and outputs are flat float arrays in the shapes
 * the card states, with the batch dimension first.
 */
public final class OnnxModel implements AutoCloseable {
    private final Path file;
    private final ModelCard card;
    private final String sha256;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final String device;
    private final List<String> outputOrder;

    private OnnxModel(Path file, ModelCard card, String sha256, ZooModel<NDList, NDList> model, String device,
                      List<String> outputOrder) {
        this.outputOrder = outputOrder;
        this.file = file;
        this.card = card;
        this.sha256 = sha256;
        this.model = model;
        this.predictor = model.newPredictor();
        this.device = device;
    }

    /** Loads {@code onnxFile} with the card beside it ({@code x.onnx} → {@code x.card.json}). */
    public static OnnxModel load(Path onnxFile, InferenceDevice device) {
        if (!Files.isRegularFile(onnxFile)) {
            throw new StimulusException("model " + onnxFile + ": file not found");
        }
        return load(onnxFile, ModelCards.read(ModelCards.cardPathFor(onnxFile)), device);
    }

    /** Loads {@code onnxFile} with the given card; checks that the card's inputs match the model's. */
    public static OnnxModel load(Path onnxFile, ModelCard card, InferenceDevice device) {
        if (!Files.isRegularFile(onnxFile)) {
            throw new StimulusException("model " + onnxFile + ": file not found");
        }
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        GpuRuntimeCheck.requireUsableRuntime();
        OnnxSignature signature = checkSignature(onnxFile, card);
        String digest = sha256(onnxFile);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(onnxFile.toAbsolutePath())
                .optEngine("OnnxRuntime")
                .optDevice(device == InferenceDevice.GPU ? Device.gpu() : Device.cpu())
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> loaded;
        try {
            loaded = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            String hint = device == InferenceDevice.GPU
                    ? " (`device` gpu needs the generator built with -Pgpu, which brings onnxruntime_gpu, and CUDA 12 + cuDNN on this host)"
                    : "";
            throw new StimulusException("model " + onnxFile + ": cannot load as ONNX: " + rootMessage(e) + hint, e);
        }
        return new OnnxModel(onnxFile, card, digest, loaded, device.name().toLowerCase(),
                List.copyOf(signature.outputs().keySet()));
    }

    public ModelCard card() {
        return card;
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    public String device() {
        return device;
    }

    /**
     * Runs one batch. {@code inputs} maps each card input name to a flat array of batch × (product of the
     * other dims) floats. Returns every card output by name, flat.
     */
    public Map<String, float[]> run(int batch, Map<String, float[]> inputs) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList list = new NDList();
            for (ModelCard.TensorSpec spec : card.inputs()) {
                float[] data = inputs.get(spec.name());
                if (data == null) {
                    throw new StimulusException("model " + file + ": no data for input '" + spec.name() + "'");
                }
                long[] dims = concreteShape(spec, batch, data.length);
                NDArray array = manager.create(data, new Shape(dims));
                array.setName(spec.name());
                list.add(array);
            }
            NDList out = predictor.predict(list);
            Map<String, float[]> result = new LinkedHashMap<>();
            for (int i = 0; i < card.outputs().size(); i++) {
                ModelCard.TensorSpec spec = card.outputs().get(i);
                NDArray array = byName(out, spec.name(), outputOrder.indexOf(spec.name()));
                result.put(spec.name(), array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
            }
            return result;
        } catch (TranslateException | RuntimeException e) {
            if (e instanceof StimulusException s) {
                throw s;
            }
            throw new StimulusException("model " + file + ": inference failed: " + rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    private NDArray byName(NDList out, String name, int index) {
        for (NDArray a : out) {
            if (name.equals(a.getName())) {
                return a;
            }
        }
        return out.get(index);
    }

    private long[] concreteShape(ModelCard.TensorSpec spec, int batch, int length) {
        long[] dims = new long[spec.shape().size()];
        long known = 1;
        for (int d = 0; d < dims.length; d++) {
            dims[d] = d == 0 ? batch : spec.shape().get(d);
            if (dims[d] < 0) {
                throw new StimulusException("model card for " + file + ": input '" + spec.name()
                        + "' has a free dimension " + d + "; only the batch dimension may be -1");
            }
            known *= dims[d];
        }
        if (known != length) {
            throw new StimulusException("model " + file + ": input '" + spec.name() + "' got " + length
                    + " values, shape " + java.util.Arrays.toString(dims) + " needs " + known);
        }
        return dims;
    }

    /** Compares the card's inputs and outputs with those declared in the ONNX file. */
    private static OnnxSignature checkSignature(Path onnxFile, ModelCard card) {
        OnnxSignature signature;
        try {
            signature = OnnxSignature.read(onnxFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new StimulusException("model " + onnxFile + ": cannot load as ONNX: " + e.getMessage(), e);
        }
        Path cardFile = ModelCards.cardPathFor(onnxFile);
        compare(onnxFile, cardFile, "input", card.inputs(), signature.inputs());
        compare(onnxFile, cardFile, "output", card.outputs(), signature.outputs());
        if (signature.inputs().size() != card.inputs().size()) {
            throw new StimulusException("model card " + cardFile + ": lists " + card.inputs().size() + " inputs but "
                    + onnxFile.getFileName() + " has " + signature.inputs().keySet());
        }
        return signature;
    }

    private static void compare(Path onnxFile, Path cardFile, String what, List<ModelCard.TensorSpec> specs,
                                Map<String, List<Long>> declared) {
        for (ModelCard.TensorSpec spec : specs) {
            if (!declared.containsKey(spec.name())) {
                throw new StimulusException("model card " + cardFile + ": " + what + " '" + spec.name() + "' does not exist in "
                        + onnxFile.getFileName() + " (its " + what + "s: " + declared.keySet() + ")");
            }
            List<Long> actual = declared.get(spec.name());
            List<Long> want = spec.shape();
            boolean same = actual.isEmpty() || actual.size() == want.size();
            for (int d = 0; same && !actual.isEmpty() && d < want.size(); d++) {
                long a = actual.get(d);
                long w = want.get(d);
                same = a < 0 || w < 0 || a == w;
            }
            if (!same) {
                throw new StimulusException("model card " + cardFile + ": " + what + " '" + spec.name() + "' has shape " + want
                        + " but " + onnxFile.getFileName() + " declares " + actual.toString().replace("-1", "?"));
            }
        }
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new StimulusException("model " + path + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
