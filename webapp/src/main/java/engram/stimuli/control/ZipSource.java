package engram.stimuli.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A stimulus set packed as a zip (the generator's output folder zipped, with or without its top folder). Opening it
 * checks every entry before anything is read: safe relative names (no zip-slip), images, manifest.csv and a few text
 * files only, no nested archives, at most {@link #MAX_ENTRIES} entries, each at most {@link ImageCheck#MAX_BYTES}
 * and {@link #MAX_RATIO} times its compressed size, and at most {@link #MAX_TOTAL_BYTES} in all, and no name twice.
 * Sizes are counted while reading, so a zip that lies about them is caught too.
 */
public final class ZipSource implements StimulusImporter.Source, AutoCloseable {

    public static final int MAX_ENTRIES = 20_000;
    public static final long MAX_TOTAL_BYTES = 2L * 1024 * 1024 * 1024;
    public static final int MAX_RATIO = 100;
    static final int MAX_TEXT_BYTES = 5 * 1024 * 1024;
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif");
    private static final Set<String> TEXT_FILES = Set.of("manifest.csv", "generation.json", "readme.md", "readme.txt", "license", "license.txt", "sequences.csv");
    private static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip", "jar", "war", "gz", "tgz", "tar", "7z", "rar", "bz2", "xz", "zst");

    private final ZipFile zip;
    private final String label;
    private final String prefix;
    private final Map<String, ZipEntry> entries;
    private long bytesRead;
    private final Set<String> counted = new java.util.HashSet<>();

    private ZipSource(ZipFile zip, String label, String prefix, Map<String, ZipEntry> entries) {
        this.zip = zip;
        this.label = label;
        this.prefix = prefix;
        this.entries = entries;
    }

    /** Opens and checks the zip; {@code label} (e.g. the uploaded file name) names it in messages. */
    public static ZipSource open(Path file, String label) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new StimulusSetException(label, List.of(label + ": not a readable zip file (" + e.getMessage() + ")"));
        }
        try {
            List<String> problems = new ArrayList<>();
            Map<String, ZipEntry> files = new LinkedHashMap<>();
            int count = 0;
            long declaredTotal = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++count > MAX_ENTRIES) {
                    problems.add(label + ": more than " + MAX_ENTRIES + " entries; a stimulus set zip may hold at most " + MAX_ENTRIES);
                    break;
                }
                String name = entry.getName();
                String unsafe = unsafeName(name);
                if (unsafe != null) {
                    problems.add(label + ", entry '" + printable(name) + "': " + unsafe);
                    continue;
                }
                if (entry.isDirectory() || isMacMetadata(name)) {
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                String extension = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1) : "";
                if (ARCHIVE_EXTENSIONS.contains(extension)) {
                    problems.add(label + ", entry '" + name + "': nested archives are not accepted; unpack it into the zip");
                    continue;
                }
                if (!IMAGE_EXTENSIONS.contains(extension) && !TEXT_FILES.contains(base)) {
                    problems.add(label + ", entry '" + name + "': not an image (PNG, JPEG or GIF) or manifest.csv");
                    continue;
                }
                long limit = IMAGE_EXTENSIONS.contains(extension) ? ImageCheck.MAX_BYTES : MAX_TEXT_BYTES;
                if (entry.getSize() > limit) {
                    problems.add(label + ", entry '" + name + "': " + entry.getSize() + " bytes unpacked; at most " + limit + " allowed");
                    continue;
                }
                if (files.containsKey(name)) {
                    problems.add(label + ", entry '" + name + "': appears twice in the zip; each file may appear only once"
                            + " (which copy would be imported is not defined)");
                    continue;
                }
                declaredTotal += Math.max(0, entry.getSize());
                files.put(name, entry);
            }
            if (declaredTotal > MAX_TOTAL_BYTES) {
                problems.add(label + ": " + declaredTotal + " bytes unpacked in all; at most " + MAX_TOTAL_BYTES + " allowed");
            }
            String prefix = manifestPrefix(files.keySet());
            if (prefix == null) {
                problems.add(label + ": no manifest.csv at the top of the zip (or inside its single top folder)");
            }
            if (!problems.isEmpty()) {
                throw new StimulusSetException(label, problems);
            }
            return new ZipSource(zip, label, prefix, files);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    public static String unsafeName(String name) {
        if (name.isEmpty()) {
            return "the name is empty";
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return "is an absolute path";
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return "contains '..' (a path outside the archive)";
            }
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "contains a control character";
            }
        }
        return null;
    }

    private static boolean isMacMetadata(String name) {
        return name.startsWith("__MACOSX/") || name.endsWith("/.DS_Store") || name.equals(".DS_Store");
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
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
    public java.util.OptionalLong size(String relativePath) {
        ZipEntry entry = entries.get(prefix + relativePath);
        return entry == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Math.max(0, entry.getSize()));
    }

    @Override
    public Optional<byte[]> file(String relativePath) throws IOException {
        return read(prefix + relativePath);
    }

    private Optional<byte[]> read(String name) throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        boolean image = !name.endsWith(".csv") && !name.endsWith(".json");
        long limit = image ? ImageCheck.MAX_BYTES : MAX_TEXT_BYTES;
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new StimulusSetException(label, List.of(label + ", entry '" + name + "': more than " + limit + " bytes unpacked (the zip declares "
                        + entry.getSize() + ")"));
            }
            long compressed = Math.max(1, entry.getCompressedSize());
            if (bytes.length > 1024 * 1024 && bytes.length / compressed > MAX_RATIO) {
                throw new StimulusSetException(label, List.of(label + ", entry '" + name + "': unpacks to " + bytes.length + " bytes from "
                        + compressed + " (more than " + MAX_RATIO + " times); refused as a possible decompression bomb"));
            }
            if (counted.add(name)) {
                bytesRead += bytes.length;
            }
            if (bytesRead > MAX_TOTAL_BYTES) {
                throw new StimulusSetException(label, List.of(label + ": more than " + MAX_TOTAL_BYTES + " bytes unpacked in all"));
            }
            return Optional.of(bytes);
        } catch (ZipException e) {
            throw new StimulusSetException(label, List.of(label + ", entry '" + name + "': cannot be unpacked (" + e.getMessage() + ")"));
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
