package engram.export.control;

import engram.core.format.ExportCsv;
import engram.core.format.ExportLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import engram.experiment.control.PhasesJson;
import engram.experiment.control.TextWithDefault;
import engram.experiment.entity.Experiment;
import engram.platform.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Streams an experiment's data as a zip (docs/data-formats.md): responses.csv, boxes.csv, participants.csv,
 * sequences.csv, manifest.csv, experiment.json and the images. Rows are read with a JDBC cursor and written as they
 * arrive, so memory stays constant whatever the number of runs.
 */
@ApplicationScoped
public class ExportWriter {

    private static final int FETCH_SIZE = 1000;
    /** responses.csv of an experiment with phases: the columns, then the phase columns (docs/data-formats.md). */
    static final List<String> RESPONSE_COLUMNS_WITH_PHASES = concat(ExportLayout.RESPONSES.columns(), ExportLayout.RESPONSE_PHASE_COLUMNS);
    /** sequences.csv of an experiment with phases: the five columns, then phase, alternative_image_id, target_side. */
    static final List<String> SEQUENCE_COLUMNS_WITH_PHASES = engram.core.format.SequencesCsv.PHASE_HEADER;
    private static final String RUNS = " r.experiment_id = ? AND r.state <> 'VOIDED' AND (r.pilot = FALSE OR ?) ";

    @Inject
    Database database;

    /** For CDI. */
    public ExportWriter() {
    }

    /** Outside a container (tests, benchmarks). */
    public ExportWriter(Database database) {
        this.database = database;
    }

