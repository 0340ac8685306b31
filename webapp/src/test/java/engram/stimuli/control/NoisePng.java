package engram.stimuli.control;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes real PNG files for tests without holding the image in memory: RGB rows of random noise (which does not
 * compress, like a photograph's worth of detail) or of zeros (which compresses about a thousandfold), 8 or 16 bits per
 * channel. Rows are streamed through a Deflater into 64 KiB IDAT chunks.
 */
public final class NoisePng {

    private NoisePng() {
    }

    /** A {@code width} x {@code height} RGB PNG; noise from {@code seed}, or zeros when {@code noise} is false. */
    public static byte[] of(int width, int height, int bitsPerChannel, boolean noise, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, width, height, bitsPerChannel, noise, seed);
        return out.toByteArray();
    }

    public static void write(OutputStream out, int width, int height, int bitsPerChannel, boolean noise, long seed) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.writeByte(bitsPerChannel);
        h.writeByte(2); // truecolour RGB
        h.writeByte(0);
        h.writeByte(0);
        h.writeByte(0);
        chunk(data, "IHDR", header.toByteArray(), header.size());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] row = new byte[1 + width * 3 * (bitsPerChannel / 8)];
        Deflater deflater = new Deflater(noise ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION);
        try (OutputStream idat = new IdatStream(data); DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 65536)) {
            for (int y = 0; y < height; y++) {
                if (noise) {
                    for (int i = 1; i < row.length; i += 8) {
                        long bits = random.nextLong();
                        for (int k = 0; k < 8 && i + k < row.length; k++) {
                            row[i + k] = (byte) (bits >>> (8 * k));
                        }
                    }
                }
                row[0] = 0; // filter: none
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(data, "IEND", new byte[0], 0);
        data.flush();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body, int length) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(length);
        out.write(name);
        out.write(body, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body, 0, length);
        out.writeInt((int) crc.getValue());
    }

    /** Collects deflated bytes into IDAT chunks of at most 64 KiB; close() writes the last one but not the PNG's end. */
    private static final class IdatStream extends OutputStream {
        private final DataOutputStream out;
        private final byte[] buffer = new byte[65536];
        private int used;

        IdatStream(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == buffer.length) {
                    flushChunk();
                }
            }
        }

        private void flushChunk() throws IOException {
            if (used > 0) {
                chunk(out, "IDAT", buffer, used);
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
            out.flush();
        }
    }
}
