package engram.platform;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip from outside (an uploaded stimulus set, a study archive), opened only after every entry has passed: a safe
 * relative name (no zip-slip: no {@code ..}, absolute path, backslash or control character), a kind of file the
 * {@link Rules} admit, its size within their limit, no name twice, at most {@link Rules#maxEntries()} entries and
 * {@link #MAX_TOTAL_BYTES} in all. Reading counts the bytes as they come, so a zip that lies about its sizes is caught
 * too, and refuses an entry over 1 MiB that unpacks to more than {@link #MAX_RATIO} times its compressed size (a bomb).
 * Every refusal is a {@link Refusal} listing its {@link Problem}s; the caller words them for its own error.
 */
public final class SafeZip implements AutoCloseable {

    public static final long MAX_TOTAL_BYTES = 2L * 1024 * 1024 * 1024;
    public static final int MAX_RATIO = 100;
    private static final int BOMB_CHECK_BYTES = 1024 * 1024;

    /** What one kind of zip may hold. */
    public interface Rules {

        /** How the zip is named in the entry-count problem, e.g. "a study archive". */
        String what();

        int maxEntries();

        /** Whether a file's entry is passed over without a word (e.g. a Mac's {@code __MACOSX/} folder). */
        default boolean ignored(String name) {
            return false;
        }

        /** The most bytes this file may unpack to, or why such a file has no place in the zip. */
        Admission admit(String name);
    }

    /** A file admitted with its size limit, or refused with a reason. */
    public record Admission(long limit, String refusal) {

        public static Admission upTo(long limit) {
            return new Admission(limit, null);
        }

        public static Admission refused(String reason) {
            return new Admission(-1, reason);
        }
    }

    /** One problem: of the entry it names, or of the whole zip when {@code entry} is null. */
    public record Problem(String entry, String text) {
    }

    /** The zip, or one of its entries, was refused; nothing of it was used. */
    public static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<Problem> problems;

        Refusal(List<Problem> problems) {
            super(problems.get(0).text());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;
    private final Map<String, Long> limits;
    private final Set<String> counted = new HashSet<>();
    private long bytesRead;

    private SafeZip(ZipFile zip, Map<String, ZipEntry> entries, Map<String, Long> limits) {
        this.zip = zip;
        this.entries = entries;
        this.limits = limits;
    }

    /** Opens the zip and checks every entry against the rules; a {@link Refusal} lists every problem found. */
    public static SafeZip open(Path file, Rules rules) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new Refusal(List.of(new Problem(null, "not a readable zip file; it may be truncated or corrupt (" + e.getMessage() + ")")));
        }
        try {
            List<Problem> problems = new ArrayList<>();
            Map<String, ZipEntry> files = new LinkedHashMap<>();
            Map<String, Long> limits = new LinkedHashMap<>();
            int count = 0;
            long declaredTotal = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++count > rules.maxEntries()) {
                    problems.add(new Problem(null, "more than " + rules.maxEntries() + " entries; " + rules.what() + " may hold at most "
                            + rules.maxEntries()));
                    break;
                }
                String name = entry.getName();
                String unsafe = unsafeName(name);
                if (unsafe != null) {
                    problems.add(new Problem(name.replaceAll("\\p{Cntrl}", "?"), unsafe));
                    continue;
                }
                if (entry.isDirectory() || rules.ignored(name)) {
                    continue;
                }
                Admission admission = rules.admit(name);
                if (admission.refusal() != null) {
                    problems.add(new Problem(name, admission.refusal()));
                    continue;
                }
                if (entry.getSize() > admission.limit()) {
                    problems.add(new Problem(name, entry.getSize() + " bytes unpacked; at most " + admission.limit() + " allowed"));
                    continue;
                }
                if (files.putIfAbsent(name, entry) != null) {
                    problems.add(new Problem(name, "appears twice in the zip; each file may appear only once"
                            + " (which copy would be imported is not defined)"));
                    continue;
                }
                limits.put(name, admission.limit());
                declaredTotal += Math.max(0, entry.getSize());
            }
            if (declaredTotal > MAX_TOTAL_BYTES) {
                problems.add(new Problem(null, declaredTotal + " bytes unpacked in all; at most " + MAX_TOTAL_BYTES + " allowed"));
            }
            if (!problems.isEmpty()) {
                throw new Refusal(problems);
            }
            return new SafeZip(zip, files, limits);
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Why an entry name is unsafe to unpack (zip-slip and its kin), or null when it is a plain relative path. */
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

    /** The admitted files' names, in zip order. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** The size the zip declares for a file (0 when it declares none), or empty when the zip has no such file. */
    public OptionalLong size(String name) {
        ZipEntry entry = entries.get(name);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, entry.getSize()));
    }

    /** A file's bytes, or empty when the zip has no such file; a {@link Refusal} when it breaks a limit or is damaged. */
    public Optional<byte[]> read(String name) throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        long limit = limits.get(name);
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw refusal(name, "more than " + limit + " bytes unpacked (the zip declares " + entry.getSize() + ")");
            }
            long compressed = Math.max(1, entry.getCompressedSize());
            if (bytes.length > BOMB_CHECK_BYTES && bytes.length / compressed > MAX_RATIO) {
                throw refusal(name, "unpacks to " + bytes.length + " bytes from " + compressed + " (more than " + MAX_RATIO
                        + " times); refused as a possible decompression bomb");
            }
            if (counted.add(name)) {
                bytesRead += bytes.length;
            }
            if (bytesRead > MAX_TOTAL_BYTES) {
                throw refusal(null, "more than " + MAX_TOTAL_BYTES + " bytes unpacked in all");
            }
            return Optional.of(bytes);
        } catch (ZipException | EOFException e) {
            throw refusal(name, "cannot be unpacked; the zip is damaged (" + e.getMessage() + ")");
        }
    }

    private static Refusal refusal(String entry, String text) {
        return new Refusal(List.of(new Problem(entry, text)));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
