package engram.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** The one quoting rule, with and without the spreadsheet-formula rule. */
class CsvWriterTest {

    @Test
    void quotesOnlyCommaQuoteAndLineBreaks() {
        assertEquals("plain", CsvWriter.quote("plain"));
        assertEquals("\"a,b\"", CsvWriter.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.quote("say \"hi\""));
        assertEquals("\"a\nb\"", CsvWriter.quote("a\nb"));
        assertEquals("\"a\rb\"", CsvWriter.quote("a\rb"));
        assertEquals(" #lead and trail ", CsvWriter.quote(" #lead and trail "));
        assertEquals("", CsvWriter.quote(null));
    }

    @Test
    void plainWritesFormulasAsTheyAreAndNeutralisingDoesNot() throws IOException {
        StringWriter plain = new StringWriter();
        CsvWriter.plain(plain).row("=1+1", "-0.25", "a,b", null);
        assertEquals("=1+1,-0.25,\"a,b\",\n", plain.toString());
        StringWriter neutral = new StringWriter();
        CsvWriter.neutralising(neutral).row("=1+1", "-0.25", "@x,y", "\rx", null);
        assertEquals("'=1+1,-0.25,\"'@x,y\",\"'\rx\",\n", neutral.toString());
        assertEquals("\"'=A1,B1\"", CsvWriter.neutraliseAndQuote("=A1,B1"));
    }
}
