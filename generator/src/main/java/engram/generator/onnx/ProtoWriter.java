package engram.generator.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Minimal Protocol Buffers wire-format encoder (varint, 32-bit and length-delimited fields), enough to
 * write ONNX {@code ModelProto} files without generated code.
 *
 * <p>Wire format: each field is a key {@code (fieldNumber << 3) | wireType} as a varint, followed by the
 * value; wire type 0 = varint, 2 = length-delimited, 5 = 32-bit little-endian
 * (Protocol Buffers encoding guide, protobuf.dev/programming-guides/encoding).
 */
public final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes a varint field (int32, int64, enum). */
    public ProtoWriter varint(int field, long value) {
        key(field, 0);
        rawVarint(value);
        return this;
    }

    /** Writes a 32-bit float field. */
    public ProtoWriter float32(int field, float value) {
        key(field, 5);
        int bits = Float.floatToIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** Writes a UTF-8 string field. */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a bytes field. */
    public ProtoWriter bytes(int field, byte[] value) {
        key(field, 2);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Writes an embedded message field. */
    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** Writes a packed repeated int64 field. */
    public ProtoWriter packedInt64(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /** Writes a packed repeated float field. */
    public ProtoWriter packedFloat(int field, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return bytes(field, buffer.array());
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
