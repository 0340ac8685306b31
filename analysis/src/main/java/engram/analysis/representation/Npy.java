package engram.analysis.representation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes two-dimensional NumPy {@code .npy} arrays (format versions 1.0–3.0, NumPy's "NPY format"
 * specification). Reads little-endian float32 and float64 in C or Fortran order; writes float32 in C order.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Reads a 2-D array as rows × columns.
     *
     * @throws RepresentationException naming the file when it is not a readable 2-D float array
     */
    public static double[][] read(Path file) throws IOException {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            Header h = Header.read(in, name);
            long bytes = (long) h.rows() * h.cols() * h.width();
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new RepresentationException(name + ": array of " + h.rows() + " × " + h.cols() + " is too large");
            }
            byte[] data = in.readNBytes((int) bytes);
            if (data.length != bytes) {
                throw new RepresentationException(name + ": truncated data (" + data.length + " of " + bytes + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            int rows = h.rows();
            int cols = h.cols();
            double[][] out = new double[rows][cols];
            for (int k = 0; k < rows * cols; k++) {
                double v = h.width() == 4 ? buf.getFloat() : buf.getDouble();
                if (h.fortran()) {
                    out[k % rows][k / rows] = v;
                } else {
                    out[k / cols][k % cols] = v;
                }
            }
            return out;
        }
    }

    /** What a .npy header says of a 2-D float array: its shape, value width in bytes and memory order. */
    private record Header(int rows, int cols, int width, boolean fortran) {
        /** Reads the magic, version and header dictionary, leaving {@code in} at the first value. */
        static Header read(InputStream in, String name) throws IOException {
            String header = new String(in.readNBytes(headerLength(in, name)), StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, name, "descr");
            boolean fortran = "True".equals(group(FORTRAN, header, name, "fortran_order"));
            String[] dims = group(SHAPE, header, name, "shape").replace(" ", "").split(",");
            if (dims.length != 2 || dims[1].isEmpty()) {
                throw new RepresentationException(name + ": expected a 2-D array (images × features), shape is ("
                    + String.join(",", dims) + ")");
            }
            int rows = Integer.parseInt(dims[0]);
            int cols = Integer.parseInt(dims[1]);
            int width;
            if ("<f4".equals(descr)) {
                width = 4;
            } else if ("<f8".equals(descr)) {
                width = 8;
            } else {
                throw new RepresentationException(name + ": dtype " + descr + " is not supported (use float32 '<f4' or float64 '<f8')");
            }
            return new Header(rows, cols, width, fortran);
        }

        /** Checks the magic and reads the header's length (2 bytes in version 1, 4 in versions 2 and 3). */
        private static int headerLength(InputStream in, String name) throws IOException {
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8) {
                throw new RepresentationException(name + ": not a .npy file (too short)");
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw new RepresentationException(name + ": not a .npy file (no \\x93NUMPY magic)");
                }
            }
            int major = magic[6];
            if (major == 1) {
                byte[] b = in.readNBytes(2);
                return (b[0] & 0xff) | (b[1] & 0xff) << 8;
            } else if (major == 2 || major == 3) {
                byte[] b = in.readNBytes(4);
                return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
            throw new RepresentationException(name + ": unsupported .npy version " + major);
        }
    }

    private static String group(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new RepresentationException(name + ": .npy header has no '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    /** Writes rows × columns as float32 ({@code '<f4'}, C order, format 1.0), atomically (temp file, then move). */
    public static void writeFloat32(Path file, double[][] rows) throws IOException {
        int n = rows.length;
        int p = n == 0 ? 0 : rows[0].length;
        writeFloat32(file, n, p, (i, j) -> (float) rows[i][j]);
    }

    /** A matrix element as float. */
    @FunctionalInterface
    public interface FloatCell {
        float at(int row, int column);
    }

    /** Writes an n × p float32 matrix given cell by cell. */
    public static void writeFloat32(Path file, int n, int p, FloatCell cell) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + p + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                out.write(MAGIC);
                out.write(1);
                out.write(0);
                out.write(header.length() & 0xff);
                out.write(header.length() >> 8 & 0xff);
                out.write(header.getBytes(StandardCharsets.ISO_8859_1));
                ByteBuffer row = ByteBuffer.allocate(4 * Math.max(p, 1)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    row.clear();
                    for (int j = 0; j < p; j++) {
                        row.putFloat(cell.at(i, j));
                    }
                    out.write(row.array(), 0, 4 * p);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
