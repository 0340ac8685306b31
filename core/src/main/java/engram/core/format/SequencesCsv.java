package engram.core.format;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import engram.core.csv.CsvCells;
import engram.core.csv.CsvReader;
import engram.core.csv.CsvWriter;
import engram.core.csv.InputException;

/**
 * Writes and reads sequences.csv: UTF-8, LF line endings, header {@code sequence_id,trial_index,image_id,
 * presentation,kind}, one row per position, sequences in order. Lags are not stored; reading recomputes them. Image ids
 * that a spreadsheet would run as formulas are neutralised on writing and restored on reading ({@link CsvCells}).
 */
public final class SequencesCsv {

    public static final List<String> HEADER = List.of("sequence_id", "trial_index", "image_id", "presentation",
            "kind");

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
        CsvWriter csv = CsvWriter.neutralising(writer);
        csv.row(HEADER);
        for (Sequence sequence : sequences) {
            for (Position position : sequence.positions()) {
                csv.row(Integer.toString(sequence.sequenceId()), Integer.toString(position.trialIndex()),
                        position.imageId(), Integer.toString(position.presentation()), position.kind().csvName());
            }
        }
        writer.flush();
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
        try (CsvReader record = CsvReader.records(reader, sourceName, false)) {
            boolean headerSeen = false;
            int currentId = 0;
            List<Position> current = new ArrayList<>();
            Map<String, Integer> firstIndex = new TreeMap<>();
            while (true) {
                try {
                    if (!record.next()) {
                        break;
                    }
                } catch (InputException malformed) {
                    problems.add(sourceName + " line " + malformed.line() + ": malformed CSV (" + malformed.detail() + ")");
                    break;
                }
                long line = record.line();
                if (record.fields() == 1 && record.isBlank(0)) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < record.fields(); i++) {
                    fields.add(record.string(i));
                }
                if (!headerSeen) {
                    headerSeen = true;
                    if (!fields.equals(HEADER)) {
                        problems.add(sourceName + " line " + line + ": the header must be exactly "
                                + String.join(",", HEADER) + " but is " + String.join(",", fields));
                        break;
                    }
                    continue;
                }
                String at = sourceName + " line " + line;
                if (fields.size() != HEADER.size()) {
                    problems.add(at + ": the row has " + fields.size() + " fields, expected " + HEADER.size());
                    continue;
                }
                Integer sequenceId = integer(fields.get(0), 1, at, "sequence_id", problems);
                Integer trialIndex = integer(fields.get(1), 0, at, "trial_index", problems);
                String imageId = CsvCells.restore(fields.get(2));
                Integer presentation = integer(fields.get(3), 1, at, "presentation", problems);
                Kind kind = null;
                try {
                    kind = Kind.fromCsv(fields.get(4));
                    if (!kind.isContinuous()) {
                        problems.add(at + ", column kind: '" + kind.csvName() + "' belongs to a study or test list, "
                                + "whose file has the columns phase,alternative_image_id,target_side appended");
                        kind = null;
                    }
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
