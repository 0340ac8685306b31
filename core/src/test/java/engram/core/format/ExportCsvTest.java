package engram.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The export's cells: formulas neutralised (docs/data-formats.md), numbers, booleans and times as they are. */
class ExportCsvTest {

    @Test
    void textThatASpreadsheetWouldRunGetsAnApostropheAndNumbersStayNumbers() throws IOException {
        StringWriter out = new StringWriter();
        ExportCsv csv = new ExportCsv(out);
        csv.row("=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-A1", "\tx", "\rx");
        csv.row(-0.25, "-0.25", -3, -3L, true, "plain", "'=kept", OffsetDateTime.of(2026, 12, 1, 6, 0, 0, 0, ZoneOffset.UTC));
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",'+cmd|' /C calc'!A0,'@SUM(1+1),'-A1,'\tx,\"'\rx\"\n"
                + "-0.25,-0.25,-3,-3,1,plain,''=kept,2026-12-01T06:00:00Z\n", out.toString());
    }
}
