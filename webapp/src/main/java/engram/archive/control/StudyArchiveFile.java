package engram.archive.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import engram.stimuli.control.ImageCheck;
import engram.stimuli.control.StimulusImporter;
import engram.stimuli.control.ZipSource;

/**
 * A study archive opened and checked before anything is imported (docs/archive-format.md): a readable zip whose entries
 * have safe relative names (no zip-slip, no absolute paths), appear once, are only the documented files, stay within the
 * size limits and {@link #MAX_RATIO} times their compressed size (counted while reading, so a zip that lies about its
 * sizes is caught too), and match SHA256SUMS, which lists every other entry exactly once. Its stimulus set is read
 * through {@link #stimuli()}.
 */
public final class StudyArchiveFile implements AutoCloseable {

    public static final int MAX_ENTRIES = ZipSource.MAX_ENTRIES + 10;
    public static final long MAX_TOTAL_BYTES = ZipSource.MAX_TOTAL_BYTES;
    public static final int MAX_RATIO = ZipSource.MAX_RATIO;
    static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif");
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64})  (.+)");

    private final ZipFile zip;
    private final String label;
    private final Map<String, ZipEntry> entries;

    private StudyArchiveFile(ZipFile zip, String label, Map<String, ZipEntry> entries) {
        this.zip = zip;
        this.label = label;
        this.entries = entries;
    }

    /** Opens the archive and checks its structure and every sha256 sum; {@code label} names it in messages. */
    public static StudyArchiveFile open(Path file, String label) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ArchiveException(label, List.of("not a readable zip file; it may be truncated or corrupt (" + e.getMessage() + ")"));
        }
        try {
            StudyArchiveFile archive = new StudyArchiveFile(zip, label, entries(zip, label));
            archive.checkSums();
            return archive;
        } catch (RuntimeException | IOException e) {
            zip.close();
            throw e;
        }
    }

    private static Map<String, ZipEntry> entries(ZipFile zip, String label) {
        List<String> problems = new ArrayList<>();
        Map<String, ZipEntry> files = new LinkedHashMap<>();
        int count = 0;
        long declaredTotal = 0;
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (++count > MAX_ENTRIES) {
                problems.add("more than " + MAX_ENTRIES + " entries; a study archive may hold at most " + MAX_ENTRIES);
                break;
            }
            String name = entry.getName();
            String unsafe = ZipSource.unsafeName(name);
            if (unsafe != null) {
                problems.add("entry '" + name.replaceAll("\\p{Cntrl}", "?") + "': " + unsafe);
                continue;
            }
            if (entry.isDirectory()) {
                continue;
            }
            long limit = limit(name);
            if (limit < 0) {
                problems.add("entry '" + name + "': not a file of a study archive (" + String.join(", ", StudyArchiveLayout.FILES)
                        + " and images under stimuli/)");
                continue;
            }
            if (entry.getSize() > limit) {
                problems.add("entry '" + name + "': " + entry.getSize() + " bytes unpacked; at most " + limit + " allowed");
                continue;
            }
            if (files.putIfAbsent(name, entry) != null) {
                problems.add("entry '" + name + "': appears twice; each file may appear only once");
                continue;
            }
            declaredTotal += Math.max(0, entry.getSize());
        }
        if (declaredTotal > MAX_TOTAL_BYTES) {
            problems.add(declaredTotal + " bytes unpacked in all; at most " + MAX_TOTAL_BYTES + " allowed");
        }
        for (String required : StudyArchiveLayout.FILES) {
            if (problems.isEmpty() && !files.containsKey(required)) {
                problems.add("'" + required + "' is missing; this is not an engram study archive (or it is damaged)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ArchiveException(label, problems);
        }
        return files;
    }

    /** The most bytes the named entry may have, or -1 when a study archive has no such entry. */
    private static long limit(String name) {
        if (StudyArchiveLayout.FILES.contains(name)) {
            return MAX_TEXT_BYTES;
        }
        if (name.startsWith(StudyArchiveLayout.STIMULI)) {
            String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            String extension = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1) : "";
            return IMAGE_EXTENSIONS.contains(extension) ? ImageCheck.MAX_BYTES : -1;
        }
        return -1;
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
            } else if (!entries.containsKey(m.group(2)) || m.group(2).equals(StudyArchiveLayout.SUMS)) {
                problems.add(StudyArchiveLayout.SUMS + " line " + (i + 1) + ": lists '" + m.group(2) + "', which the archive does not hold");
            } else if (listed.put(m.group(2), m.group(1)) != null) {
                problems.add(StudyArchiveLayout.SUMS + " line " + (i + 1) + ": lists '" + m.group(2) + "' a second time");
            }
        }
        for (String name : entries.keySet()) {
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
        return entries.keySet();
    }

    /** The bytes of an entry (within its size limit and the bomb ratio). */
    public byte[] read(String name) throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new NoSuchFileException(label + ": " + name);
        }
        long limit = limit(name);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new ArchiveException(label, List.of("entry '" + name + "': more than " + limit + " bytes unpacked (the zip declares "
                        + entry.getSize() + ")"));
            }
            long compressed = Math.max(1, entry.getCompressedSize());
            if (bytes.length > 1024 * 1024 && bytes.length / compressed > MAX_RATIO) {
                throw new ArchiveException(label, List.of("entry '" + name + "': unpacks to " + bytes.length + " bytes from " + compressed
                        + " (more than " + MAX_RATIO + " times); refused as a possible decompression bomb"));
            }
            return bytes;
        } catch (ZipException | java.io.EOFException e) {
            throw new ArchiveException(label, List.of("entry '" + name + "': cannot be unpacked; the archive is damaged (" + e.getMessage() + ")"));
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
                ZipEntry entry = entries.get(StudyArchiveLayout.STIMULI + relativePath);
                return entry == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, entry.getSize()));
            }

            public Optional<byte[]> file(String relativePath) throws IOException {
                String name = StudyArchiveLayout.STIMULI + relativePath;
                return entries.containsKey(name) ? Optional.of(read(name)) : Optional.empty();
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