    public void write(Experiment experiment, boolean includePilot, boolean includeImages, OutputStream target) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
        Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        long id = experiment.id();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setReadOnly(true);
            boolean phases = experiment.phasesJson() != null;
            entry(zip, text, ExportLayout.RESPONSES.name(), phases ? RESPONSE_COLUMNS_WITH_PHASES : ExportLayout.RESPONSES.columns(), connection,
                    "SELECT r.prolific_pid, r.sequence_id, t.trial_index, t.image_id, si.presentation, si.kind, si.lag, t.responded,"
                            + " t.rt_ms, t.onset_ms, t.duration_ms, r.public_id, t.offset_ms, t.dropped_frames, t.visibility_changes,"
                            + " t.fullscreen_exits, t.displayed_width, t.displayed_height, t.device_pixel_ratio, t.saved_at,"
                            + " t.page_load, t.interrupted, t.extra_showings"
                            + (phases ? ", t.phase, t.session_number, t.task, t.answer, t.confidence, t.confidence_levels, t.lure_type,"
                                    + " t.target_side, t.choice_side, t.chosen_image_id, t.alternative_image_id" : "")
                            + " FROM trial t JOIN run r ON r.id = t.run_id"
                            + " JOIN sequence_item si ON si.experiment_id = r.experiment_id AND si.sequence_id = r.sequence_id"
                            + " AND si.trial_index = t.trial_index WHERE" + RUNS + "ORDER BY r.id, t.trial_index",
                    id, includePilot);
            entry(zip, text, ExportLayout.BOXES, connection,
                    "SELECT r.prolific_pid, t.trial_index, t.image_id, b.box_index, b.x, b.y, b.width, b.height, r.public_id,"
                            + " t.displayed_width, t.displayed_height, t.device_pixel_ratio"
                            + " FROM box b JOIN trial t ON t.id = b.trial_id JOIN run r ON r.id = t.run_id"
                            + " WHERE" + RUNS + "ORDER BY r.id, t.trial_index, b.box_index",
                    id, includePilot);
            entry(zip, text, ExportLayout.PARTICIPANTS, connection,
                    "SELECT r.prolific_pid, r.public_id, r.sequence_id, r.study_id, r.session_id, r.state, r.pilot, r.consented,"
                            + " r.started_at, r.finished_at, r.trials_saved, r.interruptions, r.completion_code, r.attention_passed,"
                            + " r.browser, r.os, r.screen_size, r.window_size, r.refresh_hz, r.dpr, r.touch, r.px_per_degree,"
                            + " r.stimulus_size_px, r.device_rule, r.practice_attempts, r.practice_passed, r.card_width_px, r.viewing_distance_cm,"
                            + " LOWER(r.viewing_distance_source), r.blind_spot_px, r.protocol_version, r.protocol_hash"
                            + " FROM run r WHERE" + RUNS + "ORDER BY r.id",
                    id, includePilot);
            entry(zip, text, ExportLayout.SEQUENCES.name(), phases ? SEQUENCE_COLUMNS_WITH_PHASES : ExportLayout.SEQUENCES.columns(), connection,
                    "SELECT sequence_id, trial_index, image_id, presentation, kind"
                            + (phases ? ", COALESCE(phase, 1), alternative_image_id, target_side" : "") + " FROM sequence_item"
                            + " WHERE experiment_id = ? ORDER BY sequence_id, trial_index", id);
            if (PhasesJson.read(experiment.phasesJson()).phases().stream().anyMatch(p -> p.session() > 1)) {
                sessions(zip, text, connection, id, includePilot);
            }
            manifest(zip, text, connection, experiment);
            experimentJson(zip, text, experiment, includePilot, protocolVersions(connection, id));
            if (includeImages) {
                images(zip, connection, experiment);
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IOException("Export of '" + experiment.slug() + "' failed while reading the database", e);
        }
        zip.finish();
        zip.flush();
    }

    private static void entry(ZipOutputStream zip, Writer text, ExportLayout.CsvFile file, Connection connection,
                              String sql, Object... parameters) throws SQLException, IOException {
        entry(zip, text, file.name(), file.columns(), connection, sql, parameters);
    }

    private static void entry(ZipOutputStream zip, Writer text, String name, List<String> header, Connection connection,
                              String sql, Object... parameters) throws SQLException, IOException {
        zip.putNextEntry(new ZipEntry(name));
        ExportCsv csv = new ExportCsv(text);
        csv.row(header.toArray());
        try (PreparedStatement statement = cursor(connection, sql, parameters); ResultSet rows = statement.executeQuery()) {
            int columns = header.size();
            Object[] values = new Object[columns];
            while (rows.next()) {
                for (int c = 0; c < columns; c++) {
                    values[c] = value(rows, c + 1);
                }
                csv.row(values);
            }
        }
        text.flush();
        zip.closeEntry();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * sessions.csv: one row per run and session, with the delay actually elapsed (opened_at minus the previous
     * session's finished_at, whole seconds), computed here as the rows stream by in run and session order.
     */
    private static void sessions(ZipOutputStream zip, Writer text, Connection connection, long id, boolean includePilot)
            throws SQLException, IOException {
        zip.putNextEntry(new ZipEntry(ExportLayout.SESSIONS.name()));
        ExportCsv csv = new ExportCsv(text);
        csv.row(ExportLayout.SESSIONS.columns().toArray());
        String sql = "SELECT r.prolific_pid, r.public_id, s.session_number, s.first_phase, s.state, s.opened_at, s.finished_at,"
                + " s.delay_min_s, s.delay_max_s, s.refused_early, s.refused_late, r.id"
                + " FROM run_session s JOIN run r ON r.id = s.run_id WHERE" + RUNS + "ORDER BY r.id, s.session_number";
        try (PreparedStatement statement = cursor(connection, sql, id, includePilot); ResultSet rows = statement.executeQuery()) {
            long run = -1;
            OffsetDateTime previousFinished = null;
            while (rows.next()) {
                if (rows.getLong(12) != run) {
                    run = rows.getLong(12);
                    previousFinished = null;
                }
                OffsetDateTime opened = rows.getObject(6) == null ? null : rows.getObject(6, OffsetDateTime.class);
                OffsetDateTime finished = rows.getObject(7) == null ? null : rows.getObject(7, OffsetDateTime.class);
                Long delay = rows.getInt(3) > 1 && opened != null && previousFinished != null
                        ? java.time.Duration.between(previousFinished, opened).getSeconds() : null;
                csv.row(new Object[] {rows.getString(1), rows.getString(2), rows.getInt(3), rows.getInt(4), rows.getString(5), opened, finished,
                        value(rows, 8), value(rows, 9), delay, rows.getInt(10), rows.getInt(11)});
                previousFinished = finished;
            }
        }
        text.flush();
        zip.closeEntry();
    }

    private static Object value(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value instanceof java.sql.Timestamp || value instanceof java.time.temporal.Temporal) {
            return rows.getObject(column, OffsetDateTime.class);
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    private static PreparedStatement cursor(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static void manifest(ZipOutputStream zip, Writer text, Connection connection, Experiment experiment) throws SQLException, IOException {
        String sql = "SELECT image_id, file_name, pair_id, condition_name, category, predicted_memorability, extra_columns"
                + " FROM stimulus WHERE stimulus_set_id = ? ORDER BY id";
        List<StimulusRow> rows = new ArrayList<>();
        LinkedHashSet<String> extraColumns = new LinkedHashSet<>();
        try (PreparedStatement statement = cursor(connection, sql, experiment.stimulusSet().id()); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Map<String, String> extra = parseExtra(rs.getString(7));
                rows.add(new StimulusRow(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        value(rs, 6)), extra));
                extraColumns.addAll(extra.keySet());
            }
        }
        zip.putNextEntry(new ZipEntry(ExportLayout.MANIFEST.name()));
        ExportCsv csv = new ExportCsv(text);
        List<Object> header = new ArrayList<>(ExportLayout.MANIFEST.columns());
        header.addAll(extraColumns);
        csv.row(header.toArray());
        for (StimulusRow stimulus : rows) {
            List<Object> row = new ArrayList<>(stimulus.columns());
            for (String column : extraColumns) {
                row.add(stimulus.extra().get(column));
            }
            csv.row(row.toArray());
        }
        text.flush();
        zip.closeEntry();
    }

    /** One stimulus: its values of the manifest's columns, in their order, and its extra columns by name. */
    private record StimulusRow(List<Object> columns, Map<String, String> extra) {
    }

    static Map<String, String> parseExtra(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, String> extra = new java.util.LinkedHashMap<>();
            object.forEach((key, value) -> extra.put(key, value.getValueType() == JsonValue.ValueType.STRING
                    ? ((JsonString) value).getString() : value.toString()));
            return extra;
        }
    }

    /** The experiment's frozen protocol versions, oldest first (docs/archive-format.md). */
    private static jakarta.json.JsonArray protocolVersions(Connection connection, long experimentId) throws SQLException {
        jakarta.json.JsonArrayBuilder versions = Json.createArrayBuilder();
        try (PreparedStatement statement = cursor(connection, "SELECT version, hash, frozen_at FROM protocol_version WHERE experiment_id = ?"
                + " ORDER BY version", experimentId); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                versions.add(Json.createObjectBuilder().add("version", rows.getInt(1)).add("hash", rows.getString(2))
                        .add("frozenAt", ExportCsv.format(value(rows, 3))));
            }
        }
        return versions.build();
    }

    private static void experimentJson(ZipOutputStream zip, Writer text, Experiment e, boolean includePilot,
                                       jakarta.json.JsonArray versions) throws IOException {
        zip.putNextEntry(new ZipEntry(ExportLayout.EXPERIMENT_JSON));
        JsonObject json = Json.createObjectBuilder()
                .add("slug", e.slug()).add("title", e.title()).add("status", e.status().name())
                .add("stimulusSet", e.stimulusSet().name())
                .add("displayMs", e.displayMs()).add("isiMs", e.isiMs())
                .add("minBoxes", e.minBoxes()).add("maxBoxes", e.maxBoxes())
                .add("resumePolicy", e.resumePolicy().name()).add("resumeWindowMinutes", e.resumeWindowMinutes())
                .add("reservationMinutes", e.reservationMinutes())
                .add("minVigilanceHitRate", e.minVigilanceHitRate()).add("maxFalseAlarmRate", e.maxFalseAlarmRate())
                .add("targetPerSequence", e.targetPerSequence())
                .add("countFailedRuns", e.countFailedRuns())
                .add("display", displayJson(e))
                .add("completionCodes", completionCodes(e))
                .add("texts", Json.createObjectBuilder()
                        .add("consent", markdownOrHtml(e.consentMarkdown(), e.consentHtml()))
                        .add("instructions", markdownOrHtml(e.instructionsMarkdown(), e.instructionsHtml()))
                        .add("debrief", markdownOrHtml(e.debriefMarkdown(), e.debriefHtml()))
                        .add("failedCheck", TextWithDefault.FAILED_CHECK.markdown(e))
                        .add("full", TextWithDefault.FULL_STUDY.markdown(e)))
                .add("prolificWebhooks", !e.prolificWebhookSecret().isEmpty())
                .add("sequenceCount", e.sequenceCount()).add("sequenceLength", e.sequenceLength())
                .add("practiceImages", Json.createArrayBuilder(e.practiceImageIds()))
                .add("design", Json.createReader(new StringReader(e.designJson())).readValue())
                .add("includesPilotRuns", includePilot)
                .add("protocolVersion", versions.isEmpty() ? JsonValue.NULL : versions.getJsonObject(versions.size() - 1).get("version"))
                .add("protocolHash", versions.isEmpty() ? JsonValue.NULL : versions.getJsonObject(versions.size() - 1).get("hash"))
                .add("protocolVersions", versions)
                .add("phases", PhasesJson.asJson(PhasesJson.read(e.phasesJson())))
                .build();
        text.write(json.toString());
        text.write('\n');
        text.flush();
        zip.closeEntry();
    }

    /** The codes; with phases also each session's code but the last's ({@code sessions}) and the too-early and too-late codes. */
    private static jakarta.json.JsonObjectBuilder completionCodes(Experiment e) {
        jakarta.json.JsonObjectBuilder codes = Json.createObjectBuilder().add("completed", orEmpty(e.codeCompleted()))
                .add("noConsent", orEmpty(e.codeNoConsent())).add("failedAttentionCheck", orEmpty(e.codeFailedCheck()));
        if (e.phasesJson() != null) {
            codes.add("sessions", Json.createArrayBuilder(e.sessionCodes())).add("tooEarly", orEmpty(e.codeTooEarly()))
                    .add("tooLate", orEmpty(e.codeTooLate()));
        }
        return codes;
    }

    private static JsonObject displayJson(Experiment e) {
        var d = e.display();
        return Json.createObjectBuilder()
                .add("stimulusSizeMode", d.sizeMode().name()).add("stimulusSize", d.stimulusSize())
                .add("viewingDistanceCm", d.viewingDistanceCm()).add("askViewingDistance", d.askViewingDistance())
                .add("viewingDistanceSource", d.distanceSource().name())
                .add("annotationScale", d.annotationScale()).add("warmupFrames", d.warmupFrames())
                .add("minRefreshHz", d.minRefreshHz()).add("minWindowWidth", d.minWindowWidth()).add("minWindowHeight", d.minWindowHeight())
                .add("allowPhones", d.allowPhones()).add("requireFullscreen", d.requireFullscreen())
                .add("codeNoDevice", orEmpty(d.codeNoDevice()))
                .add("practicePassMark", d.practicePassMark()).add("practiceRepeats", d.practiceRepeats())
                .add("practiceFailAction", d.practiceFailAction().name()).add("codePracticeFailed", orEmpty(d.codePracticeFailed()))
                .build();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String markdownOrHtml(String markdown, String html) {
        return markdown == null || markdown.isBlank() ? orEmpty(html) : markdown;
    }

    private static void images(ZipOutputStream zip, Connection connection, Experiment experiment) throws SQLException, IOException {
        String sql = "SELECT s.file_name, b.bytes FROM stimulus s JOIN image_blob b ON b.sha256 = s.sha256 WHERE s.stimulus_set_id = ? ORDER BY s.id";
        try (PreparedStatement statement = cursor(connection, sql, experiment.stimulusSet().id()); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String file = rs.getString(1);
                zip.putNextEntry(new ZipEntry(file.startsWith(ExportLayout.IMAGES) ? file : ExportLayout.IMAGES + file));
                zip.write(rs.getBytes(2));
                zip.closeEntry();
            }
        }
    }
}
