package engram.generator.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in all-MiniLM-L6-v2: token ids against generator/src/test/python/minilm_tokenizer_reference.py (an
 * independent Python BERT tokenizer over the same tokenizer.json vocabulary), and the embeddings' behaviour.
 */
class MiniLmTest {
    private static MiniLm model;

    @BeforeAll
    static void load() {
        model = MiniLm.open();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ostrich|101 9808 12412 2232 102",
        "emu|101 7861 2226 102",
        "key|101 3145 102",
        "An ostrich is a large flightless bird.|101 2019 9808 12412 2232 2003 1037 2312 3462 3238 4743 1012 102",
        "Hello, world!|101 7592 1010 2088 999 102",
        "The café's crème brûlée costs $12.50|101 1996 7668 1005 1055 13675 21382 7987 9307 2063 5366 1002 2260 1012 2753 102",
        "unaffable tokenization|101 14477 20961 3468 19204 3989 102",
        "THINGS: a database of 1,854 object concepts|101 2477 1024 1037 7809 1997 1015 1010 5594 2549 4874 8474 102",
        "naïve 東京 tab\\there|101 15743 1879 1755 21628 2182 102",
    })
    void tokenIdsMatchTheReference(String sentence, String ids) {
        long[] expected = Arrays.stream(ids.split(" ")).mapToLong(Long::parseLong).toArray();
        assertArrayEquals(expected, model.tokenizer().encode(sentence.replace("\\t", "\t")), sentence);
    }

    @Test
    void longInputIsTruncatedTo128Tokens() throws Exception {
        long[] ids = model.tokenizer().encode("bird ".repeat(300));
        assertEquals(128, ids.length);
        assertEquals(101, ids[0]);
        assertEquals(102, ids[127]);
        try (InputStream in = MiniLm.class.getResourceAsStream("/minilm/all-minilm-l6-v2-q-tokenizer.json")) {
            assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("\"max_length\": 128"));
        }
    }

    @Test
    void relatedConceptsAreCloserThanUnrelatedOnes() {
        double ostrichEmu = model.between("ostrich", "emu");
        double ostrichKey = model.between("ostrich", "key");
        assertTrue(ostrichEmu > ostrichKey, "ostrich/emu " + ostrichEmu + " vs ostrich/key " + ostrichKey);
        assertEquals(1.0, model.between("ice_cream", "ice-cream"), 1e-6, "folder names are read as words");
        // bare words, without the concept template: this model puts "emu" (em ##u) closer to "key" (documented)
        assertTrue(model.similarity("ostrich", "emu") < model.similarity("ostrich", "key"));
    }

    @ParameterizedTest(name = "{0}/{1} > {0}/{2}")
    @CsvSource({
        "ostrich, emu, key", "dog, puppy, umbrella", "hammer, screwdriver, banana", "violin, cello, carrot", "lion, tiger, spoon",
        "apple, pear, truck", "eagle, hawk, sofa", "car, bus, pillow", "shirt, jacket, volcano", "chair, stool, dolphin",
        "rose, tulip, wrench", "knife, fork, giraffe", "boat, canoe, lamp", "trumpet, saxophone, sandwich", "bee, wasp, kettle",
        "cup, mug, elephant", "bread, bagel, helmet", "shark, whale, pencil", "axe, saw, penguin", "strawberry, raspberry, ladder",
        "frog, toad, necklace", "sock, shoe, asteroid",
    })
    void conceptTriples(String a, String related, String unrelated) {
        assertTrue(model.between(a, related) > model.between(a, unrelated));
    }

    @Test
    void embeddingsAreDeterministicUnitVectors() {
        float[] a = model.embed("a small brown bird");
        try (MiniLm other = MiniLm.open()) {
            assertArrayEquals(a, other.embed("a small brown bird"), "a second load gives identical values");
        }
        assertArrayEquals(a, model.embed("a small brown bird"));
        assertEquals(MiniLm.DIMENSIONS, a.length);
        double norm = 0;
        for (float v : a) {
            norm += v * v;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-5);
    }
}
