package engram.generator.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import engram.generator.Fixtures;
import engram.generator.StimulusException;
import engram.generator.set.StimulusSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairSelectionTest {
    static final List<String> CONCEPTS = List.of("dog", "cat", "car", "apple", "hammer");

    @TempDir
    static Path shared;
    static Path database;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeDatabase() throws IOException {
        database = Fixtures.database(shared.resolve("things"), CONCEPTS, 4);
    }

    @Test
    void selectsDisjointPairsOfBothTypesWithWordNet() throws IOException {
        StimulusSet set = PairSelection.from(database).select(3);
        set.writeTo(dir.resolve("set"), false);
        List<String> lines = Files.readAllLines(dir.resolve("set/manifest.csv"));
        assertEquals("image_id,file,pair_id,condition,category,predicted_memorability,seed,lure_type,source,perceptual_similarity,semantic_similarity",
                lines.get(0));
        assertEquals(1 + 12, lines.size());
        Set<String> sources = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertTrue(sources.add(cells[8]), "image used twice: " + cells[8]);
            assertTrue(Files.exists(dir.resolve("set").resolve(cells[1])));
        }
        for (int k = 0; k < 3; k++) {
            String[] a = lines.get(1 + 2 * k).split(",");
            String[] b = lines.get(2 + 2 * k).split(",");
            assertEquals("similar_distant", a[3]);
            assertEquals("perceptual", a[7]);
            assertEquals("perceptual", b[7]);
            assertFalse(a[4].equals(b[4]), "similar_distant pair from one concept");
            String[] c = lines.get(7 + 2 * k).split(",");
            String[] d = lines.get(8 + 2 * k).split(",");
            assertEquals("same_dissimilar", c[3]);
            assertEquals("semantic", c[7]);
            assertEquals("semantic", d[7]);
            assertEquals(c[4], d[4]);
            assertTrue(Double.parseDouble(a[9]) > Double.parseDouble(c[9]), "similar pair less similar than dissimilar pair");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) set.generation().get("report");
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) report.get("withinVsAcrossTTest");
        assertEquals(5 * 6, t.get("nWithin"));
        assertEquals(20 * 19 / 2 - 30, t.get("nAcross"));
        assertTrue(t.containsKey("pValue"));
    }

    @Test
    void wordVectorsAreUsedWhenGiven() throws IOException {
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, "5 3\ndog 1 0 0\ncat 0.9 0.1 0\ncar 0 1 0\napple 0 0 1\nhammer 0 0.7 0.7\nunused 1 1 1\n");
        StimulusSet set = PairSelection.from(database).withSemanticSimilarity(WordVectors.read(vectors, CONCEPTS)).select(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) set.generation().get("parameters");
        assertTrue(parameters.get("semanticSimilarity").toString().contains("vectors.txt"));
        set.stimuli().stream().filter(s -> s.row().condition().equals("similar_distant"))
                .forEach(s -> assertTrue(Double.parseDouble(s.row().extra().get("semantic_similarity")) <= 0.5, s.row().toString()));
    }

    @Test
    void missingWordVectorIsNamed() throws IOException {
        Path vectors = dir.resolve("few.vec");
        Files.writeString(vectors, "dog 1 0\ncat 0 1\n");
        StimulusException e = assertThrows(StimulusException.class, () -> WordVectors.read(vectors, CONCEPTS));
        assertTrue(e.getMessage().contains(vectors.toString()) && e.getMessage().contains("'car'"), e.getMessage());
    }

    @Test
    void malformedWordVectorLineIsNamed() throws IOException {
        Path vectors = dir.resolve("bad.vec");
        Files.writeString(vectors, "dog 1 0\ncat 0 x\n");
        StimulusException e = assertThrows(StimulusException.class, () -> WordVectors.read(vectors, CONCEPTS));
        assertTrue(e.getMessage().contains(vectors + ": line 2, value 2"), e.getMessage());
    }

    @Test
    void morePairsThanPossibleSaysHowMany() {
        Path out = dir.resolve("out");
        StimulusException e = assertThrows(StimulusException.class, () -> PairSelection.from(database).select(9).writeTo(out, false));
        assertTrue(e.getMessage().contains("at most") && e.getMessage().contains(database.toString()), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void emptyDatabaseIsNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/dog"));
        StimulusException e = assertThrows(StimulusException.class, () -> PairSelection.from(empty.getParent()).select(1));
        assertTrue(e.getMessage().contains(empty.getParent().toString()) && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void conceptUnknownToWordNetIsNamed() throws IOException {
        Path db = Fixtures.database(dir.resolve("odd"), List.of("dog", "qwzxv"), 2);
        StimulusException e = assertThrows(StimulusException.class, () -> PairSelection.from(db).select(1));
        assertTrue(e.getMessage().contains("'qwzxv'") && e.getMessage().contains("`wordVectors`"), e.getMessage());
    }
}
