package engram.generator.set;

import engram.core.format.ManifestRow;
import engram.core.format.ManifestWriter;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import engram.generator.OutputFolder;
import engram.generator.StimulusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a stimulus-set folder (images, manifest.csv, generation.json) into a temporary sibling folder and
 * moves it into place only on {@link #commit}; closing without commit deletes the temporary folder, so a
 * failed run leaves nothing half-written. manifest.csv is the last file written before the move.
 */
public final class StimulusSetWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final OutputFolder folder;

    private StimulusSetWriter(OutputFolder folder) {
        this.folder = folder;
    }

    /**
     * Starts a set that will appear at {@code target}. An existing non-empty folder is replaced only when
     * {@code overwrite} is true; the check happens now, before any work.
     */
    public static StimulusSetWriter create(Path target, boolean overwrite) {
        try {
            OutputFolder folder = OutputFolder.create(target, overwrite);
            Files.createDirectories(folder.staging().resolve("images"));
            return new StimulusSetWriter(folder);
        } catch (IOException e) {
            throw new StimulusException("output " + target + ": cannot create: " + e.getMessage(), e);
        }
    }

    /** Writes a file (path relative to the set folder). */
    public void write(String relativePath, byte[] content) {
        Path staging = folder.staging();
        Path file = staging.resolve(relativePath).normalize();
        if (!file.startsWith(staging)) {
            throw new IllegalArgumentException("path escapes the set folder: " + relativePath);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new StimulusException("output " + folder.target() + ": cannot write " + relativePath + ": " + e.getMessage(), e);
        }
    }

    /** Writes a UTF-8 text file. */
    public void writeText(String relativePath, String text) {
        write(relativePath, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes generation.json, then manifest.csv, then moves the folder into place. */
    public void commit(List<ManifestRow> rows, Map<String, Object> generation) {
        try {
            writeText("generation.json", JSON.writeValueAsString(generation) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeText("manifest.csv", ManifestWriter.csv(rows));
        try {
            folder.commit();
        } catch (IOException e) {
            throw new StimulusException("output " + folder.target() + ": cannot move the finished set into place: " + e.getMessage(), e);
        }
    }

    /**
     * A generated manifest row: {@code pairId} empty for none, {@code predicted} NaN for none. Every generated set
     * carries a {@code seed} column right after the fixed ones (empty when the image was not made from a seed), then
     * the further columns.
     */
    public static ManifestRow row(String imageId, String file, String pairId, String condition, String category,
                                  double predicted, Long seed, Map<String, String> extra) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("seed", seed == null ? "" : Long.toString(seed));
        columns.putAll(extra);
        return new ManifestRow(imageId, file, pairId == null || pairId.isEmpty() ? null : pairId, condition, category,
            Double.isNaN(predicted) ? null : predicted, columns);
    }

    @Override
    public void close() {
        folder.close();
    }
}
