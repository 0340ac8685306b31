package engram.core.format;

import java.io.IOException;
import java.io.Reader;
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
import java.util.stream.Stream;

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

    /** The header of the continuous game's streams: {@link ExportLayout#SEQUENCES}' columns. */
    public static final List<String> HEADER = ExportLayout.SEQUENCES.columns();

    /** The header of study and test lists: {@link #HEADER} plus {@link ExportLayout#SEQUENCE_PHASE_COLUMNS}. */
    public static final List<String> PHASE_HEADER = ExportLayout.withPhases(HEADER, ExportLayout.SEQUENCE_PHASE_COLUMNS);

    private SequencesCsv() {
    }

    /** Writes to a temporary file beside {@code file} and moves it into place, so no half-written file remains. */
    public static void write(List<Sequence> sequences, Path file) throws IOException {
        writeAtomically(file, writer -> write(sequences, writer));
    }

    public static void write(List<Sequence> sequences, Writer writer) throws IOException {
        writeRows(writer, HEADER, sequences.stream().flatMap(sequence -> sequence.positions().stream()
                .map(position -> columns(sequence.sequenceId(), position.trialIndex(), position.imageId(),
                        position.presentation(), position.kind()))));
    }

    /** Study and test lists, written like {@link #write(List, Path)}: to a temporary file moved into place. */
    public static void writePhases(List<PhaseList> lists, Path file) throws IOException {
        writeAtomically(file, writer -> writePhases(lists, writer));
    }

    /** Study and test lists with {@link #PHASE_HEADER}; lure type and condition are not written (the manifest has
     * them). */
    public static void writePhases(List<PhaseList> lists, Writer writer) throws IOException {
        writeRows(writer, PHASE_HEADER, lists.stream().flatMap(list -> list.trials().stream()
                .map(trial -> phaseColumns(list.listId(), trial))));
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
        return readLists(reader, sourceName, Shape.PHASES, new PhaseLists());
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
        return readLists(reader, sourceName, Shape.SEQUENCES, new Sequences());
    }

    private interface WriterBody {
        void writeTo(Writer writer) throws IOException;
    }

    private static void writeAtomically(Path file, WriterBody body) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                body.writeTo(writer);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void writeRows(Writer writer, List<String> header, Stream<List<String>> rows) throws IOException {
        CsvWriter csv = CsvWriter.neutralising(writer);
        csv.row(header);
        for (Iterator<List<String>> row = rows.iterator(); row.hasNext(); ) {
            csv.row(row.next());
        }
        writer.flush();
    }

    /** The five columns of {@link #HEADER}. */
    private static List<String> columns(int id, int trialIndex, String imageId, int presentation, Kind kind) {
        return List.of(Integer.toString(id), Integer.toString(trialIndex), imageId, Integer.toString(presentation),
                kind.csvName());
    }

    /** The five columns, then the phase columns of {@link #PHASE_HEADER}. */
    private static List<String> phaseColumns(int listId, PhaseTrial trial) {
        List<String> row = new ArrayList<>(columns(listId, trial.trialIndex(), trial.imageId(), trial.presentation(),
                trial.kind()));
        row.add(Integer.toString(trial.phase()));
        row.add(trial.alternativeImageId() == null ? "" : trial.alternativeImageId());
        row.add(trial.targetSide() == null ? "" : trial.targetSide().csvName());
        return row;
    }

    /** What reading the continuous game's file and reading study and test lists differ in, apart from the lists. */
    private enum Shape {
        /** Five columns, continuous kinds only. */
        SEQUENCES("sequence", List.of(HEADER), true),
        /** Eight columns, or five read as phase 1. */
        PHASES("list", List.of(PHASE_HEADER, HEADER), false);

        final String noun;
        final List<List<String>> headers;
        final boolean continuousKindsOnly;

        Shape(String noun, List<List<String>> headers, boolean continuousKindsOnly) {
            this.noun = noun;
            this.headers = headers;
            this.continuousKindsOnly = continuousKindsOnly;
        }

        String expectedHeader() {
            String first = String.join(",", headers.get(0));
            return headers.size() == 1 ? first
                    : first + " (or the continuous game's " + String.join(",", headers.get(1)) + ")";
        }
    }

    /** A row whose fields are each sound; phase 1 and no alternative where the file has five columns. */
    private record Row(String at, int id, int trialIndex, String imageId, int presentation, Kind kind, int phase,
                       String alternative, Side side) {
    }

    /** Builds one shape's lists from the rows, in order, that passed the checks both shapes share. */
    private interface ListBuilder<L> {

        /** Checks the presentation of {@code row}, the next trial of the current list, and adds it. */
        void add(Row row, List<String> problems);

        /** The list of the rows added since the last call. */
        L finish(int id);
    }

    /**
     * Reads either shape: the header, each row's fields, ids running 1, 2, 3, ... with each list's rows together, and
     * trial indices 0, 1, 2, ... within a list; {@code builder} checks presentations and builds the lists. Problems are
     * reported together, in the order of the rows.
     */
    private static <L> List<L> readLists(Reader reader, String sourceName, Shape shape, ListBuilder<L> builder)
            throws IOException {
        ListReading<L> reading = new ListReading<>(sourceName, shape, builder);
        try (CsvReader record = CsvReader.records(reader, sourceName, false)) {
            List<String> fields = nextRecord(record, sourceName, reading.problems);
            while (fields != null && reading.accept(fields, record.line())) {
                fields = nextRecord(record, sourceName, reading.problems);
            }
        }
        return reading.lists();
    }

    /**
     * @return the fields of the next record that is not a blank line; null at the end of the file, or after a malformed
     *         record (added to the problems: nothing after it can be read)
     */
    private static List<String> nextRecord(CsvReader record, String sourceName, List<String> problems) throws IOException {
        try {
            while (record.next()) {
                if (record.fields() == 1 && record.isBlank(0)) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < record.fields(); i++) {
                    fields.add(record.string(i));
                }
                return fields;
            }
        } catch (InputException malformed) {
            problems.add(sourceName + " line " + malformed.line() + ": malformed CSV (" + malformed.detail() + ")");
        }
        return null;
    }

    /** The state of reading one file: the header, the list being read, its next trial index, and the problems. */
    private static final class ListReading<L> {
        private final String sourceName;
        private final Shape shape;
        private final ListBuilder<L> builder;
        private final List<String> problems = new ArrayList<>();
        private final List<L> lists = new ArrayList<>();
        private List<String> header;
        private int currentId;
        private int trials;

        ListReading(String sourceName, Shape shape, ListBuilder<L> builder) {
            this.sourceName = sourceName;
            this.shape = shape;
            this.builder = builder;
        }

        /** Takes the header or a row; @return false when reading must stop (a wrong header) */
        boolean accept(List<String> fields, long line) {
            if (header == null) {
                header = fields;
                if (!shape.headers.contains(fields)) {
                    problems.add(sourceName + " line " + line + ": the header must be exactly "
                            + shape.expectedHeader() + " but is " + String.join(",", fields));
                    return false;
                }
                return true;
            }
            String at = sourceName + " line " + line;
            if (fields.size() != header.size()) {
                problems.add(at + ": the row has " + fields.size() + " fields, expected " + header.size());
                return true;
            }
            Row row = row(fields, at, shape, problems);
            if (row == null) {
                return true;
            }
            if (row.id() != currentId) {
                startList(row.id(), at);
            }
            if (row.trialIndex() != trials) {
                problems.add(at + ", column trial_index: expected trial index " + trials + " but found "
                        + row.trialIndex());
                return true;
            }
            builder.add(row, problems);
            trials++;
            return true;
        }

        /** Finishes the current list and starts list {@code id}, which must be the next one. */
        private void startList(int id, String at) {
            if (id < currentId || (currentId > 0 && id != currentId + 1) || (currentId == 0 && id != 1)) {
                problems.add(at + ", column sequence_id: " + shape.noun + " " + id + " follows "
                        + shape.noun + " " + currentId + "; ids must run 1, 2, 3, ... with each " + shape.noun
                        + "'s rows together");
            }
            if (currentId > 0) {
                lists.add(builder.finish(currentId));
            }
            currentId = id;
            trials = 0;
        }

        /** @return the lists read, after finishing the last one */
        List<L> lists() {
            if (header == null) {
                problems.add(sourceName + " line 1: the file is empty; expected the header "
                        + String.join(",", shape.headers.get(0)));
            } else if (currentId > 0) {
                lists.add(builder.finish(currentId));
            }
            if (!problems.isEmpty()) {
                throw new SequencesCsvException(problems);
            }
            return List.copyOf(lists);
        }
    }

    /** The row's fields, each checked on its own; null (with the problems added) when one is not sound. */
    private static Row row(List<String> fields, String at, Shape shape, List<String> problems) {
        Integer id = integer(fields.get(0), 1, at, "sequence_id", problems);
        Integer trialIndex = integer(fields.get(1), 0, at, "trial_index", problems);
        String imageId = CsvCells.restore(fields.get(2));
        Integer presentation = integer(fields.get(3), 1, at, "presentation", problems);
        Kind kind = null;
        try {
            kind = Kind.fromCsv(fields.get(4));
            if (shape.continuousKindsOnly && !kind.isContinuous()) {
                problems.add(at + ", column kind: '" + kind.csvName() + "' belongs to a study or test list, "
                        + "whose file has the columns phase,alternative_image_id,target_side appended");
                kind = null;
            }
        } catch (IllegalArgumentException unknown) {
            problems.add(at + ", column kind: " + unknown.getMessage());
        }
        Integer phase = 1;
        String alternative = null;
        Side side = null;
        boolean sideOk = true;
        if (fields.size() == PHASE_HEADER.size()) {
            phase = fields.get(5).isEmpty() ? Integer.valueOf(1) : integer(fields.get(5), 1, at, "phase", problems);
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
                        + ": alternative_image_id and target_side are given together (a 2AFC trial) or not at all");
                sideOk = false;
            }
            if (alternative != null && alternative.equals(imageId)) {
                problems.add(at + ", column alternative_image_id: '" + imageId + "' cannot stand beside itself");
                sideOk = false;
            }
        }
        if (imageId.isEmpty()) {
            problems.add(at + ", column image_id: image_id is empty");
        }
        if (id == null || trialIndex == null || presentation == null || kind == null || phase == null || !sideOk
                || imageId.isEmpty()) {
            return null;
        }
        return new Row(at, id, trialIndex, imageId, presentation, kind, phase, alternative, side);
    }

    /** The continuous game's sequences: a repeat's lag counts from the image's first presentation. */
    private static final class Sequences implements ListBuilder<Sequence> {

        private List<Position> positions = new ArrayList<>();
        private Map<String, Integer> firstIndex = new TreeMap<>();

        @Override
        public void add(Row row, List<String> problems) {
            int index = row.trialIndex();
            String imageId = row.imageId();
            Kind kind = row.kind();
            if (row.presentation() == 1) {
                firstIndex.putIfAbsent(imageId, index);
                positions.add(Position.first(index, imageId, kind));
            } else if (row.presentation() == 2 && kind != Kind.FILLER && firstIndex.containsKey(imageId)) {
                positions.add(Position.repeat(index, imageId, kind, index - firstIndex.get(imageId)));
            } else {
                problems.add(row.at() + ", column presentation: " + (row.presentation() == 2
                        ? (kind == Kind.FILLER ? "a filler is shown only once"
                        : "'" + imageId + "' has no earlier presentation 1 in sequence " + row.id())
                        : "presentation must be 1 or 2, was " + row.presentation()));
                positions.add(Position.first(index, imageId, kind));
            }
        }

        @Override
        public Sequence finish(int id) {
            Sequence sequence = new Sequence(id, positions);
            positions = new ArrayList<>();
            firstIndex = new TreeMap<>();
            return sequence;
        }
    }

    /** Study and test lists: phases in order, and a lag counts from the image's latest showing (either side). */
    private static final class PhaseLists implements ListBuilder<PhaseList> {

        private List<PhaseTrial> trials = new ArrayList<>();
        private Map<String, Integer> lastShown = new TreeMap<>();
        private int currentPhase = 1;

        @Override
        public void add(Row row, List<String> problems) {
            int index = row.trialIndex();
            String imageId = row.imageId();
            if (row.phase() < currentPhase) {
                problems.add(row.at() + ", column phase: phase " + row.phase() + " follows phase " + currentPhase
                        + "; a list's phases run in order");
            }
            currentPhase = Math.max(currentPhase, row.phase());
            Integer earlier = lastShown.get(imageId);
            Integer lag = null;
            int presentation = row.presentation();
            if (presentation == 1 && earlier != null) {
                problems.add(row.at() + ", column presentation: '" + imageId + "' was shown at trial " + earlier
                        + " of list " + row.id() + ", so this showing has presentation 2");
            } else if (presentation == 2 && earlier != null && row.kind() != Kind.FILLER) {
                lag = index - earlier;
            } else if (presentation != 1) {
                problems.add(row.at() + ", column presentation: " + (presentation == 2
                        ? (row.kind() == Kind.FILLER ? "a filler is shown only once"
                        : "'" + imageId + "' has no earlier showing in list " + row.id())
                        : "presentation must be 1 or 2, was " + presentation));
                presentation = 1;
            }
            trials.add(new PhaseTrial(index, row.phase(), imageId, row.kind(), presentation, lag, row.alternative(),
                    row.side(), null, null));
            lastShown.put(imageId, index);
            if (row.alternative() != null) {
                lastShown.put(row.alternative(), index);
            }
        }

        @Override
        public PhaseList finish(int id) {
            PhaseList list = new PhaseList(id, trials);
            trials = new ArrayList<>();
            lastShown = new TreeMap<>();
            currentPhase = 1;
            return list;
        }
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
