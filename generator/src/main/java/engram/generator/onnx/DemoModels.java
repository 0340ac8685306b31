package engram.generator.onnx;

import engram.core.random.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in demo models, built as ONNX files by this code from fixed seeds (no downloaded weights). They
 * exist to exercise the pipeline; they are not memorability models.
 *
 * <ul>
 *   <li>Generator: latent z (32) and a 10×10 condition map m in [0, 1] → 256×256 RGB image in [0, 1].
 *       A picture P(z) is painted from z: a vertical gradient between two colours, then 5 soft-edged discs
 *       (centre, radius and colour are sigmoids of linear maps of z) over it. The map sets vividness:
 *       image = clip(μ + (0.05 + 1.15·U(m))·(P − μ), 0, 1), μ = mean colour of P, U = bilinear upsampling.
 *       High maps give vivid regions, low maps faded ones.</li>
 *   <li>Predictor: image → 10×10 map and a score. map = σ(k·(r − c)), r = root mean squared deviation of
 *       the pixels of each cell from the image's mean colour; score = σ(k₂·(mean(map) − c₂)).</li>
 * </ul>
 */
public final class DemoModels {
    public static final int LATENT = 32;
    public static final int GRID = 10;
    public static final int SIZE = 256;
    /** Soft-edged discs painted over the background gradient. */
    public static final int DISCS = 5;
    public static final String GENERATOR = "demo-generator";
    public static final String PREDICTOR = "demo-predictor";
    /** The multi-layer demo feature extractor (for engram features, compare and predict). */
    public static final String FEATURES = "demo-features";

    private static final long WEIGHT_SEED = 20261122L;

    private DemoModels() {
    }

    /** The demo generator's ONNX bytes (deterministic). */
    public static byte[] generatorBytes() {
        SplitMix64 rng = new SplitMix64(WEIGHT_SEED);
        OnnxGraph g = new OnnxGraph("engram_demo_generator");
        String z = g.input("z", -1, LATENT);
        String cond = g.input("condition", -1, 1, GRID, GRID);
        String ys = g.floats("y", coordinates(), 1, 1, SIZE, 1);
        String xs = g.floats("x", coordinates(), 1, 1, 1, SIZE);

        String top = colour(g, z, rng);
        String bottom = colour(g, z, rng);
        String picture = g.node("Add", List.of(top, g.node("Mul", List.of(g.node("Sub", List.of(bottom, top)), ys))));
        for (int disc = 0; disc < DISCS; disc++) {
            String params = g.node("Sigmoid", List.of(linear(g, z, rng, 6, 1.6)));
            String[] parts = g.nodeMulti("Split", 4, List.of(params, g.int64s("split", 1, 1, 1, 3)), OnnxGraph.Attr.i("axis", 1));
            String cx = affine(g, reshape(g, parts[0], -1, 1, 1, 1), 0.8f, 0.1f);
            String cy = affine(g, reshape(g, parts[1], -1, 1, 1, 1), 0.8f, 0.1f);
            String radius = affine(g, reshape(g, parts[2], -1, 1, 1, 1), 0.22f, 0.06f);
            String colour = reshape(g, parts[3], -1, 3, 1, 1);
            String dx = g.node("Sub", List.of(xs, cx));
            String dy = g.node("Sub", List.of(ys, cy));
            String distance = g.node("Sqrt", List.of(g.node("Add", List.of(g.node("Mul", List.of(dx, dx)), g.node("Mul", List.of(dy, dy))))));
            String mask = g.node("Sigmoid", List.of(g.node("Mul", List.of(g.node("Sub", List.of(radius, distance)), g.scalar(SIZE / 1.5f)))));
            picture = g.node("Add", List.of(picture, g.node("Mul", List.of(mask, g.node("Sub", List.of(colour, picture))))));
        }
        String mean = g.node("ReduceMean", List.of(picture), OnnxGraph.Attr.ints("axes", 2, 3), OnnxGraph.Attr.i("keepdims", 1));
        String vividness = affine(g, upsample(g, cond, GRID), 1.15f, 0.05f);
        String raw = g.node("Add", List.of(mean, g.node("Mul", List.of(vividness, g.node("Sub", List.of(picture, mean))))));
        g.nodeNamed("Clip", "image", List.of(raw, g.scalar(0f), g.scalar(1f)));
        g.output("image", -1, 3, SIZE, SIZE);
        g.metadata("engram.demo", "true");
        return g.toModelBytes("engram-generator", "engram demo generator: NOT a memorability model");
    }

