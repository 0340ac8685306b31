package engram.stimuli.control;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import engram.platform.SafeZip;

/**
 * A stimulus set packed as a zip (the generator's output folder zipped, with or without its top folder), read through
 * {@link SafeZip}: safe names, images, manifest.csv and a few text files only, no nested archives, at most
 * {@link #MAX_ENTRIES} entries, each at most {@link ImageCheck#MAX_BYTES} (text files {@link #MAX_TEXT_BYTES}) and
 * {@link SafeZip#MAX_RATIO} times its compressed size, at most {@link SafeZip#MAX_TOTAL_BYTES} in all, no name twice.
 */
public final class ZipSource implements StimulusImporter.Source, AutoCloseable {

    public static final int MAX_ENTRIES = 20_000;
    static final int MAX_TEXT_BYTES = 5 * 1024 * 1024;
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif");
    private static final Set<String> TEXT_FILES = Set.of("manifest.csv", "generation.json", "readme.md", "readme.txt", "license", "license.txt", "sequences.csv");
    private static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip", "jar", "war", "gz", "tgz", "tar", "7z", "rar", "bz2", "xz", "zst");

    /** What a stimulus-set zip may hold. */
    static final SafeZip.Rules RULES = new SafeZip.Rules() {
        public String what() {
            return "a stimulus set zip";
        }

        public int maxEntries() {
            return MAX_ENTRIES;
        }

        public boolean ignored(String name) {
            return name.startsWith("__MACOSX/") || name.endsWith("/.DS_Store") || name.equals(".DS_Store");
        }

        public SafeZip.Admission admit(String name) {
            String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            String extension = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1) : "";
            if (ARCHIVE_EXTENSIONS.contains(extension)) {
                return SafeZip.Admission.refused("nested archives are not accepted; unpack it into the zip");
            }
            if (IMAGE_EXTENSIONS.contains(extension)) {
                return SafeZip.Admission.upTo(ImageCheck.MAX_BYTES);
            }
            return TEXT_FILES.contains(base) ? SafeZip.Admission.upTo(MAX_TEXT_BYTES)
                    : SafeZip.Admission.refused("not an image (PNG, JPEG or GIF) or manifest.csv");
        }
    };

    private final SafeZip zip;
    private final String label;
    private final String prefix;

    private ZipSource(SafeZip zip, String label, String prefix) {
        this.zip = zip;
        this.label = label;
        this.prefix = prefix;
    }

    /** Opens and checks the zip; {@code label} (e.g. the uploaded file name) names it in messages. */
    public static ZipSource open(Path file, String label) throws IOException {
        SafeZip zip;
        try {
            zip = SafeZip.open(file, RULES);
        } catch (SafeZip.Refusal e) {
            throw refused(label, e);
        }
        String prefix = manifestPrefix(zip.names());
        if (prefix == null) {
            zip.close();
            throw new StimulusSetException(label, List.of(label + ": no manifest.csv at the top of the zip (or inside its single top folder)"));
        }
        return new ZipSource(zip, label, prefix);
    }

    /** The refusal in this importer's words: every problem names the zip and, where it has one, the entry. */
    private static StimulusSetException refused(String label, SafeZip.Refusal refusal) {
        return new StimulusSetException(label, refusal.problems().stream()
                .map(p -> p.entry() == null ? label + ": " + p.text() : label + ", entry '" + p.entry() + "': " + p.text())
                .toList());
    }

    private static String manifestPrefix(Set<String> names) {
        if (names.contains("manifest.csv")) {
            return "";
        }
        String found = null;
        for (String name : names) {
            if (name.endsWith("/manifest.csv") && name.indexOf('/') == name.length() - "/manifest.csv".length()) {
                if (found != null) {
                    return null;
                }
                found = name.substring(0, name.length() - "manifest.csv".length());
            }
        }
        return found;
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public byte[] manifest() throws IOException {
        return read(prefix + "manifest.csv").orElseThrow(() -> new NoSuchFileException(label + ": manifest.csv"));
    }

    @Override
    public OptionalLong size(String relativePath) {
        return zip.size(prefix + relativePath);
    }

    @Override
    public Optional<byte[]> file(String relativePath) throws IOException {
        return read(prefix + relativePath);
    }

    private Optional<byte[]> read(String name) throws IOException {
        try {
            return zip.read(name);
        } catch (SafeZip.Refusal e) {
            throw refused(label, e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
