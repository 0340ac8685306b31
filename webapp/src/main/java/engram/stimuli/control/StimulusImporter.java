package engram.stimuli.control;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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

import javax.imageio.ImageIO;

import engram.platform.ClientError;
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
        Manifest manifest;
        try (Reader reader = source.manifest()) {
            manifest = ManifestReader.read(reader, "manifest.csv");
        } catch (ManifestException e) {
            throw ClientError.badRequest("bad_manifest", e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        List<ImageBlob> blobs = new ArrayList<>();
        for (int i = 0; i < manifest.rows().size(); i++) {
            ManifestRow row = manifest.rows().get(i);
            String where = "manifest.csv line " + (i + 2) + ", column file";
            Optional<byte[]> bytes = source.file(row.file());
            if (bytes.isEmpty()) {
                problems.add(where + ": '" + row.file() + "' does not exist in " + source.describe());
                blobs.add(null);
                continue;
            }
            try {
                blobs.add(toBlob(bytes.get(), row.file()));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                blobs.add(null);
            }
        }
        if (!problems.isEmpty()) {
            throw new ClientError(400, "bad_stimulus_set", problems.size() + " problem(s) in " + source.describe() + ": "
                    + String.join("; ", problems), Map.of("problems", problems));
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
            return set.id();
        });
    }

    static ImageBlob toBlob(byte[] bytes, String fileName) {
        String contentType = switch (StimulusCatalog.extensionOf(fileName)) {
            case "png" -> "image/png";
            case "jpg" -> "image/jpeg";
            case "gif" -> "image/gif";
            default -> throw new IllegalArgumentException("'" + fileName + "' is not a PNG, JPEG or GIF file");
        };
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw new IllegalArgumentException("'" + fileName + "' could not be decoded as an image");
        }
        return new ImageBlob(sha256(bytes), contentType, image.getWidth(), image.getHeight(), bytes);
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
