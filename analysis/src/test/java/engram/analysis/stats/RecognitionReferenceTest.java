package engram.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The study/test measures against SciPy 1.17.1 / NumPy 2.4.6: the rows are printed by
 * analysis/src/test/python/recognition_reference.py. Tolerances: d′, c and AUC 1e-12 absolute (closed forms and the
 * normal quantile); LDI and REC 1e-15; Clopper–Pearson limits 1e-10 absolute (beta quantiles found by iteration in
 * both libraries).
 */
class RecognitionReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "12, 0, 0, 24, 3.8225739491505295, 0.1424619360565582",
        "9, 3, 5, 19, 1.387334318784658, 0.07852605479635577",
        "3, 9, 12, 12, -0.6151411045959735, 0.30757055229798674",
        "150, 50, 40, 160, 1.5068828039341604, 0.08286051566989827",
        "0, 6, 6, 0, -2.930467585371046, -0.0",
    })
    void dprimeAndCriterionWithLogLinearCorrection(long h, long m, long fa, long cr, double dprime, double c) {
        assertEquals(dprime, SignalDetection.dprime(h, m, fa, cr), 1e-12);
        assertEquals(c, SignalDetection.criterion(h, m, fa, cr), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({
        "1 2 3 5 9 14, 10 8 6 4 2 1, 0.8671726755218216",
        "0 0 0 0 0 7, 7 0 0 0 0 0, 1.0",
        "3 3 3 3, 3 3 3 3, 0.5",
        "2 10, 9 3, 0.7916666666666666",
        "5 1 0 4 2 0 6 9, 8 3 4 2 6 1 1 0, 0.7488888888888889",
    })
    void aucMatchesTrapezoidAndMannWhitney(String targets, String foils, double auc) {
        assertEquals(auc, Roc.auc(counts(targets), counts(foils)), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({
        "7, 12, 2, 24, 0.5, 9, 12, 3, 24, 0.625",
        "0, 10, 0, 10, 0.0, 10, 10, 0, 10, 1.0",
        "3, 9, 5, 15, 0.0, 4, 11, 6, 13, -0.09790209790209792",
    })
    void ldiAndRec(long sl, long nl, long sf, long nf, double ldi, long ot, long nt, long of, long nf2, double rec) {
        assertEquals(ldi, MnemonicSimilarity.ldi(sl, nl, sf, nf), 1e-15);
        assertEquals(rec, MnemonicSimilarity.rec(ot, nt, of, nf2), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 10, 0.0, 0.30849710781876294",
        "10, 10, 0.6915028921812371, 1.0",
        "7, 12, 0.2766696856821058, 0.8483477701915653",
        "11, 22, 0.2822105209380929, 0.717789479061907",
        "1, 1, 0.025000000000000022, 1.0",
        "45, 48, 0.8280400692094295, 0.9869207555904473",
        "130, 200, 0.5795493775220064, 0.7159293296770592",
    })
    void clopperPearsonMatchesBinomtest(long k, long n, double low, double high) {
        double[] ci = BinomialInterval.clopperPearson(k, n, 0.95);
        assertEquals(low, ci[0], 1e-10);
        assertEquals(high, ci[1], 1e-10);
    }

    @Test
    void rocPointsRunFromTheSurestOldToEveryTrial() {
        double[][] p = Roc.points(new long[] {2, 10}, new long[] {9, 3});
        assertArrayEquals(new double[] {0.25, 10.0 / 12}, p[0], 1e-15);
        assertArrayEquals(new double[] {1, 1}, p[1], 1e-15);
        // without a confidence scale the AUC is (1 + H − F)/2
        assertEquals((1 + 10.0 / 12 - 0.25) / 2, Roc.auc(new long[] {2, 10}, new long[] {9, 3}), 1e-15);
        assertEquals(Double.NaN, Roc.auc(new long[] {0, 0}, new long[] {1, 1}));
    }

    @Test
    void ratingsPutTheSurestNewFirstAndTheSurestOldLast() {
        assertEquals(1, Roc.rating(false, 3, 3));
        assertEquals(3, Roc.rating(false, 1, 3));
        assertEquals(4, Roc.rating(true, 1, 3));
        assertEquals(6, Roc.rating(true, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Roc.rating(true, 4, 3));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BinomialInterval.clopperPearson(5, 4, 0.95));
        assertThrows(IllegalArgumentException.class, () -> MnemonicSimilarity.ldi(5, 4, 0, 1));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, BinomialInterval.clopperPearson(0, 0, 0.95));
    }

    private static long[] counts(String text) {
        return Arrays.stream(text.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }
}
