package engram.stimuli.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import engram.platform.Database;
import engram.stimuli.entity.ImageBlob;
import engram.stimuli.entity.Stimulus;
import engram.stimuli.entity.StimulusSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** Imports a stimulus set (manifest.csv plus its images) in one transaction: every row is checked and nothing is stored unless all pass. */
@ApplicationScoped
public class StimulusImporter {

    /** Where the manifest's files are read from: a folder, or the classpath for the built-in demo set. */
    public interface Source {
        String describe();

        Reader manifest() throws IOException;

        Optional<byte[]> file(String relativePath) throws IOException;

        static Source folder(Path folder) {
            return new Source() {
                public String describe() { return folder.toString(); }
                public Reader manifest() throws IOException { return Files.newBufferedReader(folder.resolve("manifest.csv"), StandardCharsets.UTF_8); }
                public Optional<byte[]> file(String path) throws IOException {
                    try {
                        return Optional.of(Files.readAllBytes(folder.resolve(path).normalize()));
                    } catch (NoSuchFileException e) {
                        return Optional.empty();
                    }
                }
            };
        }

        static Source classpath(String folder) {
            ClassLoader loader = StimulusImporter.class.getClassLoader();
            return new Source() {
                public String describe() { return "classpath:" + folder; }
                public Reader manifest() throws IOException {
                    InputStream in = loader.getResourceAsStream(folder + "/manifest.csv");
                    if (in == null) {
                        throw new NoSuchFileException(folder + "/manifest.csv");
                    }
                    return new InputStreamReader(in, StandardCharsets.UTF_8);
                }
                public Optional<byte[]> file(String path) throws IOException {
                    try (InputStream in = loader.getResourceAsStream(folder + "/" + path)) {
                        return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
                    }
                }
            };
        }
    }

    @Inject
    Database database;
    @Inject
    Clock clock;

    public long importSet(String name, Source source) throws IOException {
        return importSet(name, source, (em, set) -> { });
    }

    /**
     * Reads and checks every row (file present, image within {@link ImageCheck}'s limits, no two rows with the same
     * bytes), then stores the set in one transaction; {@code alsoInTransaction} runs in it (e.g. the audit record).
     * Throws {@link StimulusSetException} with every problem, and stores nothing, when any row fails.
     */
    public long importSet(String name, Source source, java.util.function.BiConsumer<jakarta.persistence.EntityManager, StimulusSet> alsoInTransaction)
            throws IOException {
        Manifest manifest;
        try (Reader reader = source.manifest()) {
            manifest = ManifestReader.read(reader, "manifest.csv");
        } catch (ManifestException e) {
            throw new StimulusSetException(source.describe(), e.problems().stream().map(ManifestProblem::message).toList());
        }
        List<String> problems = new ArrayList<>();
        List<ImageBlob> blobs = new ArrayList<>();
        Map<String, Integer> lineOfHash = new java.util.HashMap<>();
        for (int i = 0; i < manifest.rows().size(); i++) {
            ManifestRow row = manifest.rows().get(i);
            int line = i + 2;
            String where = "manifest.csv line " + line + ", column file";
            Optional<byte[]> bytes = source.file(row.file());
            if (bytes.isEmpty()) {
                problems.add(where + ": '" + row.file() + "' does not exist in " + source.describe());
                blobs.add(null);
                continue;
            }
            try {
                ImageBlob blob = toBlob(bytes.get(), row.file());
                Integer earlier = lineOfHash.putIfAbsent(blob.sha256(), line);
                if (earlier != null) {
                    problems.add(where + ": '" + row.file() + "' has the same bytes (sha256 " + blob.sha256().substring(0, 12)
                            + "…) as the image on line " + earlier + "; every stimulus must be a different image");
                }
                blobs.add(blob);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                blobs.add(null);
            }
        }
        if (!problems.isEmpty()) {
            throw new StimulusSetException(source.describe(), problems);
        }
        return database.write(em -> {
            StimulusSet set = new StimulusSet(name, source.describe(), clock.instant());
            em.persist(set);
            for (int i = 0; i < manifest.rows().size(); i++) {
                ManifestRow row = manifest.rows().get(i);
                ImageBlob blob = blobs.get(i);
                if (em.find(ImageBlob.class, blob.sha256()) == null) {
                    em.persist(blob);
                    em.flush();
                }
                em.persist(new Stimulus(set, row.imageId(), row.file(), row.pairId(), row.condition(), row.category(),
                        row.predictedMemorability(), extraJson(row.extra()), blob.sha256()));
            }
            alsoInTransaction.accept(em, set);
            return set.id();
        });
    }

    static ImageBlob toBlob(byte[] bytes, String fileName) {
        ImageCheck.Size size = ImageCheck.check(bytes, fileName);
        return new ImageBlob(sha256(bytes), ImageCheck.contentType(fileName), size.width(), size.height(), bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extraJson(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return null;
        }
        JsonObjectBuilder json = Json.createObjectBuilder();
        extra.forEach(json::add);
        return json.build().toString();
    }
}
