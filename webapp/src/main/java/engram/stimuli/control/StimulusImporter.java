package engram.stimuli.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

import engram.core.format.Manifest;
import engram.core.format.ManifestException;
import engram.core.format.ManifestProblem;
import engram.core.format.ManifestReader;
import engram.core.format.ManifestRow;
import engram.platform.Database;
import engram.stimuli.entity.Stimulus;
import engram.stimuli.entity.StimulusSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Imports a stimulus set (manifest.csv plus its images), all or nothing, in bounded memory:
 * <ol>
 * <li>the manifest is read and checked, and the set is held against {@link ImportLimits} (rows, bytes per image,
 * bytes in all) before any image is read;</li>
 * <li>each distinct image file is read, hashed and decoded once (one image in memory at a time), the files of the
 * manifest's readable rows too when other rows have problems, so that one pass reports every problem;</li>
 * <li>new images are written to image_blob in transactions of about {@link ImportLimits#batchBytes()};</li>
 * <li>the set and its rows are written in one last transaction.</li>
 * </ol>
 * When a step fails, the images this import wrote (and nothing else references) are deleted again, so no half set is
 * left behind; images left by a killed server are deleted by {@link #removeUnreferencedImages()} at start-up.
 * One import runs at a time.
 */
@ApplicationScoped
public class StimulusImporter {

    private static final Logger LOG = Logger.getLogger(StimulusImporter.class.getName());
    static final int MANIFEST_MAX_BYTES = 5 * 1024 * 1024;
    private static final int ROWS_PER_FLUSH = 500;

    /** Where the manifest's files are read from: a folder, a zip, or the classpath for the built-in demo set. */
    public interface Source {
        String describe();

        /** The bytes of manifest.csv (at most {@link #MANIFEST_MAX_BYTES}). */
        byte[] manifest() throws IOException;

        /** The file's size in bytes as far as it is known without reading it (0 when unknown); empty when it is absent. */
        OptionalLong size(String relativePath) throws IOException;

        /** The file's bytes, at most {@link ImageCheck#MAX_BYTES}; empty when it is absent. */
        Optional<byte[]> file(String relativePath) throws IOException;

        /**
         * A folder on the server. Symbolic links are never followed, neither for files nor for folders on the way to
         * them: a link is reported as a link, without looking at where it points.
         */
        static Source folder(Path folder) {
            return new Source() {
                public String describe() { return folder.toString(); }

                public byte[] manifest() throws IOException {
                    return read("manifest.csv", MANIFEST_MAX_BYTES).orElseThrow(() -> new NoSuchFileException(folder.resolve("manifest.csv").toString()));
                }

                public OptionalLong size(String path) throws IOException {
                    Optional<BasicFileAttributes> attributes = attributes(path);
                    return attributes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(attributes.get().size());
                }

                public Optional<byte[]> file(String path) throws IOException {
                    return read(path, ImageCheck.MAX_BYTES);
                }

                private Optional<byte[]> read(String path, int limit) throws IOException {
                    if (attributes(path).isEmpty()) {
                        return Optional.empty();
                    }
                    try (InputStream in = Files.newInputStream(folder.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                        byte[] bytes = in.readNBytes(limit + 1);
                        if (bytes.length > limit) {
                            throw new StimulusSetException(folder.toString(), List.of("'" + path + "' has more than " + limit + " bytes"));
                        }
                        return Optional.of(bytes);
                    }
                }

                /** The file's attributes, empty when it is absent; a link anywhere below the folder is a problem. */
                private Optional<BasicFileAttributes> attributes(String path) throws IOException {
                    String[] segments = path.split("/");
                    Path current = folder;
                    BasicFileAttributes attributes = null;
                    for (String segment : segments) {
                        current = current.resolve(segment);
                        try {
                            attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        } catch (NoSuchFileException e) {
                            return Optional.empty();
                        }
                        if (attributes.isSymbolicLink()) {
                            throw new StimulusSetException(folder.toString(), List.of("'" + folder.relativize(current)
                                    + "' is a symbolic link; links are not followed in a server import (copy the files into the folder)"));
                        }
                    }
                    return attributes != null && attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
                }
            };
        }

        static Source classpath(String folder) {
            ClassLoader loader = StimulusImporter.class.getClassLoader();
            return new Source() {
                public String describe() { return "classpath:" + folder; }

                public byte[] manifest() throws IOException {
                    return file("manifest.csv").orElseThrow(() -> new NoSuchFileException(folder + "/manifest.csv"));
                }

                public OptionalLong size(String path) throws IOException {
                    return loader.getResource(folder + "/" + path) == null ? OptionalLong.empty() : OptionalLong.of(0);
                }

                public Optional<byte[]> file(String path) throws IOException {
                    try (InputStream in = loader.getResourceAsStream(folder + "/" + path)) {
                        return in == null ? Optional.empty() : Optional.of(in.readNBytes(ImageCheck.MAX_BYTES + 1));
                    }
                }
            };
        }
    }

    /** A checked image file: what the rows that name it store, and what image_blob gets. */
    private record Checked(String sha256, String contentType, int width, int height, int sizeBytes) {
    }

    @Inject
    Database database;
    @Inject
    Clock clock;

    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private ImportLimits limits;

    public ImportLimits limits() {
        if (limits == null) {
            limits = ImportLimits.fromConfig();
        }
        return limits;
    }

    void setLimits(ImportLimits limits) {
        this.limits = limits;
    }

    public long importSet(String name, Source source) throws IOException {
        return importSet(name, source, (em, set) -> { });
    }

    /**
     * Checks every row (file present, image within the limits and decodable, no two rows with the same bytes), then
     * stores the set; {@code alsoInTransaction} runs in the last transaction (e.g. the audit record). Throws
     * {@link StimulusSetException} with the problems, and stores nothing, when any row fails or a limit is exceeded.
     */
    public long importSet(String name, Source source, BiConsumer<EntityManager, StimulusSet> alsoInTransaction) throws IOException {
        oneAtATime.lock();
        try {
            ImportLimits limits = limits();
            List<String> problems = new ArrayList<>();
            Manifest manifest = null;
            List<ManifestException.LinedRow> rows;
            try {
                manifest = ManifestReader.read(source.manifest(), "manifest.csv");
                rows = lined(manifest);
            } catch (ManifestException e) {
                e.problems().forEach(p -> problems.add(p.message()));
                rows = e.readableRows();
            }
            Set<String> unusable = new HashSet<>();
            checkSizes(rows, source, limits, problems, unusable);
            Map<String, Checked> checked = checkImages(rows, source, limits, problems, unusable);
            if (!problems.isEmpty()) {
                problems.sort(java.util.Comparator.comparingInt(StimulusImporter::lineOf)); // stable: a problem of the whole set first
                throw new StimulusSetException(source.describe(), problems);
            }
            List<String> written = new ArrayList<>();
            boolean stored = false;
            try {
                writeImages(source, checked, limits, written);
                long id = writeSet(name, source, manifest, checked, alsoInTransaction);
                stored = true;
                return id;
            } finally {
                if (!stored) {
                    deleteUnreferenced(written);
                }
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("^manifest\\.csv line (\\d+)");

    /** The manifest line a problem names, 0 for a problem of the whole set. */
    static int lineOf(String problem) {
        java.util.regex.Matcher m = LINE.matcher(problem);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The rows of a manifest read without problems, with their lines (the header is line 1). */
    private static List<ManifestException.LinedRow> lined(Manifest manifest) {
        List<ManifestException.LinedRow> rows = new ArrayList<>();
        for (int i = 0; i < manifest.size(); i++) {
            rows.add(new ManifestException.LinedRow(i + 2, manifest.rows().get(i)));
        }
        return rows;
    }

    /**
     * Step 1: the set held against the limits before any image is read. A file that is missing or too large is a
     * problem (and left out of step 2); too many rows, or too many bytes in all, end the check here, with every
     * problem found so far (the manifest's own included), so that no image of a set that is too large is read.
     */
    private void checkSizes(List<ManifestException.LinedRow> rows, Source source, ImportLimits limits, List<String> problems, Set<String> unusable)
            throws IOException {
        if (rows.size() > limits.maxImages()) {
            problems.add("manifest.csv has " + rows.size() + " rows; a stimulus set may have at most " + limits.maxImages()
                    + " images (setting engram.stimuli.max-images)");
            throw new StimulusSetException(source.describe(), problems);
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (ManifestException.LinedRow lined : rows) {
            ManifestRow row = lined.row();
            if (!seen.add(row.file())) {
                continue;
            }
            OptionalLong size = source.size(row.file());
            String where = "manifest.csv line " + lined.line() + ", column file: ";
            if (size.isEmpty()) {
                problems.add(where + "'" + row.file() + "' does not exist in " + source.describe());
                unusable.add(row.file());
            } else if (size.getAsLong() > limits.maxImageBytes()) {
                problems.add(where + "'" + row.file() + "' has " + size.getAsLong() + " bytes; at most " + limits.maxImageBytes()
                        + " bytes per image are allowed (setting engram.stimuli.max-image-bytes)");
                unusable.add(row.file());
            } else {
                total += size.getAsLong();
            }
        }
        if (total > limits.maxTotalBytes()) {
            problems.add(0, source.describe() + ": the images take " + total + " bytes (" + ImportLimits.megabytes(total) + ") together; a stimulus set may take at most "
                    + limits.maxTotalBytes() + " bytes (" + ImportLimits.megabytes(limits.maxTotalBytes()) + ", setting engram.stimuli.max-total-bytes)");
            throw new StimulusSetException(source.describe(), problems);
        }
    }

    /** Step 2: each distinct file read, hashed and decoded once; every problem collected. */
    private Map<String, Checked> checkImages(List<ManifestException.LinedRow> rows, Source source, ImportLimits limits, List<String> problems,
                                             Set<String> unusable) throws IOException {
        Map<String, Checked> byFile = new LinkedHashMap<>();
        Map<String, Integer> lineOfFile = new LinkedHashMap<>();
        Map<String, Integer> lineOfHash = new LinkedHashMap<>();
        for (ManifestException.LinedRow lined : rows) {
            ManifestRow row = lined.row();
            int line = lined.line();
            String where = "manifest.csv line " + line + ", column file: ";
            Integer sameFile = lineOfFile.putIfAbsent(row.file(), line);
            if (sameFile != null) {
                problems.add(where + "'" + row.file() + "' is also the image on line " + sameFile + "; every stimulus must be a different image");
                continue;
            }
            if (unusable.contains(row.file())) {
                continue;
            }
            Optional<byte[]> bytes = source.file(row.file());
            if (bytes.isEmpty()) {
                problems.add(where + "'" + row.file() + "' does not exist in " + source.describe());
                continue;
            }
            String sha = sha256(bytes.get());
            Integer sameBytes = lineOfHash.putIfAbsent(sha, line);
            if (sameBytes != null) {
                problems.add(where + "'" + row.file() + "' has the same bytes (sha256 " + sha.substring(0, 12)
                        + "…) as the image on line " + sameBytes + "; every stimulus must be a different image");
                continue;
            }
            try {
                ImageCheck.Size size = ImageCheck.check(bytes.get(), row.file(), limits.maxImageBytes(), limits.maxPixels());
                byFile.put(row.file(), new Checked(sha, ImageCheck.contentType(row.file()), size.width(), size.height(), bytes.get().length));
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        return byFile;
    }

    /** Step 3: the images not yet stored, in transactions of about batchBytes; {@code written} lists what was inserted. */
    private void writeImages(Source source, Map<String, Checked> checked, ImportLimits limits, List<String> written) throws IOException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM image_blob WHERE sha256 = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO image_blob (sha256, content_type, width, height, size_bytes, bytes) VALUES (?, ?, ?, ?, ?, ?)")) {
                long inBatch = 0;
                List<String> batch = new ArrayList<>();
                for (Map.Entry<String, Checked> entry : checked.entrySet()) {
                    Checked image = entry.getValue();
                    exists.setString(1, image.sha256());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                    byte[] bytes = source.file(entry.getKey()).orElseThrow(() -> changed(source, entry.getKey()));
                    if (!sha256(bytes).equals(image.sha256())) {
                        throw changed(source, entry.getKey());
                    }
                    insert.setString(1, image.sha256());
                    insert.setString(2, image.contentType());
                    insert.setInt(3, image.width());
                    insert.setInt(4, image.height());
                    insert.setInt(5, image.sizeBytes());
                    insert.setBytes(6, bytes);
                    insert.executeUpdate();
                    batch.add(image.sha256());
                    inBatch += bytes.length;
                    if (inBatch >= limits.batchBytes()) {
                        connection.commit();
                        written.addAll(batch);
                        batch.clear();
                        inBatch = 0;
                    }
                }
                connection.commit();
                written.addAll(batch);
            } catch (SQLException | RuntimeException | IOException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The images of " + source.describe() + " could not be stored: " + e.getMessage(), e);
        }
    }

    private static StimulusSetException changed(Source source, String file) {
        return new StimulusSetException(source.describe(), List.of("'" + file + "' changed while it was being imported; import the set again"));
    }

    /** Step 4: the set and its rows, in one transaction. */
    private long writeSet(String name, Source source, Manifest manifest, Map<String, Checked> checked,
                          BiConsumer<EntityManager, StimulusSet> alsoInTransaction) {
        String from = source.describe().length() > 500 ? source.describe().substring(0, 499) + "…" : source.describe();
        return database.write(em -> {
            StimulusSet set = new StimulusSet(name, from, clock.instant());
            em.persist(set);
            em.flush();
            long id = set.id();
            int n = 0;
            for (ManifestRow row : manifest.rows()) {
                StimulusSet owner = em.getReference(StimulusSet.class, id);
                em.persist(new Stimulus(owner, row.imageId(), row.file(), row.pairId(), row.condition(), row.category(),
                        row.predictedMemorability(), extraJson(row), checked.get(row.file()).sha256()));
                if (++n % ROWS_PER_FLUSH == 0) {
                    em.flush();
                    em.clear();
                }
            }
            alsoInTransaction.accept(em, em.getReference(StimulusSet.class, id));
            return id;
        });
    }

    private void deleteUnreferenced(List<String> shas) {
        if (shas.isEmpty()) {
            return;
        }
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM image_blob WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM stimulus s WHERE s.sha256 = image_blob.sha256)")) {
            connection.setAutoCommit(true);
            for (String sha : shas) {
                delete.setString(1, sha);
                delete.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warning("Could not delete the " + shas.size() + " image(s) of a failed import (they are removed at the next start): " + e.getMessage());
        }
    }

    /** Deletes images no stimulus refers to (left by an import that a killed server did not finish); returns how many. */
    public int removeUnreferencedImages() {
        oneAtATime.lock();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM image_blob WHERE NOT EXISTS (SELECT 1 FROM stimulus s WHERE s.sha256 = image_blob.sha256)")) {
            connection.setAutoCommit(true);
            int removed = delete.executeUpdate();
            if (removed > 0) {
                LOG.info("Removed " + removed + " image(s) left by an unfinished stimulus import");
            }
            return removed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove the images of unfinished stimulus imports: " + e.getMessage(), e);
        } finally {
            oneAtATime.unlock();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The further columns as a JSON object (stimulus.extra_columns), or null when there are none. */
    static String extraJson(ManifestRow row) {
        if (row.extra().isEmpty()) {
            return null;
        }
        jakarta.json.JsonObjectBuilder json = jakarta.json.Json.createObjectBuilder();
        row.extra().forEach(json::add);
        return json.build().toString();
    }
}
