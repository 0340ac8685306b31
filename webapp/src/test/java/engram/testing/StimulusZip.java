package engram.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Zips a stimulus-set folder as `zip -r set.zip set` does (one top folder, its sub-folders as entries), and reads zips back. */
public final class StimulusZip {

    private StimulusZip() {
    }

    /** Writes the zip of {@code folder} to {@code target} (through a temporary file) and returns it. */
    public static Path of(Path folder, Path target) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".zip-", ".tmp");
        String top = folder.getFileName().toString();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Path path : paths) {
                String relative = folder.relativize(path).toString().replace('\\', '/');
                String name = relative.isEmpty() ? top + "/" : top + "/" + relative + (Files.isDirectory(path) ? "/" : "");
                zip.putNextEntry(new ZipEntry(name));
                if (Files.isRegularFile(path)) {
                    Files.copy(path, zip);
                }
                zip.closeEntry();
            }
        }
        return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every file entry of a zip, by name. */
    public static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }
}
