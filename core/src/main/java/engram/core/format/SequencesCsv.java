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
import engram.core.phase.Side;

/**
 * Writes and reads sequences.csv: UTF-8, LF line endings, header {@code sequence_id,trial_index,image_id,
 * presentation,kind}, one row per position, sequences in order. Lags are not stored; reading recomputes them. Image ids
 * that a spreadsheet would run as formulas are neutralised on writing and restored on reading ({@link CsvCells}).
 * <p>
 * Study and test lists ({@link PhaseList}) have the columns {@code phase,alternative_image_id,target_side} appended
 * ({@link #PHASE_HEADER}; docs/data-formats.md, "The rest of the export for phases"); {@code sequence_id} is the list,
 * {@code trial_index} counts over the whole run. The continuous game keeps the five columns, byte for byte.
 */
public final class SequencesCsv {

    public static final List<String> HEADER = List.of("sequence_id", "trial_index", "image_id", "presentation",
            "kind");

    /** The header of study and test lists: {@link #HEADER} plus phase, alternative_image_id, target_side. */
    public static final List<String> PHASE_HEADER = List.of("sequence_id", "trial_index", "image_id", "presentation",
            "kind", "phase", "alternative_image_id", "target_side");

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

    /** Study and test lists, written like {@link #write(List, Path)}: to a temporary file moved into place. */
    public static void writePhases(List<PhaseList> lists, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writePhases(lists, writer);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Study and test lists with {@link #PHASE_HEADER}; lure type and condition are not written (the manifest has
     * them). */
    public static void writePhases(List<PhaseList> lists, Writer writer) throws IOException {
        CsvWriter csv = CsvWriter.neutralising(writer);
        csv.row(PHASE_HEADER);
        for (PhaseList list : lists) {
            for (PhaseTrial trial : list.trials()) {
                csv.row(Integer.toString(list.listId()), Integer.toString(trial.trialIndex()), trial.imageId(),
                        Integer.toString(trial.presentation()), trial.kind().csvName(),
                        Integer.toString(trial.phase()),
                        trial.alternativeImageId() == null ? "" : trial.alternativeImageId(),
                        trial.targetSide() == null ? "" : trial.targetSide().csvName());
            }
        }
        writer.flush();
    }

    public static List<PhaseList> readPhases(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readPhases(reader, String.valueOf(file.getFileName()));
        }
    }