    /** The demo predictor's ONNX bytes (deterministic). */
    public static byte[] predictorBytes() {
        OnnxGraph g = new OnnxGraph("engram_demo_predictor");
        String image = g.input("image", -1, 3, SIZE, SIZE);
        String mean = g.node("ReduceMean", List.of(image), OnnxGraph.Attr.ints("axes", 2, 3), OnnxGraph.Attr.i("keepdims", 1));
        String deviation = g.node("Sub", List.of(image, mean));
        String energy = g.node("Mul", List.of(deviation, deviation));
        float[] pool = areaPool(GRID, SIZE);
        String rows = g.node("MatMul", List.of(g.floats("pool", pool, GRID, SIZE), energy));
        String cells = g.node("MatMul", List.of(rows, g.floats("poolT", transpose(pool, GRID, SIZE), SIZE, GRID)));
        String channelMean = g.node("ReduceMean", List.of(cells), OnnxGraph.Attr.ints("axes", 1), OnnxGraph.Attr.i("keepdims", 1));
        String rms = g.node("Sqrt", List.of(channelMean));
        String logits = g.node("Mul", List.of(g.node("Sub", List.of(rms, g.scalar(0.17f))), g.scalar(14f)));
        String vms = g.nodeNamed("Sigmoid", "vms_map", List.of(logits));
        String avg = g.node("ReduceMean", List.of(vms), OnnxGraph.Attr.ints("axes", 1, 2, 3), OnnxGraph.Attr.i("keepdims", 1));
        String flat = g.node("Reshape", List.of(avg, g.int64s("shape", -1, 1)));
        String scoreLogit = g.node("Mul", List.of(g.node("Sub", List.of(flat, g.scalar(0.35f))), g.scalar(8f)));
        g.nodeNamed("Sigmoid", "score", List.of(scoreLogit));
        g.output("vms_map", -1, 1, GRID, GRID);
        g.output("score", -1, 1);
        g.metadata("engram.demo", "true");
        return g.toModelBytes("engram-generator", "engram demo predictor: NOT a memorability model");
    }

    /**
     * The demo feature extractor's ONNX bytes (deterministic): the demo predictor's computation with its stages exposed
     * as four layers, from early to late: {@code colour} (mean colour of each cell of a 4×4 grid, 3×4×4),
     * {@code contrast} (RMS colour deviation of each 10×10 cell from the image mean, r), {@code vms_map} (σ(14(r − 0.17)))
     * and {@code score} (σ(8(mean map − 0.35))). The last two equal the demo predictor's outputs.
     */
    public static byte[] featuresBytes() {
        OnnxGraph g = new OnnxGraph("engram_demo_features");
        String image = g.input("image", -1, 3, SIZE, SIZE);
        float[] coarse = areaPool(4, SIZE);
        String coarseRows = g.node("MatMul", List.of(g.floats("pool4", coarse, 4, SIZE), image));
        g.nodeNamed("MatMul", "colour", List.of(coarseRows, g.floats("pool4T", transpose(coarse, 4, SIZE), SIZE, 4)));
        String mean = g.node("ReduceMean", List.of(image), OnnxGraph.Attr.ints("axes", 2, 3), OnnxGraph.Attr.i("keepdims", 1));
        String deviation = g.node("Sub", List.of(image, mean));
        String energy = g.node("Mul", List.of(deviation, deviation));
        float[] pool = areaPool(GRID, SIZE);
        String rows = g.node("MatMul", List.of(g.floats("pool", pool, GRID, SIZE), energy));
        String cells = g.node("MatMul", List.of(rows, g.floats("poolT", transpose(pool, GRID, SIZE), SIZE, GRID)));
        String channelMean = g.node("ReduceMean", List.of(cells), OnnxGraph.Attr.ints("axes", 1), OnnxGraph.Attr.i("keepdims", 1));
        String rms = g.nodeNamed("Sqrt", "contrast", List.of(channelMean));
        String logits = g.node("Mul", List.of(g.node("Sub", List.of(rms, g.scalar(0.17f))), g.scalar(14f)));
        String vms = g.nodeNamed("Sigmoid", "vms_map", List.of(logits));
        String avg = g.node("ReduceMean", List.of(vms), OnnxGraph.Attr.ints("axes", 1, 2, 3), OnnxGraph.Attr.i("keepdims", 1));
        String flat = g.node("Reshape", List.of(avg, g.int64s("shape", -1, 1)));
        String scoreLogit = g.node("Mul", List.of(g.node("Sub", List.of(flat, g.scalar(0.35f))), g.scalar(8f)));
        g.nodeNamed("Sigmoid", "score", List.of(scoreLogit));
        g.output("colour", -1, 3, 4, 4);
        g.output("contrast", -1, 1, GRID, GRID);
        g.output("vms_map", -1, 1, GRID, GRID);
        g.output("score", -1, 1);
        g.metadata("engram.demo", "true");
        return g.toModelBytes("engram-generator", "engram demo feature extractor: NOT a vision model");
    }

