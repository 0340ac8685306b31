package engram.generator.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {
    @Test
    void varintFollowsTheWireFormat() {
        // protobuf encoding guide: field 1 = 150 → 08 96 01; 300 → AC 02
        assertArrayEquals(new byte[] {0x08, (byte) 0x96, 0x01}, new ProtoWriter().varint(1, 150).toByteArray());
        assertArrayEquals(new byte[] {0x10, (byte) 0xAC, 0x02}, new ProtoWriter().varint(2, 300).toByteArray());
    }

    @Test
    void negativeInt64IsTenBytes() {
        byte[] bytes = new ProtoWriter().varint(1, -1).toByteArray();
        assertArrayEquals(new byte[] {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01}, bytes);
    }

    @Test
    void stringsAndFloatsAreLengthDelimitedAndLittleEndian() {
        assertArrayEquals(new byte[] {0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'}, new ProtoWriter().string(2, "testing").toByteArray());
        // 1.0f = 0x3F800000, wire type 5
        assertArrayEquals(new byte[] {0x15, 0, 0, (byte) 0x80, 0x3F}, new ProtoWriter().float32(2, 1.0f).toByteArray());
    }
}
