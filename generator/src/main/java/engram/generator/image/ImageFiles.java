package engram.generator.image;

import engram.generator.StimulusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Finds image files in folders. */
public final class ImageFiles {
    /** File extensions read as images. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private ImageFiles() {
    }

    /** True when the file name has an image extension. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** Image files directly in {@code folder} (sorted by name); hidden files skipped. */
    public static List<Path> in(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new StimulusException("folder " + folder + ": not found or not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException e) {
            throw new StimulusException("folder " + folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Image files anywhere below {@code folder} (sorted by path). */
    public static List<Path> below(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new StimulusException("folder " + folder + ": not found or not a folder");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException e) {
            throw new StimulusException("folder " + folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Reads a file's bytes; errors name the file. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StimulusException("image " + file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
