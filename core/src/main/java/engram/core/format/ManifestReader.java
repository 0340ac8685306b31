package engram.core.format;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import engram.core.csv.CsvCells;
import engram.core.csv.CsvReader;
import engram.core.csv.InputException;

/**
 * Reads a stimulus-set manifest: UTF-8 CSV (RFC 4180) with a header line, an optional byte-order mark and
 * blank lines ignored. Bytes that are not UTF-8 (e.g. a Latin-1 or UTF-16 file) are a problem, never guessed at.
 * Values longer than their database column ({@link #MAX_LENGTHS}, and {@link #MAX_EXTRA_JSON} for the further columns
 * together) are problems too. Required columns: image_id, file, pair_id (empty when unpaired), condition, category;
 * optional predicted_memorability (a decimal number or empty); further columns are kept per row in header order.
 * Cells neutralised against spreadsheet formulas by an engram export ({@link CsvCells}) are read back to their
 * original text, so an exported manifest.csv imports as the set it came from.
 * All problems are collected and thrown together as a {@link ManifestException}.
 */
public final class ManifestReader {

    public static final String IMAGE_ID = "image_id";
    public static final String FILE = "file";
    public static final String PAIR_ID = "pair_id";
    public static final String CONDITION = "condition";
    public static final String CATEGORY = "category";
    public static final String PREDICTED_MEMORABILITY = "predicted_memorability";
    /**
     * Optional: how the two members of a pair relate as each other's lure in a test phase (e.g. perceptual, semantic).
     * Kept with the further columns; only on paired images, the same on both members, at most
     * {@link #MAX_LURE_TYPE} characters.
     */
    public static final String LURE_TYPE = "lure_type";
    /** The longest lure_type, in characters. */
    public static final int MAX_LURE_TYPE = 64;
    public static final List<String> REQUIRED_COLUMNS = List.of(IMAGE_ID, FILE, PAIR_ID, CONDITION, CATEGORY);
    /** The longest value (in characters) each column may hold: the lengths of the stimulus table's columns. */
    public static final Map<String, Integer> MAX_LENGTHS = Map.of(IMAGE_ID, 200, FILE, 500, PAIR_ID, 200, CONDITION, 64, CATEGORY, 200);
    /** The further columns of a row are stored together as a JSON object of at most this many characters. */
    public static final int MAX_EXTRA_JSON = 20_000;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private ManifestReader() {
    }

    /** Reads the manifest at {@code file}; messages name the file by its file name. */
    public static Manifest read(Path file) throws IOException {
        return read(Files.readAllBytes(file), String.valueOf(file.getFileName()));
    }

    /** Reads a manifest from its bytes, which must be UTF-8 (a byte-order mark is allowed). */
    public static Manifest read(byte[] bytes, String sourceName) throws IOException {
        return read(new StringReader(decodeUtf8(bytes, sourceName)), sourceName);
    }

