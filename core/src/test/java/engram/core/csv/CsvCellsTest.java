package engram.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The formula rule: what is neutralised, what stays as it is, and that reading gives back every original text. */
class CsvCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '~', quoteCharacter = '`', value = {
        "=HYPERLINK(\"http://evil.example\",\"click\")~'=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0~'+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd~'@SUM(1+1)*cmd",
        "-2+3+cmd~'-2+3+cmd",
        "-A1~'-A1",
        "-~'-",
        "'=1+1~''=1+1",
        "''@x~'''@x",
        "'-0.25~''-0.25",
    })
    void formulasGetOneLeadingApostrophe(String original, String written) {
        assertEquals(written, CsvCells.neutralise(original));
        assertEquals(original, CsvCells.restore(written));
    }

    @Test
    void tabAndCarriageReturnStartsAreNeutralised() {
        assertEquals("'\tcmd", CsvCells.neutralise("\tcmd"));
        assertEquals("'\r=1", CsvCells.neutralise("\r=1"));
        assertEquals("\tcmd", CsvCells.restore("'\tcmd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.25", "+3", "-1.5e-7", "2E+10", "-.5", "5.", "-12", "inf", "-inf", "0", "", "abc", "'quoted'",
        "a=b", " =1", "image_01", "2026-12-01T05:00:00Z", "'", "''"})
    void numbersAndPlainTextStayAsTheyAre(String cell) {
        assertEquals(cell, CsvCells.neutralise(cell));
        assertEquals(cell, CsvCells.restore(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "+", "-e5", "-1e", "-1.2.3", "--1", "-1,5", "-0x10", "-infinity", "- 1", "-NaN"})
    void notNumbers(String cell) {
        assertFalse(CsvCells.isNumber(cell), cell);
        assertTrue(CsvCells.neutralise(cell).startsWith("'"), cell);
    }

    @Test
    void everyTextReadsBackExactly() {
        char[] alphabet = {'=', '+', '-', '@', '\t', '\r', '\'', 'a', '1', '.', 'e', ',', '"', ' '};
        Random random = new Random(20261201);
        for (int n = 0; n < 200_000; n++) {
            char[] text = new char[random.nextInt(6)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String original = new String(text);
            String written = CsvCells.neutralise(original);
            assertEquals(original, CsvCells.restore(written), () -> "round trip of '" + original + "'");
            int k = 0;
            while (k < written.length() && written.charAt(k) == '\'') {
                k++;
            }
            boolean formula = !written.isEmpty() && CsvCells.isFormulaStart(written.charAt(0)) && !CsvCells.isNumber(written);
            assertFalse(formula, () -> "'" + written + "' would run as a formula");
        }
    }
}
