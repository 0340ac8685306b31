package engram.analysis.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Numbers as a paper prints them, and the 95% CI of a mean difference against SciPy. */
class ApaTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0.0031;= .003", "0.0005;< .001", "0.001;= .001", "0.0495;= .050", "0.04949;= .049", "0.9996;> .999",
        "1;> .999", "0.5;= .500", "NaN;= n/a"})
    void pValues(double p, String printed) {
        assertEquals(printed, Apa.p(p));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "139586511100000000000000000;1.4 × 10^26", "3.5249;3.52", "999.994;999.99", "1000;1.0 × 10^3", "0.0123;0.01",
        "0.00001234;1.2 × 10^−5", "9.96e26;1.0 × 10^27", "1;1.00"})
    void bayesFactorsAreReadable(double bf, String printed) {
        assertEquals(printed, Apa.bayesFactor(bf, false));
    }

    @Test
    void fixedRoundsHalfUpWithATrueMinus() {
        assertEquals("0.42", Apa.fixed(0.4249, 2));
        assertEquals("0.13", Apa.fixed(0.125, 2)); // exactly half: up
        assertEquals("0.42", Apa.fixed(0.425, 2)); // 0.425 is 0.42499999999999998… as a double, so it rounds down
    }

    @Test
    void negativesZerosAndIntervals() {
        assertEquals("−0.42", Apa.fixed(-0.4213, 2));
        assertEquals("0.00", Apa.fixed(-0.001, 2));
        assertEquals("[0.12, 0.71]", Apa.interval(0.1234, 0.7071, 2));
        assertEquals("n/a", Apa.fixed(Double.NaN, 2));
        assertEquals("41", Apa.df(41.0));
        assertEquals("26.14", Apa.log10BayesFactor(139586511100000000000000000.0));
        assertEquals(2, Apa.decimalsFor(0.3));
        assertEquals(3, Apa.decimalsFor(0.03));
        assertEquals(4, Apa.decimalsFor(0.003));
    }

    /** Reference: scipy.stats.t.interval(0.95, n − 1, loc=mean, scale=scipy.stats.sem(d)) (SciPy here); tolerance 1e-12. */
    @Test
    void meanDifferenceCiMatchesScipy() {
        assertArrayEquals(new double[] {0.13333333333333333, 0.0013100476280718532, 0.2653566190385948},
            Headline.meanCi95(new double[] {0.1, 0.25, -0.05, 0.3, 0.12, 0.08}), 1e-12);
        assertArrayEquals(new double[] {1.75, -1.4265511840436735, 4.9265511840436735},
            Headline.meanCi95(new double[] {1.5, 2.0}), 1e-12);
        double[] one = Headline.meanCi95(new double[] {0.3});
        assertEquals(0.3, one[0]);
        assertEquals(Double.NaN, one[1]);
    }
}
