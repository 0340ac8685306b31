package engram.design.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import engram.analysis.io.CsvCells;

/**
 * Writes and reads sequences.csv: UTF-8, LF line endings, header {@code sequence_id,trial_index,image_id,
 * presentation,kind}, one row per position, sequences in order. Lags are not stored; reading recomputes them. Image ids
 * that a spreadsheet would run as formulas are neutralised on writing and restored on reading ({@link CsvCells}).
 */
public final class SequencesCsv {

    public static final List<String> HEADER = List.of("sequence_id", "trial_index", "image_id", "presentation",
            "kind");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n")
            .setIgnoreEmptyLines(false).build();

    private SequencesCsv() {
    }

    /** Writes to a temporary file beside {@code file} and moves it into place, so no half-written file remains. */
    public static void write(List<Sequence> sequences, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                write(sequences, writer);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void write(List<Sequence> sequences, Writer writer) throws IOException {
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord(HEADER);
        for (Sequence sequence : sequences) {
            for (Position position : sequence.positions()) {
                printer.printRecord(sequence.sequenceId(), position.trialIndex(), CsvCells.neutralise(position.imageId()),
                        position.presentation(), position.kind().csvName());
            }
        }
        printer.flush();
    }

    public static List<Sequence> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, String.valueOf(file.getFileName()));
        }
    }

    /**
     * Reads sequences; rows of one sequence must be contiguous with trial indices 0, 1, 2, ... and sequence ids
     * increasing. Every problem found is reported together.
     *
     * @throws SequencesCsvException naming file, line and column of each problem
     */
    public static List<Sequence> read(Reader reader, String sourceName) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Sequence> sequences = new ArrayList<>();
        BufferedReader buffered = new BufferedReader(reader);
        buffered.mark(1);
        if (buffered.read() != '\uFEFF') {
            buffered.reset();
        }
        try (CSVParser parser = FORMAT.parse(buffered)) {
            Iterator<CSVRecord> records = parser.iterator();
            boolean headerSeen = false;
            int currentId = 0;
            List<Position> current = new ArrayList<>();
            Map<String, Integer> firstIndex = new TreeMap<>();
            while (true) {
                int line = (int) parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException malformed) {
                    problems.add(sourceName + " line " + line + ": malformed CSV ("
                            + malformed.getCause().getMessage() + ")");
                    break;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    if (!record.toList().equals(HEADER)) {
                        problems.add(sourceName + " line " + line + ": the header must be exactly "
                                + String.join(",", HEADER) + " but is " + String.join(",", record.toList()));
                        break;
                    }
                    continue;
                }
                String at = sourceName + " line " + line;
                if (record.size() != HEADER.size()) {
                    problems.add(at + ": the row has " + record.size() + " fields, expected " + HEADER.size());
                    continue;
                }
                Integer sequenceId = integer(record.get(0), 1, at, "sequence_id", problems);
                Integer trialIndex = integer(record.get(1), 0, at, "trial_index", problems);
                String imageId = CsvCells.restore(record.get(2));
                Integer presentation = integer(record.get(3), 1, at, "presentation", problems);
                Kind kind = null;
                try {
                    kind = Kind.fromCsv(record.get(4));
                } catch (IllegalArgumentException unknown) {
                    problems.add(at + ", column kind: " + unknown.getMessage());
                }
                if (imageId.isEmpty()) {
                    problems.add(at + ", column image_id: image_id is empty");
                }
                if (sequenceId == null || trialIndex == null || presentation == null || kind == null
                        || imageId.isEmpty()) {
                    continue;
                }
                if (sequenceId != currentId) {
                    if (sequenceId < currentId || (currentId > 0 && sequenceId != currentId + 1)
                            || (currentId == 0 && sequenceId != 1)) {
                        problems.add(at + ", column sequence_id: sequence " + sequenceId + " follows sequence "
                                + currentId + "; ids must run 1, 2, 3, ... with each sequence's rows together");
                    }
                    if (currentId > 0) {
                        sequences.add(new Sequence(currentId, current));
                    }
                    currentId = sequenceId;
                    current = new ArrayList<>();
                    firstIndex = new TreeMap<>();
                }
                if (trialIndex != current.size()) {
                    problems.add(at + ", column trial_index: expected trial index " + current.size() + " but found "
                            + trialIndex);
                    continue;
                }
                if (presentation == 1) {
                    firstIndex.putIfAbsent(imageId, trialIndex);
                    current.add(Position.first(trialIndex, imageId, kind));
                } else if (presentation == 2 && kind != Kind.FILLER && firstIndex.containsKey(imageId)) {
                    current.add(Position.repeat(trialIndex, imageId, kind, trialIndex - firstIndex.get(imageId)));
                } else {
                    problems.add(at + ", column presentation: " + (presentation == 2
                            ? (kind == Kind.FILLER ? "a filler is shown only once"
                            : "'" + imageId + "' has no earlier presentation 1 in sequence " + sequenceId)
                            : "presentation must be 1 or 2, was " + presentation));
                    current.add(Position.first(trialIndex, imageId, kind));
                }
            }
            if (!headerSeen) {
                problems.add(sourceName + " line 1: the file is empty; expected the header "
                        + String.join(",", HEADER));
            } else if (currentId > 0) {
                sequences.add(new Sequence(currentId, current));
            }
        }
        if (!problems.isEmpty()) {
            throw new SequencesCsvException(problems);
        }
        return List.copyOf(sequences);
    }

    private static Integer integer(String text, int minimum, String at, String column, List<String> problems) {
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(at + ", column " + column + ": '" + text + "' is not a whole number >= " + minimum);
        return null;
    }
}
