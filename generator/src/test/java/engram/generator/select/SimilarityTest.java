package engram.generator.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimilarityTest {
    @Test
    void pearsonMatchesScipy() {
        // scipy.stats.pearsonr([1,2,3,4,5.5],[2,1,4,3,7]) = 0.8580868382401787
        assertEquals(0.8580868382401787, Similarity.pearson(new float[] {1, 2, 3, 4, 5.5f}, new float[] {2, 1, 4, 3, 7}), 1e-7);
    }

    @Test
    void cosineOfOrthogonalAndParallelVectors() {
        assertEquals(0, Similarity.cosine(new float[] {1, 0}, new float[] {0, 3}), 1e-12);
        assertEquals(1, Similarity.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-12);
    }

    @Test
    void welchTTestMatchesScipy() {
        // scipy.stats.ttest_ind(w, v, equal_var=False): t = 5.5901214388106775, p = 0.0005893862657876022
        var r = PairSelection.welch(new double[] {0.9, 0.8, 0.85, 0.7, 0.95}, new double[] {0.3, 0.5, 0.4, 0.6, 0.2, 0.1});
        assertEquals(5.5901214388106775, (double) r.get("statistic"), 1e-10);
        assertEquals(0.0005893862657876022, (double) r.get("pValue"), 1e-10);
    }

    @Test
    void wordNetRanksRelatedConceptsHigher() {
        WordNetSimilarity wordNet = WordNetSimilarity.open();
        double dogCat = wordNet.between("dog", "cat");
        double dogCar = wordNet.between("dog", "car");
        assertTrue(dogCat > dogCar, "dog-cat " + dogCat + " vs dog-car " + dogCar);
        assertEquals(1.0, wordNet.between("dog", "dog"), 1e-12);
    }

    @Test
    void conceptWordsDropSenseNumbersAndSeparators() {
        assertEquals("ice cream", SemanticSimilarity.words("Ice_cream2"));
    }
}
