package engram.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files written by NumPy 2.4.6 (see representation_reference.py) and round trips through NumPy's layout. */
class NpyTest {
    private static final double[][] EXPECTED = {{0, 0.125, 0.25, 0.375}, {0.5, 0.625, 0.75, 0.875}, {1, 1.125, 1.25, 1.375}};

    private static Path resource(String name) throws Exception {
        return Path.of(NpyTest.class.getResource("/representation/" + name).toURI());
    }

    @Test
    void readsNumpyFiles() throws Exception {
        for (String f : new String[] {"f8_fortran.npy", "f4_c.npy"}) {
            double[][] m = Npy.read(resource(f));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(EXPECTED[i], m[i], 0, f);
            }
        }
    }

    @Test
    void roundTripsFloat32(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npy");
        Npy.writeFloat32(f, EXPECTED);
        assertTrue(Files.size(f) % 16 == 0 || Files.size(f) == 128 + 48, "64-byte aligned header");
        assertArrayEquals(Files.readAllBytes(resource("f4_c.npy")), Files.readAllBytes(f), "byte-identical to np.save");
    }

    @Test
    void rejectsOneDimensionalAndNonNpy(@TempDir Path dir) throws Exception {
        RepresentationException e = assertThrows(RepresentationException.class, () -> Npy.read(resource("f4_1d.npy")));
        assertTrue(e.getMessage().contains("f4_1d.npy") && e.getMessage().contains("2-D"), e.getMessage());
        Path txt = dir.resolve("bad.npy");
        Files.writeString(txt, "image,a\nx,1\n");
        e = assertThrows(RepresentationException.class, () -> Npy.read(txt));
        assertTrue(e.getMessage().startsWith(txt.toString()), e.getMessage());
    }
}
