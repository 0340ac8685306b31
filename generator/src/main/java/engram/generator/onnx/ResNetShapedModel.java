package engram.generator.onnx;

import engram.core.random.SplitMix64;
import java.util.List;

/**
 * A ResNet-50-shaped score predictor with random weights, for speed measurements only (it predicts nothing).
 * Layout after He et al. 2016: 7×7/2 convolution (64), 3×3/2 max-pool, bottleneck stages of 3, 4, 6, 3 blocks
 * (widths 64, 128, 256, 512, expansion 4, stride 2 at the start of stages 2–4, projection shortcuts), global
 * average pool → 2048 features, then a linear layer and a sigmoid → score. Batch norm is folded into the
 * convolution biases, as in exported inference graphs. About 25.5 million parameters (≈ 100 MB).
 */
public final class ResNetShapedModel {
    public static final int INPUT = 224;

    private ResNetShapedModel() {
    }

    /** The model bytes; weights ~ N(0, 2/fan_in) from a fixed seed. */
    public static byte[] build(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        OnnxGraph g = new OnnxGraph("resnet50_shaped_random");
        String x = g.input("image", -1, 3, INPUT, INPUT);
        x = relu(g, conv(g, rng, x, 3, 64, 7, 2, 3));
        x = g.node("MaxPool", List.of(x), OnnxGraph.Attr.ints("kernel_shape", 3, 3), OnnxGraph.Attr.ints("strides", 2, 2),
                OnnxGraph.Attr.ints("pads", 1, 1, 1, 1));
        int channels = 64;
        int[] blocks = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                int width = widths[stage];
                int out = width * 4;
                String y = relu(g, conv(g, rng, x, channels, width, 1, 1, 0));
                y = relu(g, conv(g, rng, y, width, width, 3, stride, 1));
                y = conv(g, rng, y, width, out, 1, 1, 0);
                String shortcut = b == 0 ? conv(g, rng, x, channels, out, 1, stride, 0) : x;
                x = relu(g, g.node("Add", List.of(y, shortcut)));
                channels = out;
            }
        }
        String pooled = g.node("GlobalAveragePool", List.of(x));
        String features = g.nodeNamed("Flatten", "features", List.of(pooled), OnnxGraph.Attr.i("axis", 1));
        float[] w = new float[2048];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.gaussian() * Math.sqrt(1.0 / 2048));
        }
        String logit = g.node("Gemm", List.of(features, g.floats("fc_w", w, 2048, 1), g.floats("fc_b", new float[1], 1)));
        g.nodeNamed("Sigmoid", "score", List.of(logit));
        g.output("score", -1, 1);
        g.output("features", -1, 2048);
        return g.toModelBytes("engram-generator", "ResNet-50-shaped score predictor with RANDOM weights: for speed measurements only");
    }

    /** Its model card. */
    public static String card() {
        return """
                {
                  "name": "ResNet-50-shaped score predictor (random weights, speed only)",
                  "role": "score-predictor",
                  "description": "Built by engram.generator.onnx.ResNetShapedModel with random weights. Predicts nothing; for benchmarks.",
                  "demo": true,
                  "inputs": [{"name": "image", "kind": "image", "shape": [-1, 3, 224, 224]}],
                  "outputs": [
                    {"name": "score", "kind": "score", "shape": [-1, 1]},
                    {"name": "features", "kind": "features", "shape": [-1, 2048]}
                  ],
                  "preprocessing": {"resize": "shorter-side", "resizeTo": 256, "crop": "center", "size": [224, 224],
                                    "channelOrder": "RGB", "layout": "NCHW", "pixelScale": 1.0,
                                    "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
                  "batchSize": 8
                }
                """;
    }

    private static String conv(OnnxGraph g, SplitMix64 rng, String x, int in, int out, int k, int stride, int pad) {
        float[] w = new float[out * in * k * k];
        double sd = Math.sqrt(2.0 / (in * k * k));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.gaussian() * sd);
        }
        return g.node("Conv", List.of(x, g.floats("w", w, out, in, k, k), g.floats("b", new float[out], out)),
                OnnxGraph.Attr.ints("kernel_shape", k, k), OnnxGraph.Attr.ints("strides", stride, stride),
                OnnxGraph.Attr.ints("pads", pad, pad, pad, pad));
    }

    private static String relu(OnnxGraph g, String x) {
        return g.node("Relu", List.of(x));
    }
}
