package engram.core.design;

import engram.core.format.SequencesCsv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded designs stay byte-identical: the sha256 of sequences.csv for the model study (10 x 150, 40 repeats, lag >= 30,
 * 200 pairs + 300 foils) and the demo design, recorded with the code before engram-core existed (2026-12-01, issue #11).
 * A change here means every existing seed gives a different design: that needs a reason, not a new hash.
 */
class DesignBytesTest {

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({
        "study, 1, 23a78e0edfe8de04e83c4bca0dcd78c66e47cacab4b416d2caaae10b1f01586b",
        "study, 20261201, 88b99e2e3d5abc4b49574ea154704285654cd5203d9098e3461c59a0240dcc87",
        "demo, 7, 6b5094a0139921fd43cb26946547c4f00a5a3c276c992b37f3e86a1e0b20fe58",
    })
    void seededDesignsAreByteIdentical(String design, long seed, String expected) throws IOException {
        DesignParameters parameters = (design.equals("study") ? Fixtures.STUDY : Fixtures.DEMO).withSeed(seed);
        List<Stimulus> stimuli = design.equals("study") ? Fixtures.STUDY_STIMULI : Fixtures.DEMO_STIMULI;
        StringWriter csv = new StringWriter();
        SequencesCsv.write(SequenceBuilder.of(parameters).build(stimuli), csv);
        assertEquals(expected, sha256(csv.toString()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
