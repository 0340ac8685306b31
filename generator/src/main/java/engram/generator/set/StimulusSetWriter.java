package engram.generator.set;

import engram.core.format.ManifestRow;
import engram.core.format.ManifestWriter;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import engram.generator.StimulusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a stimulus-set folder (images, manifest.csv, generation.json) into a temporary sibling folder and
 * moves it into place only on {@link #commit}; closing without commit deletes the temporary folder, so a
 * failed run leaves nothing half-written. manifest.csv is the last file written before the move.
 */
public final class StimulusSetWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private StimulusSetWriter(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Starts a set that will appear at {@code target}. An existing non-empty folder is replaced only when
     * {@code overwrite} is true; the check happens now, before any work.
     */
    public static StimulusSetWriter create(Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new StimulusException("output " + target + ": exists and is not a folder");
        }
        if (!overwrite && Files.isDirectory(absolute) && !isEmpty(absolute)) {
            throw new StimulusException("output " + target + ": folder exists and is not empty (set `overwrite` to replace it)");
        }
        try {
            Files.createDirectories(absolute.getParent());
            Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
            Files.createDirectories(staging.resolve("images"));
            return new StimulusSetWriter(absolute, staging, overwrite);
        } catch (IOException e) {
            throw new StimulusException("output " + target + ": cannot create: " + e.getMessage(), e);
        }
    }

    /** Writes a file (path relative to the set folder). */
    public void write(String relativePath, byte[] content) {
        Path file = staging.resolve(relativePath).normalize();
        if (!file.startsWith(staging)) {
            throw new IllegalArgumentException("path escapes the set folder: " + relativePath);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new StimulusException("output " + target + ": cannot write " + relativePath + ": " + e.getMessage(), e);
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
            Path old = null;
            if (Files.isDirectory(target)) {
                if (!isEmpty(target) && !overwrite) {
                    throw new StimulusException("output " + target + ": folder became non-empty during the run");
                }
                old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new StimulusException("output " + target + ": cannot move the finished set into place: " + e.getMessage(), e);
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
        if (!committed) {
            deleteTree(staging);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new StimulusException("output " + dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