    /**
     * Reads study and test lists ({@link #PHASE_HEADER}); a five-column file ({@link #HEADER}) reads as phase 1 of
     * every list. Rows of one list are contiguous with trial indices 0, 1, 2, ... and phases in order; an empty phase
     * is 1; alternative_image_id and target_side are given together or not at all; presentation 2 needs an earlier
     * showing of the image in the list (as the image or the alternative), and the lag is recomputed from the latest
     * one. Lure type and condition come back null. Every problem found is reported together.
     *
     * @throws SequencesCsvException naming file, line and column of each problem
     */
    public static List<PhaseList> readPhases(Reader reader, String sourceName) throws IOException {
        List<String> problems = new ArrayList<>();
        List<PhaseList> lists = new ArrayList<>();
        try (CsvReader record = CsvReader.records(reader, sourceName, false)) {
            List<String> header = null;
            int currentId = 0;
            int currentPhase = 1;
            List<PhaseTrial> current = new ArrayList<>();
            Map<String, Integer> lastShown = new TreeMap<>();
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
                if (header == null) {
                    header = fields;
                    if (!fields.equals(PHASE_HEADER) && !fields.equals(HEADER)) {
                        problems.add(sourceName + " line " + line + ": the header must be exactly "
                                + String.join(",", PHASE_HEADER) + " (or the continuous game's "
                                + String.join(",", HEADER) + ") but is " + String.join(",", fields));
                        break;
                    }
                    continue;
                }
                String at = sourceName + " line " + line;
                if (fields.size() != header.size()) {
                    problems.add(at + ": the row has " + fields.size() + " fields, expected " + header.size());
                    continue;
                }
                Integer listId = integer(fields.get(0), 1, at, "sequence_id", problems);
                Integer trialIndex = integer(fields.get(1), 0, at, "trial_index", problems);
                String imageId = CsvCells.restore(fields.get(2));
                Integer presentation = integer(fields.get(3), 1, at, "presentation", problems);
                Kind kind = null;
                try {
                    kind = Kind.fromCsv(fields.get(4));
                } catch (IllegalArgumentException unknown) {
                    problems.add(at + ", column kind: " + unknown.getMessage());
                }
                Integer phase = 1;
                String alternative = null;
                Side side = null;
                boolean sideOk = true;
                if (header.size() == PHASE_HEADER.size()) {
                    phase = fields.get(5).isEmpty() ? Integer.valueOf(1) : integer(fields.get(5), 1, at, "phase",
                            problems);
                    alternative = fields.get(6).isEmpty() ? null : CsvCells.restore(fields.get(6));
                    if (!fields.get(7).isEmpty()) {
                        try {
                            side = Side.fromCsv(fields.get(7));
                        } catch (IllegalArgumentException unknown) {
                            problems.add(at + ", column target_side: " + unknown.getMessage());
                            sideOk = false;
                        }
                    }
                    if (sideOk && (alternative == null) != (side == null)) {
                        problems.add(at + ", column " + (side == null ? "target_side" : "alternative_image_id")
                                + ": alternative_image_id and target_side are given together (a 2AFC trial) or not "
                                + "at all");
                        sideOk = false;
                    }
                    if (alternative != null && alternative.equals(imageId)) {
                        problems.add(at + ", column alternative_image_id: '" + imageId + "' cannot stand beside "
                                + "itself");
                        sideOk = false;
                    }
                }
                if (imageId.isEmpty()) {
                    problems.add(at + ", column image_id: image_id is empty");
                }
                if (listId == null || trialIndex == null || presentation == null || kind == null || phase == null
                        || !sideOk || imageId.isEmpty()) {
                    continue;
                }
                if (listId != currentId) {
                    if (listId < currentId || (currentId > 0 && listId != currentId + 1)
                            || (currentId == 0 && listId != 1)) {
                        problems.add(at + ", column sequence_id: list " + listId + " follows list " + currentId
                                + "; ids must run 1, 2, 3, ... with each list's rows together");
                    }
                    if (currentId > 0) {
                        lists.add(new PhaseList(currentId, current));
                    }
                    currentId = listId;
                    currentPhase = 1;
                    current = new ArrayList<>();
                    lastShown = new TreeMap<>();
                }
                if (trialIndex != current.size()) {
                    problems.add(at + ", column trial_index: expected trial index " + current.size() + " but found "
                            + trialIndex);
                    continue;
                }
                if (phase < currentPhase) {
                    problems.add(at + ", column phase: phase " + phase + " follows phase " + currentPhase
                            + "; a list's phases run in order");
                }
                currentPhase = Math.max(currentPhase, phase);
                Integer earlier = lastShown.get(imageId);
                Integer lag = null;
                if (presentation == 1 && earlier != null) {
                    problems.add(at + ", column presentation: '" + imageId + "' was shown at trial " + earlier
                            + " of list " + listId + ", so this showing has presentation 2");
                } else if (presentation == 2 && earlier != null && kind != Kind.FILLER) {
                    lag = trialIndex - earlier;
                } else if (presentation != 1) {
                    problems.add(at + ", column presentation: " + (presentation == 2
                            ? (kind == Kind.FILLER ? "a filler is shown only once"
                            : "'" + imageId + "' has no earlier showing in list " + listId)
                            : "presentation must be 1 or 2, was " + presentation));
                    presentation = 1;
                }
                current.add(new PhaseTrial(trialIndex, phase, imageId, kind, presentation, lag, alternative, side,
                        null, null));
                lastShown.put(imageId, trialIndex);
                if (alternative != null) {
                    lastShown.put(alternative, trialIndex);
                }
            }
            if (header == null) {
                problems.add(sourceName + " line 1: the file is empty; expected the header "
                        + String.join(",", PHASE_HEADER));
            } else if (currentId > 0) {
                lists.add(new PhaseList(currentId, current));
            }
        }
        if (!problems.isEmpty()) {
            throw new SequencesCsvException(problems);
        }
        return List.copyOf(lists);
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