    /** The text of {@code bytes}, or a ManifestException naming the line of the first byte that is not UTF-8. */
    static String decodeUtf8(byte[] bytes, String sourceName) {
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF || (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)) {
            throw new ManifestException(List.of(ManifestProblem.of(sourceName, 1, null,
                    "the file is UTF-16; save it as UTF-8 (e.g. Excel's 'CSV UTF-8'); a byte-order mark is allowed")));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ManifestException(List.of(ManifestProblem.of(sourceName, line, null, String.format(Locale.ROOT,
                    "byte %d (0x%02X) is not UTF-8; save the manifest as UTF-8 (e.g. Excel's 'CSV UTF-8'), not Latin-1 or"
                            + " Windows-1252; a byte-order mark is allowed", offset + 1, bytes[offset] & 0xff))));
        }
        out.flip();
        return out.toString();
    }

    /** Reads a manifest from {@code reader}; {@code sourceName} (e.g. "manifest.csv") starts every message. */
    public static Manifest read(Reader reader, String sourceName) throws IOException {
        return new Parse(sourceName).run(reader);
    }

    /** Why a file path is unsafe to resolve below the stimulus folder, or null when it is safe. */
    static String unsafePathReason(String file) {
        if (file.indexOf('\\') >= 0) {
            return "contains a backslash; use '/' between folders";
        }
        if (file.startsWith("/") || WINDOWS_DRIVE.matcher(file).matches()) {
            return "is absolute; it must be relative to the stimulus folder";
        }
        for (String segment : file.split("/", -1)) {
            if (segment.equals("..")) {
                return "contains '..'; it must stay inside the stimulus folder";
            }
        }
        for (int i = 0; i < file.length(); i++) {
            if (Character.isISOControl(file.charAt(i))) {
                return "contains a control character";
            }
        }
        return null;
    }

    /** Marks a predicted_memorability that was reported as not a number. */
    private static final Double INVALID = Double.valueOf(Double.NaN);

    /** A data row as far as it could be read; {@code row} is null when the row had a problem. */
    private record Entry(int line, String imageId, String pairId, String condition, String lureType, ManifestRow row) {
    }

    /** State of one read: the header, rows read so far and problems found. */
    private static final class Parse {
        private final String sourceName;
        private final List<ManifestProblem> problems = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        private int headerFields;
        private final Map<String, Integer> columnIndex = new LinkedHashMap<>();

        Parse(String sourceName) {
            this.sourceName = sourceName;
        }

        Manifest run(Reader reader) throws IOException {
            // Cells neutralised against spreadsheet formulas are read back to their text (restoreFormulas).
            try (CsvReader csv = CsvReader.records(reader, sourceName, true)) {
                boolean headerSeen = false;
                while (true) {
                    try {
                        if (!csv.next()) {
                            break;
                        }
                    } catch (InputException malformed) {
                        problem((int) malformed.line(), null, "malformed CSV (" + malformed.detail() + ")");
                        break;
                    }
                    int line = (int) csv.line();
                    List<String> record = new ArrayList<>(csv.fields());
                    for (int i = 0; i < csv.fields(); i++) {
                        record.add(csv.string(i));
                    }
                    if (isBlank(record)) {
                        continue;
                    }
                    if (!headerSeen) {
                        readHeader(record, line);
                        headerSeen = true;
                    } else {
                        readRow(record, line);
                    }
                }
                if (!headerSeen && problems.isEmpty()) {
                    problem(1, null, "the manifest is empty; expected a header line with the columns "
                            + String.join(", ", REQUIRED_COLUMNS));
                }
            }
            checkDuplicateImageIds();
            checkPairs();
            if (!problems.isEmpty()) {
                problems.sort(Comparator.comparingInt(ManifestProblem::line));
                throw new ManifestException(problems, entries.stream().filter(e -> e.row() != null)
                        .map(e -> new ManifestException.LinedRow(e.line(), e.row())).toList());
            }
            return new Manifest(sourceName, entries.stream().map(Entry::row).toList(),
                    entries.stream().mapToInt(Entry::line).toArray());
        }

        private static boolean isBlank(List<String> record) {
            for (String value : record) {
                if (!value.isBlank()) {
                    return false;
                }
            }
            return true;
        }

        private void readHeader(List<String> header, int line) {
            headerFields = header.size();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                if (name.isEmpty()) {
                    problem(line, null, "header field " + (i + 1) + " is empty; every column needs a name");
                } else if (columnIndex.putIfAbsent(name, i) != null) {
                    problem(line, name, "column '" + name + "' appears twice in the header (fields "
                            + (columnIndex.get(name) + 1) + " and " + (i + 1) + ")");
                }
            }
            for (String required : REQUIRED_COLUMNS) {
                if (!columnIndex.containsKey(required)) {
                    problem(line, required, "required column '" + required + "' is missing (the header has: "
                            + String.join(", ", columnIndex.keySet()) + ")");
                }
            }
        }

        private void readRow(List<String> record, int line) {
            if (record.size() != headerSize()) {
                problem(line, null, "the row has " + record.size() + " fields but the header has " + headerSize());
                return;
            }
            String imageId = required(record, line, IMAGE_ID);
            String file = required(record, line, FILE);
            String condition = required(record, line, CONDITION);
            String category = required(record, line, CATEGORY);
            String pairId = value(record, PAIR_ID);
            imageId = withinLength(line, IMAGE_ID, imageId);
            file = withinLength(line, FILE, file);
            condition = withinLength(line, CONDITION, condition);
            category = withinLength(line, CATEGORY, category);
            boolean pairTooLong = withinLength(line, PAIR_ID, pairId) == null && pairId != null;
            if (file != null) {
                String reason = unsafePathReason(file);
                if (reason != null) {
                    problem(line, FILE, "file path '" + file + "' " + reason);
                    file = null;
                }
            }
            Double memorability = memorability(record, line);
            Map<String, String> extra = new LinkedHashMap<>();
            columnIndex.forEach((name, index) -> {
                if (!REQUIRED_COLUMNS.contains(name) && !name.equals(PREDICTED_MEMORABILITY)) {
                    extra.put(name, record.get(index));
                }
            });
            ManifestRow row = imageId != null && file != null && condition != null && category != null
                    && memorability != INVALID && !pairTooLong
                    ? new ManifestRow(imageId, file, pairId == null || pairId.isEmpty() ? null : pairId,
                            condition, category, memorability, extra)
                    : null;
            if (row != null && row.extraJsonLength() > MAX_EXTRA_JSON) {
                problem(line, null, "the further columns (" + String.join(", ", extra.keySet()) + ") take " + row.extraJsonLength()
                        + " characters together (as JSON); at most " + MAX_EXTRA_JSON + " are allowed");
                row = null;
            }
            String lureType = extra.containsKey(LURE_TYPE) ? extra.get(LURE_TYPE).trim() : "";
            if (lureType.codePointCount(0, lureType.length()) > MAX_LURE_TYPE) {
                problem(line, LURE_TYPE, LURE_TYPE + " is " + lureType.codePointCount(0, lureType.length())
                        + " characters long; at most " + MAX_LURE_TYPE + " are allowed");
                row = null;
            } else if (!lureType.isEmpty() && (pairId == null || pairId.isEmpty())) {
                problem(line, LURE_TYPE, "lure_type '" + lureType + "' on an unpaired image; a lure type relates the"
                        + " two members of a pair (leave it empty here)");
                row = null;
            }
            if (imageId != null) {
                // Rows with other errors still take part in the duplicate and pair checks.
                entries.add(new Entry(line, imageId, pairId == null || pairId.isEmpty() ? null : pairId,
                        condition, lureType, row));
            }
        }

        /** The value, or null (and a problem) when it is longer than its column allows. */
        private String withinLength(int line, String column, String value) {
            if (value == null) {
                return null;
            }
            int length = value.codePointCount(0, value.length());
            int max = MAX_LENGTHS.get(column);
            if (length > max) {
                problem(line, column, column + " is " + length + " characters long ('" + value.substring(0, value.offsetByCodePoints(0, 40))
                        + "…'); at most " + max + " are allowed");
                return null;
            }
            return value;
        }

        private int headerSize() {
            return headerFields;
        }

        private String value(List<String> record, String column) {
            Integer index = columnIndex.get(column);
            return index == null ? null : record.get(index).strip();
        }

        private String required(List<String> record, int line, String column) {
            String value = value(record, column);
            if (value == null) {
                return null; // the missing column is already reported on line 1
            }
            if (value.isEmpty()) {
                problem(line, column, column + " is empty");
                return null;
            }
            return value;
        }

        private Double memorability(List<String> record, int line) {
            String text = value(record, PREDICTED_MEMORABILITY);
            if (text == null || text.isEmpty()) {
                return null;
            }
            if (!DECIMAL.matcher(text).matches()) {
                problem(line, PREDICTED_MEMORABILITY, "'" + text + "' is not a number (expected e.g. 0.73, or empty)");
                return INVALID;
            }
            return Double.valueOf(text);
        }

        private void checkDuplicateImageIds() {
            Map<String, Integer> firstLine = new LinkedHashMap<>();
            for (Entry entry : entries) {
                Integer earlier = firstLine.putIfAbsent(entry.imageId(), entry.line());
                if (earlier != null) {
                    problem(entry.line(), IMAGE_ID, "image_id '" + entry.imageId() + "' is a duplicate (lines "
                            + earlier + " and " + entry.line() + ")");
                }
            }
        }

        private void checkPairs() {
            Map<String, List<Entry>> members = new LinkedHashMap<>();
            for (Entry entry : entries) {
                if (entry.pairId() != null) {
                    members.computeIfAbsent(entry.pairId(), p -> new ArrayList<>()).add(entry);
                }
            }
            members.forEach((pair, indices) -> {
                int lastLine = indices.get(indices.size() - 1).line();
                String lines = indices.stream().map(entry -> String.valueOf(entry.line()))
                        .collect(Collectors.joining(", "));
                if (indices.size() != 2) {
                    problem(lastLine, PAIR_ID, "pair '" + pair + "' has " + indices.size()
                            + (indices.size() == 1 ? " member (line " : " members (lines ") + lines
                            + "); a pair needs exactly 2");
                    return;
                }
                String first = indices.get(0).condition();
                String second = indices.get(1).condition();
                if (first != null && first.equals(second)) {
                    problem(lastLine, CONDITION, "pair '" + pair + "' has both members in condition '" + first
                            + "' (lines " + lines + "); the two members of a pair need different conditions");
                }
                String firstLure = indices.get(0).lureType();
                String secondLure = indices.get(1).lureType();
                if (!firstLure.equals(secondLure)) {
                    problem(lastLine, LURE_TYPE, "pair '" + pair + "' has lure_type '" + firstLure + "' and '" + secondLure
                            + "' (lines " + lines + "); both members of a pair need the same lure type");
                }
            });
        }

        private void problem(int line, String column, String detail) {
            problems.add(ManifestProblem.of(sourceName, line, column, detail));
        }
    }
}
