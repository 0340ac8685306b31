package engram.archive.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import engram.platform.SafeZip;
import engram.stimuli.control.ImageCheck;
import engram.stimuli.control.StimulusImporter;
import engram.stimuli.control.ZipSource;

/**
 * A study archive opened and checked before anything is imported (docs/archive-format.md), read through
 * {@link SafeZip}: a readable zip whose entries have safe relative names (no zip-slip, no absolute paths), appear once,
 * are only the documented files, stay within the size limits and {@link #MAX_RATIO} times their compressed size (counted
 * while reading, so a zip that lies about its sizes is caught too), and match SHA256SUMS, which lists every other entry
 * exactly once. Its stimulus set is read through {@link #stimuli()}.
 */
public final class StudyArchiveFile implements AutoCloseable {

    public static final int MAX_ENTRIES = ZipSource.MAX_ENTRIES + 10;
    public static final long MAX_TOTAL_BYTES = SafeZip.MAX_TOTAL_BYTES;
    public static final int MAX_RATIO = SafeZip.MAX_RATIO;
    static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif");
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64})  (.+)");

    /** What a study archive may hold: the documented files and PNG, JPEG or GIF images under stimuli/. */
    private static final SafeZip.Rules RULES = new SafeZip.Rules() {
        public String what() {
            return "a study archive";
        }

        public int maxEntries() {
            return MAX_ENTRIES;
        }

        public SafeZip.Admission admit(String name) {
            if (StudyArchiveLayout.FILES.contains(name)) {
                return SafeZip.Admission.upTo(MAX_TEXT_BYTES);
            }
            if (name.startsWith(StudyArchiveLayout.STIMULI)) {
                String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                String extension = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1) : "";
                if (IMAGE_EXTENSIONS.contains(extension)) {
                    return SafeZip.Admission.upTo(ImageCheck.MAX_BYTES);
                }
            }
            return SafeZip.Admission.refused("not a file of a study archive (" + String.join(", ", StudyArchiveLayout.FILES)
                    + " and images under stimuli/)");
        }
    };

    private final SafeZip zip;
    private final String label;

    private StudyArchiveFile(SafeZip zip, String label) {
        this.zip = zip;
        this.label = label;
    }

    /** Opens the archive and checks its structure and every sha256 sum; {@code label} names it in messages. */
    public static StudyArchiveFile open(Path file, String label) throws IOException {
        SafeZip zip;
        try {
            zip = SafeZip.open(file, RULES);
        } catch (SafeZip.Refusal e) {
            throw refused(label, e);
        }
        try {
            for (String required : StudyArchiveLayout.FILES) {
                if (!zip.names().contains(required)) {
                    throw new ArchiveException(label, List.of("'" + required + "' is missing; this is not an engram study archive (or it is damaged)"));
                }
            }
            StudyArchiveFile archive = new StudyArchiveFile(zip, label);
            archive.checkSums();
            return archive;
        } catch (RuntimeException | IOException e) {
            zip.close();
            throw e;
        }
    }

    /** The refusal in the archive's words: each problem names its entry, where it has one. */
    private static ArchiveException refused(String label, SafeZip.Refusal refusal) {
        return new ArchiveException(label, refusal.problems().stream()
                .map(p -> p.entry() == null ? p.text() : "entry '" + p.entry() + "': " + p.text()).toList());
    }

    private void checkSums() throws IOException {
        String text = new String(read(StudyArchiveLayout.SUMS), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        Map<String, String> listed = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                continue;
            }
            Matcher m = SUM_LINE.matcher(lines[i]);
            if (!m.matches()) {
                problems.add(StudyArchiveLayout.SUMS + " line " + (i + 1) + ": not '<64 hex digits><two spaces><path>'");
            } else if (!zip.names().contains(m.group(2)) || m.group(2).equals(StudyArchiveLayout.SUMS)) {
                problems.add(StudyArchiveLayout.SUMS + " line " + (i + 1) + ": lists '" + m.group(2) + "', which the archive does not hold");
            } else if (listed.put(m.group(2), m.group(1)) != null) {
                problems.add(StudyArchiveLayout.SUMS + " line " + (i + 1) + ": lists '" + m.group(2) + "' a second time");
            }
        }
        for (String name : zip.names()) {
            if (!name.equals(StudyArchiveLayout.SUMS) && !listed.containsKey(name)) {
                problems.add("entry '" + name + "' is not listed in " + StudyArchiveLayout.SUMS);
            }
        }
        if (problems.isEmpty()) {
            long total = 0;
            for (Map.Entry<String, String> sum : listed.entrySet()) {
                byte[] bytes = read(sum.getKey());
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new ArchiveException(label, List.of("more than " + MAX_TOTAL_BYTES + " bytes unpacked in all"));
                }
                String actual = sha256(bytes);
                if (!actual.equals(sum.getValue())) {
                    problems.add("entry '" + sum.getKey() + "': its sha256 is " + actual + ", but " + StudyArchiveLayout.SUMS + " says "
                            + sum.getValue() + "; the file was changed or damaged");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ArchiveException(label, problems);
        }
    }

    public String label() {
        return label;
    }

    /** The entry names in archive order. */
    public Set<String> names() {
        return zip.names();
    }

    /** The bytes of an entry (within its size limit and the bomb ratio). */
    public byte[] read(String name) throws IOException {
        try {
            return zip.read(name).orElseThrow(() -> new NoSuchFileException(label + ": " + name));
        } catch (SafeZip.Refusal e) {
            throw refused(label, e);
        }
    }

    /** The archive's stimulus set (stimuli/manifest.csv and its images) as the stimulus importer reads it. */
    public StimulusImporter.Source stimuli() {
        return new StimulusImporter.Source() {
            public String describe() {
                return label + " (" + StudyArchiveLayout.STIMULI + ")";
            }

            public byte[] manifest() throws IOException {
                return read(StudyArchiveLayout.MANIFEST);
            }

            public OptionalLong size(String relativePath) {
                return zip.size(StudyArchiveLayout.STIMULI + relativePath);
            }

            public Optional<byte[]> file(String relativePath) throws IOException {
                String name = StudyArchiveLayout.STIMULI + relativePath;
                return zip.names().contains(name) ? Optional.of(read(name)) : Optional.empty();
            }
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