    /** Writes the demo feature extractor and its card into dir; returns the .onnx path. */
    public static Path writeFeaturesTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(FEATURES + ".onnx"), featuresBytes());
        Files.writeString(dir.resolve(FEATURES + ".card.json"), resourceText(FEATURES + ".card.json"));
        return dir.resolve(FEATURES + ".onnx");
    }

    /** Card JSON for the demo generator. */
    public static String generatorCard() {
        return resourceText(GENERATOR + ".card.json");
    }

    /**
     * Writes both demo models and their cards into {@code dir} and returns the generator's path. The cards
     * are the shipped resources; the .onnx bytes are rebuilt here (identical to the shipped ones).
     */
    public static Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(GENERATOR + ".onnx"), generatorBytes());
        Files.write(dir.resolve(PREDICTOR + ".onnx"), predictorBytes());
        Files.writeString(dir.resolve(GENERATOR + ".card.json"), resourceText(GENERATOR + ".card.json"));
        Files.writeString(dir.resolve(PREDICTOR + ".card.json"), resourceText(PREDICTOR + ".card.json"));
        return dir.resolve(GENERATOR + ".onnx");
    }

    /** Writes the demo models into the module's resources (run by hand when the models change). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/demo-models");
        Files.createDirectories(dir);
        Files.write(dir.resolve(GENERATOR + ".onnx"), generatorBytes());
        Files.write(dir.resolve(PREDICTOR + ".onnx"), predictorBytes());
    }

    static String resourceText(String name) {
        try (InputStream in = DemoModels.class.getResourceAsStream("/demo-models/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /demo-models/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A colour [B,3,1,1] = sigmoid(z·W + b). */
    private static String colour(OnnxGraph g, String z, SplitMix64 rng) {
        return reshape(g, g.node("Sigmoid", List.of(linear(g, z, rng, 3, 1.6))), -1, 3, 1, 1);
    }

    /** z·W + b with W ~ N(0, (spread/√LATENT)²), so each output is ~ N(0, spread²) for z ~ N(0, I). */
    private static String linear(OnnxGraph g, String z, SplitMix64 rng, int width, double spread) {
        float[] weights = new float[LATENT * width];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (rng.gaussian() * spread / Math.sqrt(LATENT));
        }
        float[] bias = new float[width];
        return g.node("Gemm", List.of(z, g.floats("w", weights, LATENT, width), g.floats("b", bias, width)));
    }

    private static String reshape(OnnxGraph g, String x, long... shape) {
        return g.node("Reshape", List.of(x, g.int64s("shape", shape)));
    }

    private static String affine(OnnxGraph g, String x, float scale, float offset) {
        return g.node("Add", List.of(g.node("Mul", List.of(x, g.scalar(scale))), g.scalar(offset)));
    }

    /** Pixel-centre coordinates (i + 0.5) / SIZE. */
    private static float[] coordinates() {
        float[] c = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            c[i] = (i + 0.5f) / SIZE;
        }
        return c;
    }

    /** Bilinear upsampling cells → SIZE as two matrix products U·X·Uᵀ. */
    private static String upsample(OnnxGraph g, String x, int cells) {
        float[] u = bilinear(SIZE, cells);
        String rows = g.node("MatMul", List.of(g.floats("up", u, SIZE, cells), x));
        return g.node("MatMul", List.of(rows, g.floats("upT", transpose(u, SIZE, cells), cells, SIZE)));
    }

    /** Bilinear interpolation matrix (out×in) with half-pixel centres, edges clamped. */
    static float[] bilinear(int out, int in) {
        float[] m = new float[out * in];
        for (int i = 0; i < out; i++) {
            double src = Math.min(Math.max((i + 0.5) * in / out - 0.5, 0), in - 1);
            int lo = (int) Math.floor(src);
            int hi = Math.min(lo + 1, in - 1);
            double frac = src - lo;
            m[i * in + lo] += (float) (1 - frac);
            m[i * in + hi] += (float) frac;
        }
        return m;
    }

    /** Area-average pooling matrix (cells×size): row j averages pixels in [j·size/cells, (j+1)·size/cells). */
    static float[] areaPool(int cells, int size) {
        float[] m = new float[cells * size];
        double width = (double) size / cells;
        for (int j = 0; j < cells; j++) {
            double lo = j * width;
            double hi = lo + width;
            for (int i = 0; i < size; i++) {
                double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                if (overlap > 0) {
                    m[j * size + i] = (float) (overlap / width);
                }
            }
        }
        return m;
    }

    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
