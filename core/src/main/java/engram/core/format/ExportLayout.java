package engram.core.format;

import java.util.List;

/**
 * The export zip's files and their columns, in order: the one list that the webapp's export writes, the analysis
 * reads and docs/data-formats.md documents (ExportLayoutTest compares them). Columns are a contract: never renamed or
 * reordered; new ones are appended at the end.
 */
public final class ExportLayout {

    /**
     * One CSV file of the export.
     *
     * @param name     the file name in the zip
     * @param columns  every column, in the order written
     * @param required the columns a reader needs (files from older exports lack some later columns)
     */
    public record CsvFile(String name, List<String> columns, List<String> required) {
        public CsvFile {
            columns = List.copyOf(columns);
            required = List.copyOf(required);
            if (!columns.containsAll(required)) {
                throw new IllegalArgumentException(name + ": required columns must be columns");
            }
        }
    }

    /** One row per stored trial. */
    public static final CsvFile RESPONSES = new CsvFile("responses.csv", List.of("participant_id", "sequence_id",
        "trial_index", "image_id", "presentation", "kind", "lag", "responded", "rt_ms", "onset_ms", "duration_ms", "run_id",
        "offset_ms", "dropped_frames", "visibility_changes", "fullscreen_exits", "displayed_width", "displayed_height",
        "device_pixel_ratio", "saved_at", "page_load", "interrupted", "extra_showings"),
        List.of("participant_id", "sequence_id", "trial_index", "image_id", "presentation", "kind", "lag", "responded",
            "rt_ms", "onset_ms", "duration_ms"));

    /** One row per VMS box. */
    public static final CsvFile BOXES = new CsvFile("boxes.csv", List.of("participant_id", "trial_index", "image_id",
        "box_index", "x", "y", "width", "height", "run_id", "displayed_width", "displayed_height", "device_pixel_ratio"),
        List.of("participant_id", "trial_index", "image_id", "box_index", "x", "y", "width", "height"));

    /** One row per run. */
    public static final CsvFile PARTICIPANTS = new CsvFile("participants.csv", List.of("participant_id", "run_id",
        "sequence_id", "study_id", "session_id", "state", "pilot", "consented", "started_at", "finished_at", "trials_saved",
        "interruptions", "completion_code", "attention_passed", "browser", "os", "screen", "window", "refresh_hz", "dpr",
        "touch", "px_per_degree", "stimulus_size_px", "device_rule", "practice_attempts", "practice_passed", "card_width_px",
        "viewing_distance_cm", "viewing_distance_source", "blind_spot_px", "protocol_version", "protocol_hash"),
        List.of("participant_id", "run_id", "sequence_id", "state", "trials_saved", "attention_passed"));

    /** The built streams, one row per position (also the workspace's download and upload). */
    public static final CsvFile SEQUENCES = new CsvFile("sequences.csv", List.of("sequence_id", "trial_index", "image_id",
        "presentation", "kind"), List.of("sequence_id", "trial_index", "image_id", "presentation", "kind"));

    /**
     * The columns that sequences.csv gains for study and test lists (issue #14; docs/data-formats.md, "Phases: the
     * columns appended to sequences.csv"), in this order after {@link #SEQUENCES}' columns; the continuous game keeps
     * the five. {@link SequencesCsv} writes and reads them.
     */
    public static final List<String> SEQUENCE_PHASE_COLUMNS = List.of("phase", "alternative_image_id", "target_side");

    /** The stimulus set's manifest: these columns, then the set's further columns in their order. */
    public static final CsvFile MANIFEST = new CsvFile("manifest.csv", List.of("image_id", "file", "pair_id", "condition",
        "category", "predicted_memorability"), List.of("image_id", "file", "pair_id", "condition", "category"));

    /**
     * The columns that responses.csv gains for phases, sessions and tasks (issue #14; docs/data-formats.md, "Phases,
     * sessions and tasks"), in this order after {@link #RESPONSES}' columns, in the export of an experiment with a
     * phase plan ({@link #withPhases}); the continuous game's export keeps {@code RESPONSES.columns()}.
     */
    public static final List<String> RESPONSE_PHASE_COLUMNS = List.of("phase", "session", "task", "answer", "confidence",
        "confidence_levels", "lure_type", "target_side", "choice_side", "chosen_image_id", "alternative_image_id");

    /**
     * One row per run and session (issue #14): the delay window and the delay actually elapsed. In the export only when
     * the experiment has more than one session.
     */
    public static final CsvFile SESSIONS = new CsvFile("sessions.csv", List.of("participant_id", "run_id", "session",
        "first_phase", "state", "opened_at", "finished_at", "delay_min_s", "delay_max_s", "delay_s", "refused_early",
        "refused_late"), List.of("participant_id", "run_id", "session", "delay_s"));

    /** The CSV files of the export, in the order they are written ({@link #SESSIONS} only with several sessions). */
    public static final List<CsvFile> CSV_FILES = List.of(RESPONSES, BOXES, PARTICIPANTS, SEQUENCES, SESSIONS, MANIFEST);

    /** The experiment's settings and texts. */
    public static final String EXPERIMENT_JSON = "experiment.json";

    /** The folder of the images, named by their manifest {@code file}. */
    public static final String IMAGES = "images/";

    private ExportLayout() {
    }

    /** @return {@code columns} then the appended phase columns: a file's header in the export of a phased experiment */
    public static List<String> withPhases(List<String> columns, List<String> phaseColumns) {
        List<String> all = new java.util.ArrayList<>(columns);
        all.addAll(phaseColumns);
        return List.copyOf(all);
    }
}
