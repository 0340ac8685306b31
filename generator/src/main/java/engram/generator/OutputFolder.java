package engram.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An output folder written all or nothing: the files go into a hidden sibling ({@code .NAME.tmp-UUID}) that replaces
 * the folder on {@link #commit}; closing without a commit deletes it, so a failed run leaves nothing half-written.
 * An existing folder is moved aside first and put back if the move fails.
 *
 * <pre>{@code try (OutputFolder folder = OutputFolder.create(out, overwrite)) {
 *     Files.writeString(folder.staging().resolve("a.csv"), csv);
 *     folder.commit();
 * }}</pre>
 */
public final class OutputFolder implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private OutputFolder(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Starts a folder that will appear at {@code out}. An existing non-empty folder is replaced only when
     * {@code overwrite} is true; the check happens now, before any work.
     *
     * @throws StimulusException when {@code out} is a file, or a non-empty folder without {@code overwrite}
     * @throws IOException       when the staging folder cannot be made
     */
    public static OutputFolder create(Path out, boolean overwrite) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new StimulusException("output " + out + ": exists and is not a folder");
        }
        if (!overwrite && Files.isDirectory(target) && !isEmpty(target)) {
            throw new StimulusException("output " + out + ": folder exists and is not empty (set `overwrite` to replace it)");
        }
        Files.createDirectories(target.getParent());
        Path staging = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectories(staging);
        return new OutputFolder(target, staging, overwrite);
    }

    /** @return the folder to write into until {@link #commit} */
    public Path staging() {
        return staging;
    }

    /** @return where the folder appears on {@link #commit} (absolute) */
    public Path target() {
        return target;
    }

    /**
     * Moves the written folder into place, replacing the one there.
     *
     * @throws StimulusException when, without {@code overwrite}, the folder has become non-empty since {@link #create}
     * @throws IOException       when the move fails (an existing folder is then put back)
     */
    public void commit() throws IOException {
        Path old = null;
        if (Files.isDirectory(target)) {
            if (!overwrite && !isEmpty(target)) {
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
    }

    /** Deletes the staging folder unless it was committed. */
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
