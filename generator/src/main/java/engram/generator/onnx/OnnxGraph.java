package engram.generator.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a small ONNX model (a single graph, default domain) and serialises it as {@code ModelProto} bytes.
 *
 * <p>Field numbers follow onnx/onnx.proto (ONNX IR specification): ModelProto ir_version=1, opset_import=8,
 * producer_name=2, producer_version=3, doc_string=6, graph=7, metadata_props=14; GraphProto node=1, name=2,
 * initializer=5, input=11, output=12; NodeProto input=1, output=2, name=3, op_type=4, attribute=5;
 * AttributeProto name=1, f=2, i=3, floats=7, ints=8, type=20; TensorProto dims=1, data_type=2, name=8,
 * raw_data=9; ValueInfoProto name=1, type=2; TypeProto tensor_type=1; TypeProto.Tensor elem_type=1, shape=2;
 * TensorShapeProto dim=1; Dimension dim_value=1, dim_param=2. A dimension given as -1 is written as the
 * symbolic dimension "batch".
 */
public final class OnnxGraph {
    /** ONNX IR version written (IR 8 goes with opset 17). */
    public static final long IR_VERSION = 8;
    /** Default-domain opset written. */
    public static final long OPSET = 17;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final String name;
    private final String prefix;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int counter;

    public OnnxGraph(String name) {
        this(name, "");
    }

    /** A graph whose generated value and node names all start with {@code prefix} (for splicing into another graph). */
    public OnnxGraph(String name, String prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    /** A node attribute. */
    public record Attr(String name, int type, long i, float f, long[] ints, float[] floats) {
        public static Attr i(String name, long value) {
            return new Attr(name, 2, value, 0f, null, null);
        }

        public static Attr f(String name, float value) {
            return new Attr(name, 1, 0, value, null, null);
        }

        public static Attr ints(String name, long... values) {
            return new Attr(name, 7, 0, 0f, values, null);
        }

        ProtoWriter encode() {
            ProtoWriter w = new ProtoWriter().string(1, name);
            switch (type) {
                case 1 -> w.float32(2, f);
                case 2 -> w.varint(3, i);
                case 7 -> w.packedInt64(8, ints);
                default -> throw new IllegalStateException("attribute type " + type);
            }
            return w.varint(20, type);
        }
    }

    /** Declares a float graph input; -1 marks the batch dimension. */
    public String input(String inputName, long... shape) {
        inputs.add(valueInfo(inputName, shape));
        return inputName;
    }

    /** Declares a float graph output produced by {@link #rename}d node output {@code valueName}. */
    public void output(String outputName, long... shape) {
        outputs.add(valueInfo(outputName, shape));
    }

    /** Adds a float initializer and returns its name. */
    public String floats(String prefix, float[] values, long... dims) {
        long count = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        if (count != values.length) {
            throw new IllegalArgumentException(prefix + ": " + values.length + " values for dims " + Arrays.toString(dims));
        }
        String tensorName = fresh(prefix);
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        initializers.add(new ProtoWriter().packedInt64(1, dims).varint(2, FLOAT).string(8, tensorName).bytes(9, raw.array()));
        return tensorName;
    }

    /** Adds a float scalar initializer (rank 0). */
    public String scalar(float value) {
        return floats("c", new float[] {value});
    }

    /** Adds an int64 initializer and returns its name. */
    public String int64s(String prefix, long... values) {
        String tensorName = fresh(prefix);
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        initializers.add(new ProtoWriter().packedInt64(1, new long[] {values.length}).varint(2, INT64)
                .string(8, tensorName).bytes(9, raw.array()));
        return tensorName;
    }

    /** Adds a node with one output and returns the output's name. */
    public String node(String opType, List<String> nodeInputs, Attr... attributes) {
        return nodeNamed(opType, fresh(opType.toLowerCase()), nodeInputs, attributes);
    }

    /** Adds a node with several outputs and returns their names. */
    public String[] nodeMulti(String opType, int outputCount, List<String> nodeInputs, Attr... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String in : nodeInputs) {
            node.string(1, in);
        }
        String[] names = new String[outputCount];
        for (int i = 0; i < outputCount; i++) {
            names[i] = fresh(opType.toLowerCase());
            node.string(2, names[i]);
        }
        node.string(3, fresh("n_" + opType)).string(4, opType);
        for (Attr a : attributes) {
            node.message(5, a.encode());
        }
        nodes.add(node);
        return names;
    }

    /** Adds a node whose single output has the given name (used for graph outputs). */
    public String nodeNamed(String opType, String outputName, List<String> nodeInputs, Attr... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String in : nodeInputs) {
            node.string(1, in);
        }
        node.string(2, outputName).string(3, fresh("n_" + opType)).string(4, opType);
        for (Attr a : attributes) {
            node.message(5, a.encode());
        }
        nodes.add(node);
        return outputName;
    }

    /** Adds an Identity node that gives {@code value} the name {@code outputName}. */
    public String rename(String value, String outputName) {
        return nodeNamed("Identity", outputName, List.of(value));
    }

    public void metadata(String key, String value) {
        metadata.put(key, value);
    }

    /** Serialises the model. */
    public byte[] toModelBytes(String producer, String docString) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        ProtoWriter model = new ProtoWriter().varint(1, IR_VERSION).string(2, producer).string(3, "1")
                .string(6, docString).message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach((k, v) -> model.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return model.toByteArray();
    }

    private ProtoWriter valueInfo(String valueName, long[] shape) {
        ProtoWriter dims = new ProtoWriter();
        for (long d : shape) {
            ProtoWriter dim = d < 0 ? new ProtoWriter().string(2, "batch") : new ProtoWriter().varint(1, d);
            dims.message(1, dim);
        }
        ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT).message(2, dims);
        return new ProtoWriter().string(1, valueName).message(2, new ProtoWriter().message(1, tensor));
    }

    private String fresh(String stem) {
        return prefix + stem + "_" + (counter++);
    }

    /**
     * The graph's nodes, initializers and outputs as GraphProto field bytes (fields 1, 5 and 12; no inputs, no name),
     * ready to be appended to another GraphProto whose values this graph's nodes read.
     */
    public byte[] appendableGraphFields() {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        initializers.forEach(t -> graph.message(5, t));
        outputs.forEach(v -> graph.message(12, v));
        return graph.toByteArray();
    }
}
