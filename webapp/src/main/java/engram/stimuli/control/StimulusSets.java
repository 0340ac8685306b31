package engram.stimuli.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.audit.control.AuditLog;
import engram.platform.FieldError;
import engram.platform.Database;
import engram.platform.EngramConfig;
import engram.stimuli.entity.StimulusSet;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;

/**
 * The workspace's stimulus sets: a summary of each, and imports from an uploaded zip or from a folder or zip on the
 * server. Server paths must lie under one of the import roots ({@code engram.import.roots}, comma-separated; default
 * {@code <data>/import}), so the workspace cannot be used to read arbitrary files; symbolic links are not followed
 * out of a root. An uploaded zip is kept in {@code <data>/tmp/uploads} while it is imported; that folder is emptied at
 * every start, so a killed server leaves nothing behind there.
 */
@ApplicationScoped
public class StimulusSets {

    private static final Logger LOG = Logger.getLogger(StimulusSets.class.getName());
    /** The largest upload (as web.xml's multipart-config max-file-size). */
    public static final long MAX_UPLOAD_BYTES = 500L * 1024 * 1024;

    @Inject
    Database database;
    @Inject
    StimulusImporter importer;
    @Inject
    AuditLog audit;
    @Inject
    CurrentUser currentUser;

    /** One stimulus set as the list shows it. */
    public record Summary(long id, String name, String source, Instant createdAt, long images, long pairs, String conditions, long experiments) {
    }

    /** The images of one condition of a set. */
    record ConditionCount(String condition, Long images) {
    }

    public List<Summary> all() {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> {
            List<Summary> result = new ArrayList<>();
            for (StimulusSet set : em.createQuery("select s from StimulusSet s order by s.id desc", StimulusSet.class).getResultList()) {
                long images = em.createQuery("select count(s) from Stimulus s where s.stimulusSet = :set", Long.class).setParameter("set", set).getSingleResult();
                long pairs = em.createQuery("select count(distinct s.pairId) from Stimulus s where s.stimulusSet = :set and s.pairId is not null", Long.class)
                        .setParameter("set", set).getSingleResult();
                List<ConditionCount> conditions = em.createQuery("select s.condition, count(s) from Stimulus s where s.stimulusSet = :set"
                        + " group by s.condition order by s.condition", ConditionCount.class).setParameter("set", set).getResultList();
                long experiments = em.createQuery("select count(e) from Experiment e where e.stimulusSet = :set", Long.class).setParameter("set", set).getSingleResult();
                String byCondition = String.join(", ", conditions.stream().map(c -> c.condition() + " " + c.images()).toList());
                result.add(new Summary(set.id(), set.name(), set.source(), set.createdAt(), images, pairs, byCondition, experiments));
            }
            return result;
        });
    }

    /** At start-up, after the database: empty the upload folder and remove images of imports a killed server left. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) @Initialized(ApplicationScoped.class) Object context) throws IOException {
        int removed = cleanUploadFolder(uploadFolder());
        if (removed > 0) {
            LOG.info("Removed " + removed + " temporary upload(s) left by an earlier server in " + uploadFolder());
        }
        if (database.isStarted()) {
            importer.removeUnreferencedImages();
        }
    }

    /** Where uploaded zips are kept while they are imported. */
    public static Path uploadFolder() {
        return EngramConfig.fromMicroProfile().dataDirectory().resolve("tmp").resolve("uploads");
    }

    /** Deletes every file in {@code folder} (not following links); returns how many. */
    static int cleanUploadFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Imports an uploaded zip; the stream is copied to a file in {@link #uploadFolder()} first, which is always deleted. */
    public long importUpload(String name, String fileName, InputStream upload) throws IOException {
        return importUpload(name, fileName, upload, () -> { });
    }

    /** As above; {@code afterCopy} runs once the upload is copied (or failed to copy), e.g. to delete the container's part. */
    public long importUpload(String name, String fileName, InputStream upload, java.io.Closeable afterCopy) throws IOException {
        currentUser.require(Account.Role.EXPERIMENTER);
        String cleanName = checkName(name);
        if (fileName == null || !fileName.toLowerCase().endsWith(".zip")) {
            throw new FieldError("zip", "Upload a .zip file (manifest.csv plus the images).");
        }
        Files.createDirectories(uploadFolder());
        Path temp = Files.createTempFile(uploadFolder(), "upload-", ".zip");
        try {
            try (InputStream in = upload; afterCopy) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(temp) > MAX_UPLOAD_BYTES) {
                throw new FieldError("zip", "The zip has " + Files.size(temp) + " bytes; at most " + MAX_UPLOAD_BYTES + " (500 MiB) may be uploaded."
                        + " Split the set, or import it from a folder under an import root on the server.");
            }
            try (ZipSource source = ZipSource.open(temp, label(baseName(fileName)))) {
                return store(cleanName, source, "upload " + baseName(fileName));
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Imports a folder (with manifest.csv) or a zip that lies under one of the import roots on the server. */
    public long importServerPath(String name, String serverPath) throws IOException {
        currentUser.require(Account.Role.EXPERIMENTER);
        String cleanName = checkName(name);
        Path path = resolveUnderRoots(serverPath);
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve("manifest.csv"))) {
                throw new FieldError("serverPath", "'" + path + "' has no manifest.csv.");
            }
            return store(cleanName, StimulusImporter.Source.folder(path), "server folder " + path);
        }
        if (Files.isRegularFile(path) && path.toString().toLowerCase().endsWith(".zip")) {
            try (ZipSource source = ZipSource.open(path, path.getFileName().toString())) {
                return store(cleanName, source, "server zip " + path);
            }
        }
        throw new FieldError("serverPath", "'" + path + "' is neither a folder nor a .zip file.");
    }

    /** The import limits in a sentence (engram.stimuli.* settings). */
    public String limits() {
        return importer.limits().describe();
    }

    public List<Path> importRoots() {
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue("engram.import.roots", String.class);
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Arrays.stream(configured.get().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
        }
        return List.of(EngramConfig.fromMicroProfile().dataDirectory().resolve("import"));
    }

    Path resolveUnderRoots(String serverPath) throws IOException {
        if (serverPath == null || serverPath.isBlank()) {
            throw new FieldError("serverPath", "Give the path of a folder or zip on the server.");
        }
        Path path = Path.of(serverPath.strip()).toAbsolutePath().normalize();
        for (Path root : importRoots()) {
            if (path.startsWith(root) && Files.isDirectory(root) && !linkOnTheWay(root, path) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && path.toRealPath().startsWith(root.toRealPath())) {
                return path;
            }
        }
        throw new FieldError("serverPath", "'" + serverPath + "' is not under an import root (" + importRoots()
                + "); copy the stimulus set there, or set engram.import.roots.");
    }

    /** True when a folder or file between {@code root} (exclusive) and {@code path} is a symbolic link. */
    static boolean linkOnTheWay(Path root, Path path) {
        Path current = root;
        for (Path segment : root.relativize(path)) {
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                return true;
            }
        }
        return false;
    }

    private long store(String name, StimulusImporter.Source source, String from) throws IOException {
        String detail = "'" + name + "' from " + from;
        return importer.importSet(name, source, (em, set) -> audit.record(em, null, "stimulus_set_imported",
                detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…"));
    }

    private static String checkName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new FieldError("name", "Give the set a name of 1–200 characters.");
        }
        return clean;
    }

    /** A file name as messages and the set's source show it: at most 200 characters. */
    private static String label(String fileName) {
        return fileName.length() <= 200 ? fileName : fileName.substring(0, 199) + "…";
    }

    private static String baseName(String fileName) {
        String n = fileName.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
