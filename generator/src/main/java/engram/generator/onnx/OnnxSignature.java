package engram.generator.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared inputs and outputs (names and shapes) of an ONNX file, read straight from its
 * {@code ModelProto} (graph=7; GraphProto initializer=5, input=11, output=12; ValueInfoProto name=1, type=2;
 * TypeProto tensor_type=1; Tensor shape=2; TensorShapeProto dim=1; Dimension dim_value=1, dim_param=2).
 * Free dimensions (dim_param or absent) are -1. Graph inputs that are initializers are left out.
 *
 * @param inputs  input name → shape
 * @param outputs output name → shape
 */
public record OnnxSignature(Map<String, List<Long>> inputs, Map<String, List<Long>> outputs) {

    /** Reads the signature; throws IllegalArgumentException if the file is not a valid ModelProto. */
    public static OnnxSignature read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Reader model = new Reader(bytes, 0, bytes.length);
        Map<String, List<Long>> inputs = new LinkedHashMap<>();
        Map<String, List<Long>> outputs = new LinkedHashMap<>();
        Set<String> initializers = new HashSet<>();
        boolean graphSeen = false;
        while (model.more()) {
            long tag = model.varint();
            if (tag >>> 3 == 7 && (tag & 7) == 2) {
                graphSeen = true;
                Reader graph = model.sub();
                while (graph.more()) {
                    long t = graph.varint();
                    int field = (int) (t >>> 3);
                    if ((t & 7) == 2 && (field == 11 || field == 12)) {
                        Reader value = graph.sub();
                        String name = null;
                        List<Long> shape = new ArrayList<>();
                        while (value.more()) {
                            long vt = value.varint();
                            if (vt >>> 3 == 1 && (vt & 7) == 2) {
                                name = value.string();
                            } else if (vt >>> 3 == 2 && (vt & 7) == 2) {
                                shape = shapeOf(value.sub());
                            } else {
                                value.skip(vt);
                            }
                        }
                        (field == 11 ? inputs : outputs).put(name, shape);
                    } else if ((t & 7) == 2 && field == 5) {
                        Reader tensor = graph.sub();
                        while (tensor.more()) {
                            long tt = tensor.varint();
                            if (tt >>> 3 == 8 && (tt & 7) == 2) {
                                initializers.add(tensor.string());
                            } else {
                                tensor.skip(tt);
                            }
                        }
                    } else {
                        graph.skip(t);
                    }
                }
            } else {
                model.skip(tag);
            }
        }
        if (!graphSeen) {
            throw new IllegalArgumentException("no graph in the file (not an ONNX ModelProto)");
        }
        initializers.forEach(inputs::remove);
        return new OnnxSignature(inputs, outputs);
    }

    private static List<Long> shapeOf(Reader type) {
        List<Long> shape = new ArrayList<>();
        while (type.more()) {
            long t = type.varint();
            if (t >>> 3 == 1 && (t & 7) == 2) {
                Reader tensor = type.sub();
                while (tensor.more()) {
                    long tt = tensor.varint();
                    if (tt >>> 3 == 2 && (tt & 7) == 2) {
                        Reader dims = tensor.sub();
                        while (dims.more()) {
                            long dt = dims.varint();
                            if (dt >>> 3 == 1 && (dt & 7) == 2) {
                                Reader dim = dims.sub();
                                long value = -1;
                                while (dim.more()) {
                                    long x = dim.varint();
                                    if (x >>> 3 == 1 && (x & 7) == 0) {
                                        value = dim.varint();
                                    } else {
                                        dim.skip(x);
                                    }
                                }
                                shape.add(value);
                            } else {
                                dims.skip(dt);
                            }
                        }
                    } else {
                        tensor.skip(tt);
                    }
                }
            } else {
                type.skip(t);
            }
        }
        return shape;
    }

    /** A bounded protobuf wire-format reader. */
    private static final class Reader {
        private final byte[] data;
        private int position;
        private final int end;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = data[position++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint");
        }

        Reader sub() {
            int length = length();
            Reader r = new Reader(data, position, position + length);
            position += length;
            return r;
        }

        String string() {
            int length = length();
            String s = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        void skip(long tag) {
            switch ((int) (tag & 7)) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> advance(length());
                case 5 -> advance(4);
                default -> throw new IllegalArgumentException("unsupported wire type " + (tag & 7));
            }
        }

        private int length() {
            long length = varint();
            if (length < 0 || position + length > end) {
                throw new IllegalArgumentException("length " + length + " runs past the end");
            }
            return (int) length;
        }

        private void advance(int n) {
            if (position + n > end) {
                throw new IllegalArgumentException("truncated field");
            }
            position += n;
        }
    }
}
