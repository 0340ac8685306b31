package engram.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestReaderTest {

    private static final String HEADER = "image_id,file,pair_id,condition,category,predicted_memorability,photographer\n";

    private static Manifest read(String text) throws IOException {
        return ManifestReader.read(new StringReader(text), "manifest.csv");
    }

    private static List<String> problems(String text) {
        return assertThrows(ManifestException.class, () -> read(text)).problems().stream()
                .map(ManifestProblem::message).toList();
    }

    @Test
    void readsRowsWithPairsFoilsAndExtraColumns() throws IOException {
        Manifest manifest = read(HEADER
                + "a_high,img/a_high.png,a,high,kitchen,0.81,Ann\n"
                + "a_low,img/a_low.png,a,low,kitchen,0.42,\"Lee, Bo\"\n"
                + "f1,img/f1.png,,foil,street,,Ann\n");
        assertEquals(3, manifest.size());
        ManifestRow high = manifest.rows().get(0);
        assertEquals(new ManifestRow("a_high", "img/a_high.png", "a", "high", "kitchen", 0.81,
                Map.of("photographer", "Ann")), high);
        assertEquals(Map.of("photographer", "Lee, Bo"), manifest.rows().get(1).extra());
        ManifestRow foil = manifest.find("f1").orElseThrow();
        assertNull(foil.pairId());
        assertNull(foil.predictedMemorability());
        assertEquals(List.of("a"), List.copyOf(manifest.pairs().keySet()));
        assertEquals(2, manifest.pairs().get("a").size());
    }

    @Test
    void cellsNeutralisedByAnExportAreReadBackToTheirOriginalText() throws IOException {
        Manifest manifest = read("image_id,file,pair_id,condition,category,predicted_memorability,'=note\n"
                + "'=a,img/a.png,'+p,high,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.25,'@SUM(1)\n"
                + "b,img/b.png,'+p,low,''=kept,,'plain\n");
        ManifestRow a = manifest.rows().get(0);
        assertEquals(new ManifestRow("=a", "img/a.png", "+p", "high", "=HYPERLINK(\"http://x\",\"y\")", -0.25,
                Map.of("=note", "@SUM(1)")), a);
        ManifestRow b = manifest.rows().get(1);
        assertEquals("'=kept", b.category(), "one apostrophe comes off, as the export added one");
        assertEquals("'plain", b.extra().get("=note"), "an apostrophe before plain text is the text's own");
    }

    @Test
    void extraColumnsKeepHeaderOrder() throws IOException {
        Manifest manifest = read("zeta,image_id,file,pair_id,alpha,condition,category,mid\n"
                + "1,x,x.png,,2,foil,c,3\n");
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(manifest.rows().get(0).extra().keySet()));
    }

    @Test
    void predictedMemorabilityColumnIsOptional() throws IOException {
        Manifest manifest = read("image_id,file,pair_id,condition,category\nx,x.png,,foil,c\n");
        assertNull(manifest.rows().get(0).predictedMemorability());
        assertEquals(Map.of(), manifest.rows().get(0).extra());
    }

    @Test
    void byteOrderMarkCrLfAndBlankTrailingLines() throws IOException {
        Manifest manifest = read("\uFEFF" + HEADER.replace("\n", "\r\n") + "x,x.png,,foil,c,0.5,\r\n\r\n\r\n  \r\n");
        assertEquals(1, manifest.size());
        assertEquals("x", manifest.rows().get(0).imageId());
    }

    @Test
    void readsAFileAndNamesItInMessages(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("manifest.csv");
        Files.writeString(file, HEADER + "x,x.png,,foil,c,0.5,\n", StandardCharsets.UTF_8);
        assertEquals(1, ManifestReader.read(file).size());
        Path bad = folder.resolve("set2.csv");
        Files.writeString(bad, HEADER + ",x.png,,foil,c,0.5,\n", StandardCharsets.UTF_8);
        ManifestException thrown = assertThrows(ManifestException.class, () -> ManifestReader.read(bad));
        assertEquals("set2.csv line 2, column image_id: image_id is empty", thrown.problems().get(0).message());
    }

    @Test
    void missingRequiredColumnsAreReportedOnLine1() {
        List<ManifestProblem> problems = assertThrows(ManifestException.class,
                () -> read("image_id,file,condition\nx,x.png,foil\n")).problems();
        assertEquals(2, problems.size());
        assertEquals(new ManifestProblem(1, "pair_id", "manifest.csv line 1, column pair_id: required column "
                + "'pair_id' is missing (the header has: image_id, file, condition)"), problems.get(0));
        assertEquals("category", problems.get(1).column());
    }

    @Test
    void duplicateAndEmptyHeaderNames() {
        assertEquals(List.of(
                "manifest.csv line 1: header field 6 is empty; every column needs a name",
                "manifest.csv line 1, column file: column 'file' appears twice in the header (fields 2 and 7)"),
                problems("image_id,file,pair_id,condition,category,,file\nx,x.png,,foil,c,,y\n"));
    }

    @ParameterizedTest(name = "empty {0}")
    @CsvSource({"image_id, ',x.png,,foil,c,,'", "file, 'x,,,foil,c,,'", "condition, 'x,x.png,,,c,,'",
        "category, 'x,x.png,,foil,,,'"})
    void emptyRequiredValue(String column, String row) {
        assertEquals(List.of("manifest.csv line 2, column " + column + ": " + column + " is empty"),
                problems(HEADER + row + "\n"));
    }

    @Test
    void duplicateImageIdNamesBothLines() {
        assertEquals(List.of("manifest.csv line 4, column image_id: image_id 'x' is a duplicate (lines 2 and 4)"),
                problems(HEADER + "x,x.png,,foil,c,,\ny,y.png,,foil,c,,\nx,x2.png,,foil,c,,\n"));
    }

    @ParameterizedTest
    @CsvSource({"high", "'0,5'", "NaN", "Infinity", "1d", "0x1p3", "--1"})
    void nonNumericMemorability(String value) {
        String quoted = "\"" + value + "\"";
        assertEquals(List.of("manifest.csv line 2, column predicted_memorability: '" + value
                + "' is not a number (expected e.g. 0.73, or empty)"), problems(HEADER + "x,x.png,,foil,c," + quoted
                + ",\n"));
    }

    @ParameterizedTest
    @CsvSource({"0.73, 0.73", "1, 1.0", "-.5, -0.5", "2.5e-1, 0.25", "+0.1, 0.1"})
    void numericMemorability(String text, double expected) throws IOException {
        assertEquals(expected, read(HEADER + "x,x.png,,foil,c," + text + ",\n").rows().get(0)
                .predictedMemorability());
    }

    @Test
    void pairWithThreeMembers() {
        assertEquals(List.of("manifest.csv line 7, column pair_id: pair 'p3' has 3 members (lines 5, 6, 7); a pair "
                + "needs exactly 2"), problems(HEADER + "a,a.png,,foil,c,,\nb,b.png,,foil,c,,\nc,c.png,,foil,c,,\n"
                + "d,d.png,p3,high,c,,\ne,e.png,p3,low,c,,\nf,f.png,p3,low,c,,\n"));
    }

    @Test
    void pairWithOneMember() {
        assertEquals(List.of("manifest.csv line 2, column pair_id: pair 'q' has 1 member (line 2); a pair needs "
                + "exactly 2"), problems(HEADER + "d,d.png,q,high,c,,\n"));
    }

    @Test
    void pairMembersWithTheSameCondition() {
        assertEquals(List.of("manifest.csv line 3, column condition: pair 'p' has both members in condition 'high' "
                + "(lines 2, 3); the two members of a pair need different conditions"),
                problems(HEADER + "d,d.png,p,high,c,,\ne,e.png,p,high,c,,\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/etc/passwd | is absolute; it must be relative to the stimulus folder",
        "C:/img/x.png | is absolute; it must be relative to the stimulus folder",
        "../x.png | contains '..'; it must stay inside the stimulus folder",
        "img/../../x.png | contains '..'; it must stay inside the stimulus folder",
        "img\\x.png | contains a backslash; use '/' between folders"})
    void unsafeFilePaths(String path, String reason) {
        assertEquals(List.of("manifest.csv line 2, column file: file path '" + path + "' " + reason),
                problems(HEADER + "x," + path + ",,foil,c,,\n"));
    }

    @Test
    void safePathsWithDotsInNamesAreFine() throws IOException {
        assertEquals("img/a..b/x.v2.png", read(HEADER + "x,img/a..b/x.v2.png,,foil,c,,\n").rows().get(0).file());
    }

    @Test
    void wrongFieldCount() {
        assertEquals(List.of("manifest.csv line 2: the row has 3 fields but the header has 7"),
                problems(HEADER + "x,x.png,foil\n"));
    }

    @Test
    void unterminatedQuote() {
        List<String> problems = problems(HEADER + "x,x.png,,foil,c,,\ny,\"y.png,,foil,c,,\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("manifest.csv line 3: malformed CSV ("), problems.get(0));
    }

    @Test
    void emptyManifest() {
        assertEquals(List.of("manifest.csv line 1: the manifest is empty; expected a header line with the columns "
                + "image_id, file, pair_id, condition, category"), problems("\n\n"));
    }

    @Test
    void lineNumbersCountPhysicalLinesInsideQuotedFields() {
        assertEquals(List.of("manifest.csv line 4, column condition: condition is empty"),
                problems(HEADER + "x,x.png,,foil,c,,\"two\nlines\"\ny,y.png,,,c,,\n"));
    }

    @Test
    void reportsAllProblemsSortedByLine() {
        List<ManifestProblem> problems = assertThrows(ManifestException.class, () -> read(HEADER
                + "a,a.png,p,high,c,high,\n"
                + "b,../b.png,p,high,c,,\n"
                + ",c.png,,foil,c,,\n"
                + "a,a.png,,foil,,,\n")).problems();
        assertEquals(List.of(2, 3, 3, 4, 5, 5), problems.stream().map(ManifestProblem::line).toList());
        assertEquals(List.of("predicted_memorability", "file", "condition", "image_id", "category", "image_id"),
                problems.stream().map(ManifestProblem::column).toList());
        ManifestException thrown = assertThrows(ManifestException.class, () -> read(HEADER + ",a.png,,foil,c,,\n"));
        assertEquals("1 problem in manifest:\nmanifest.csv line 2, column image_id: image_id is empty",
                thrown.getMessage());
    }

    @Test
    void aManifestExceptionIsAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(ManifestException.class));
    }

    /** Issue 9: a Latin-1 manifest was imported as mojibake; now it is a named problem on the line of the first bad byte. */
    @Test
    void latin1IsANamedProblemNotMojibake() {
        byte[] latin1 = (HEADER + "a,a.png,,foil,plant,,x\nb,b.png,,foil,caf\u00e9,,x\n").getBytes(StandardCharsets.ISO_8859_1);
        List<ManifestProblem> problems = assertThrows(ManifestException.class, () -> ManifestReader.read(latin1, "manifest.csv")).problems();
        assertEquals(1, problems.size());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message().startsWith("manifest.csv line 3: byte "), problems.get(0).message());
        assertTrue(problems.get(0).message().contains("(0xE9) is not UTF-8; save the manifest as UTF-8"), problems.get(0).message());
    }

    @Test
    void utf16IsANamedProblem() {
        byte[] utf16 = (HEADER + "a,a.png,,foil,plant,,x\n").getBytes(StandardCharsets.UTF_16);
        List<ManifestProblem> problems = assertThrows(ManifestException.class, () -> ManifestReader.read(utf16, "manifest.csv")).problems();
        assertEquals("manifest.csv line 1: the file is UTF-16; save it as UTF-8 (e.g. Excel's 'CSV UTF-8'); a byte-order mark is allowed",
                problems.get(0).message());
    }

    @Test
    void utf8WithAndWithoutByteOrderMarkIsRead() throws IOException {
        String text = HEADER + "a,a.png,,foil,caf\u00e9 \u732b,,x\n";
        for (String prefix : new String[] {"", "\uFEFF"}) {
            Manifest manifest = ManifestReader.read((prefix + text).getBytes(StandardCharsets.UTF_8), "manifest.csv");
            assertEquals("caf\u00e9 \u732b", manifest.rows().get(0).category());
            assertEquals("image_id", HEADER.substring(0, 8), "the byte-order mark is not part of the first column's name");
            assertEquals(Map.of("photographer", "x"), manifest.rows().get(0).extra());
        }
    }

    /** Issue 9: over-long values reached the database and came back as Payara's raw 500 showing the SQL statement. */
    @ParameterizedTest
    @CsvSource({"image_id,200", "file,500", "pair_id,200", "condition,64", "category,200"})
    void valuesLongerThanTheirColumnAreNamedProblems(String column, int max) throws IOException {
        String atLimit = "\u732b".repeat(max - 4) + ".png";
        String over = "x".repeat(max - 4) + "y.png";
        List<String> columns = List.of("image_id", "file", "pair_id", "condition", "category");
        String ok = String.join(",", columns.stream().map(c -> c.equals(column) ? atLimit : c.equals("pair_id") ? "" : "v").toList());
        String other = String.join(",", columns.stream().map(c -> c.equals("file") ? "w.png" : c.equals("image_id") ? "w" : c.equals("pair_id") ? "" : "v").toList());
        String header = String.join(",", columns) + "\n";
        List<String> atLimitProblems;
        try {
            ManifestReader.read((header + ok + "\n" + other + "\n").getBytes(StandardCharsets.UTF_8), "manifest.csv");
            atLimitProblems = List.of();
        } catch (ManifestException e) {
            atLimitProblems = e.problems().stream().map(ManifestProblem::message).toList(); // a lone pair member, for pair_id
        }
        assertTrue(atLimitProblems.stream().noneMatch(p -> p.contains("characters long")),
                "a value of exactly " + max + " characters (not bytes) is fine: " + atLimitProblems);
        String bad = String.join(",", columns.stream().map(c -> c.equals(column) ? over : c.equals("pair_id") ? "" : "v").toList());
        List<String> problems = problems(header + bad + "\n" + other + "\n");
        assertEquals("manifest.csv line 2, column " + column + ": " + column + " is " + (max + 1) + " characters long ('" + "x".repeat(40)
                + "…'); at most " + max + " are allowed", problems.get(0));
    }

    @Test
    void furtherColumnsTogetherAreLimitedToTheirJsonColumn() {
        String header = "image_id,file,pair_id,condition,category,notes\n";
        List<String> problems = problems(header + "a,a.png,,foil,c," + "n".repeat(20_000) + "\n");
        assertEquals("manifest.csv line 2: the further columns (notes) take 20012 characters together (as JSON); at most 20000 are allowed",
                problems.get(0));
    }

    @Test
    void lureTypeRelatesTheMembersOfAPair() throws IOException {
        Manifest manifest = read("image_id,file,pair_id,condition,category,lure_type\n"
                + "a1,a1.png,a,high,x,perceptual\na2,a2.png,a,low,x,perceptual\nf,f.png,,foil,x,\n");
        assertEquals("perceptual", manifest.row(0).lureType());
        assertEquals("", manifest.row(2).lureType());
        assertEquals("", read(HEADER + "x,x.png,,foil,k,,\n").row(0).lureType(), "no lure_type column");
    }

    @Test
    void lureTypeOnAnUnpairedImageOrDifferingWithinAPairIsRefused() {
        assertEquals(List.of("manifest.csv line 2, column lure_type: lure_type 'semantic' on an unpaired image; a lure"
                + " type relates the two members of a pair (leave it empty here)"),
                problems("image_id,file,pair_id,condition,category,lure_type\nf,f.png,,foil,x,semantic\n"));
        assertEquals(List.of("manifest.csv line 3, column lure_type: pair 'a' has lure_type 'perceptual' and 'semantic'"
                + " (lines 2, 3); both members of a pair need the same lure type"),
                problems("image_id,file,pair_id,condition,category,lure_type\n"
                        + "a1,a1.png,a,high,x,perceptual\na2,a2.png,a,low,x,semantic\n"));
        assertTrue(problems("image_id,file,pair_id,condition,category,lure_type\n"
                + "a1,a1.png,a,high,x," + "p".repeat(65) + "\na2,a2.png,a,low,x," + "p".repeat(65) + "\n").contains(
                "manifest.csv line 2, column lure_type: lure_type is 65 characters long; at most 64 are allowed"));
    }
}
