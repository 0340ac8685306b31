package engram.generator.onnx;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Appends a linear readout to an existing ONNX model: {@code out = Flatten(layer, axis=1) · w + b} as a new graph
 * output. The model's bytes are edited at the protobuf level: ModelProto field 7 (graph) is rewritten with the head's
 * nodes (GraphProto field 1), initializers (5) and output (12) appended; repeated fields may follow each other in any
 * order, so everything else in the file is kept byte for byte.
 */
public final class ReadoutHead {
    private ReadoutHead() {
    }

    /**
     * @param model     the base ONNX model's bytes
     * @param layer     the name of the value (a graph output) the readout reads
     * @param weights   one weight per flattened feature
     * @param bias      the intercept
     * @param output    the name of the new output, shape [batch, 1]
     * @return the new model's bytes
     */
    public static byte[] attach(byte[] model, String layer, float[] weights, float bias, String output) {
        OnnxGraph head = new OnnxGraph("engram_readout", "engram_readout_");
        String flat = head.nodeNamed("Flatten", "engram_readout_flat", List.of(layer), OnnxGraph.Attr.i("axis", 1));
        String mm = head.nodeNamed("MatMul", "engram_readout_mm", List.of(flat, head.floats("w", weights, weights.length, 1)));
        head.nodeNamed("Add", output, List.of(mm, head.floats("b", new float[] {bias}, 1)));
        head.output(output, -1, 1);
        return appendToGraph(model, head.appendableGraphFields());
    }

    /** Rewrites ModelProto field 7 as its old content followed by {@code extra}. */
    static byte[] appendToGraph(byte[] model, byte[] extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + extra.length + 16);
        int pos = 0;
        boolean graph = false;
        while (pos < model.length) {
            int start = pos;
            long[] tag = varint(model, pos);
            pos = (int) tag[1];
            int field = (int) (tag[0] >>> 3);
            int wire = (int) (tag[0] & 7);
            switch (wire) {
                case 0 -> pos = (int) varint(model, pos)[1];
                case 1 -> pos += 8;
                case 5 -> pos += 4;
                case 2 -> {
                    long[] len = varint(model, pos);
                    int contentStart = (int) len[1];
                    int end = contentStart + (int) len[0];
                    if (field == 7) {
                        graph = true;
                        writeVarint(out, tag[0]);
                        writeVarint(out, len[0] + extra.length);
                        out.write(model, contentStart, end - contentStart);
                        out.write(extra, 0, extra.length);
                        pos = end;
                        continue;
                    }
                    pos = end;
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire + " (not an ONNX file?)");
            }
            if (pos > model.length) {
                throw new IllegalArgumentException("truncated ONNX file");
            }
            out.write(model, start, pos - start);
        }
        if (!graph) {
            throw new IllegalArgumentException("no graph in the file (not an ONNX ModelProto)");
        }
        return out.toByteArray();
    }

    private static long[] varint(byte[] b, int pos) {
        long value = 0;
        int shift = 0;
        while (true) {
            if (pos >= b.length || shift > 63) {
                throw new IllegalArgumentException("truncated varint (not an ONNX file?)");
            }
            byte x = b[pos++];
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return new long[] {value, pos};
            }
            shift += 7;
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
