package engram.analysis.representation;

import engram.core.csv.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A folder written by {@code engram features}: {@code images.csv} (column {@code image}, one row per image, in the
 * row order of the arrays) and one {@code <layer>.npy} per layer (float32 or float64, images × features).
 *
 * @param dir    the folder
 * @param images the image ids, in row order
 * @param layers layer name → images × features, in the order of the file names
 */
public record FeatureFolder(Path dir, List<String> images, Map<String, double[][]> layers) {

    /** The image list file inside a feature folder. */
    public static final String IMAGES = "images.csv";
    /** The optional layer list (column {@code layer}, in the model's order; engram features writes it). */
    public static final String LAYERS = "layers.csv";

    public FeatureFolder {
        images = List.copyOf(images);
        layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /**
     * Reads a feature folder and checks it: every layer has one row per image, no value is NaN or infinite.
     *
     * @param only layer names to read (all {@code *.npy} when empty)
     * @throws RepresentationException naming the file on any inconsistency
     */
    public static FeatureFolder read(Path dir, List<String> only) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new RepresentationException(dir + ": not a folder of features (expected images.csv and <layer>.npy files)");
        }
        List<String> images = readImages(dir.resolve(IMAGES));
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.npy")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            byName.put(n.substring(0, n.length() - 4), f);
        }
        if (byName.isEmpty()) {
            throw new RepresentationException(dir + ": no <layer>.npy files");
        }
        List<String> wanted = only.isEmpty() ? listedOrder(dir.resolve(LAYERS), byName.keySet()) : only;
        Map<String, double[][]> layers = new LinkedHashMap<>();
        for (String layer : wanted) {
            Path f = byName.get(layer);
            if (f == null) {
                throw new RepresentationException(dir + ": no layer '" + layer + "' (has: " + String.join(", ", byName.keySet()) + ")");
            }
            double[][] x = Npy.read(f);
            checkMatrix(f, x, images.size());
            layers.put(layer, x);
        }
        return new FeatureFolder(dir, images, layers);
    }

    /**
     * @return the layers in the order of layers.csv (written by engram features, column {@code layer}) where it lists
     *         them, then any other layers by file name
     */
    private static List<String> listedOrder(Path layersCsv, java.util.Collection<String> present) throws IOException {
        List<String> order = new ArrayList<>();
        if (Files.isRegularFile(layersCsv)) {
            try (Reader r = Files.newBufferedReader(layersCsv, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r, layersCsv.toString())) {
                int col = csv.require("layer");
                while (csv.next()) {
                    String l = csv.string(col).trim();
                    if (present.contains(l) && !order.contains(l)) {
                        order.add(l);
                    }
                }
            }
        }
        for (String l : present) {
            if (!order.contains(l)) {
                order.add(l);
            }
        }
        return order;
    }

    /** Checks that x has the expected number of rows, at least one column and only finite values. */
    static void checkMatrix(Path file, double[][] x, int images) {
        if (x.length != images) {
            throw new RepresentationException(file + ": " + x.length + " rows, but " + IMAGES + " lists " + images + " images");
        }
        if (images > 0 && x[0].length == 0) {
            throw new RepresentationException(file + ": no features (0 columns)");
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new RepresentationException(file + ": row " + i + " (image " + (i + 1) + "), feature " + j
                        + " is " + x[i][j] + " (features must be finite)");
                }
            }
        }
    }

    /** Reads images.csv (header {@code image}); ids must be non-empty and unique. */
    public static List<String> readImages(Path file) throws IOException {
        List<String> images = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r, file.toString())) {
            int col = csv.require("image");
            while (csv.next()) {
                String id = csv.string(col).trim();
                if (id.isEmpty()) {
                    throw csv.error(col, "empty image id");
                }
                if (!seen.add(id)) {
                    throw csv.error(col, "image '" + id + "' is listed twice");
                }
                images.add(id);
            }
        } catch (NoSuchFileException e) {
            throw new RepresentationException(file + ": missing (a feature folder needs images.csv with the image order)");
        }
        if (images.size() < 3) {
            throw new RepresentationException(file + ": " + images.size() + " image(s); at least 3 are needed");
        }
        return images;
    }

    /**
     * Checks that two folders list the same images in the same order.
     *
     * @throws RepresentationException naming both image files and the first difference
     */
    public static void requireSameImages(FeatureFolder a, FeatureFolder b) {
        Path fa = a.dir().resolve(IMAGES);
        Path fb = b.dir().resolve(IMAGES);
        if (a.images().size() != b.images().size()) {
            throw new RepresentationException(fa + " lists " + a.images().size() + " images but " + fb + " lists "
                + b.images().size() + "; both folders must hold the same images in the same order");
        }
        for (int i = 0; i < a.images().size(); i++) {
            if (!a.images().get(i).equals(b.images().get(i))) {
                throw new RepresentationException(fa + " and " + fb + " differ at row " + (i + 2) + ": '" + a.images().get(i)
                    + "' vs '" + b.images().get(i) + "'; both folders must hold the same images in the same order");
            }
        }
    }
}
