package engram.generator.features;

import engram.core.csv.CsvWriter;

import engram.core.csv.InputException;
import engram.core.format.Manifest;
import engram.core.format.ManifestException;
import engram.core.format.ManifestProblem;
import engram.core.format.ManifestReader;
import engram.core.format.ManifestRow;
import engram.analysis.representation.Npy;
import engram.generator.ProgressListener;
import engram.generator.OutputFolder;
import engram.generator.StimulusException;
import engram.generator.image.ImageFiles;
import engram.generator.image.Images;
import engram.generator.model.ImageModel;
import engram.generator.model.ModelCard;
import engram.generator.score.Scoring;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts activations of an image model's layers (its card's outputs, by name) for a stimulus set or a folder of
 * images, in batches, and writes a feature folder: {@code images.csv} (column {@code image}), one
 * {@code <layer>.npy} per layer (float32, images × features, each output flattened in C order; a single layer is
 * written as {@code features.npy}) and {@code layers.csv} (layer, output, features) in the card's output order.
 *
 * <pre>{@code FeatureExtraction.withModel(model).withLayers(List.of("it")).extract(FeatureExtraction.fromSet(dir)).writeTo(out, false);}</pre>
 */
public final class FeatureExtraction {
    private static final int CHUNK = 64;
    private final ImageModel model;
    private List<String> layers = List.of();
    private ProgressListener progress = ProgressListener.NONE;

    private FeatureExtraction(ImageModel model) {
        this.model = model;
    }

    public static FeatureExtraction withModel(ImageModel model) {
        return new FeatureExtraction(model);
    }

    /** Only these outputs (card output names); all outputs when empty. */
    public FeatureExtraction withLayers(List<String> names) {
        this.layers = List.copyOf(names);
        return this;
    }

    public FeatureExtraction withProgress(ProgressListener value) {
        this.progress = value;
        return this;
    }

    /** An image to extract: its id (the row label in images.csv), its file, and its condition ("" when none). */
    public record Source(String id, Path file, String condition) {
        public Source(String id, Path file) {
            this(id, file, "");
        }
    }

    /**
     * The extracted features.
     *
     * @param images        the image ids in row order
     * @param layers        layer (output) name → images × features
     * @param imagesPerSecond throughput of preprocessing + inference (reading excluded)
     */
    public record Features(List<String> images, Map<String, float[][]> layers, double imagesPerSecond) {

        /** Writes the feature folder (staged in a hidden sibling, then moved into place). */
        public void writeTo(Path out, boolean overwrite) {
            writeTo(out, overwrite, Map.of());
        }

        /** Writes the feature folder and the extra text files (name → content, e.g. the report) with it, all or nothing. */
        public void writeTo(Path out, boolean overwrite, Map<String, String> extra) {
            try (OutputFolder folder = OutputFolder.create(out, overwrite)) {
                Path staging = folder.staging();
                StringBuilder csv = new StringBuilder("image\n");
                for (String id : images) {
                    csv.append(CsvWriter.neutraliseAndQuote(id)).append('\n');
                }
                boolean single = layers.size() == 1;
                StringBuilder list = new StringBuilder("layer,output,features\n");
                for (Map.Entry<String, float[][]> e : layers.entrySet()) {
                    float[][] x = e.getValue();
                    String layer = single ? "features" : e.getKey();
                    Npy.writeFloat32(staging.resolve(layer + ".npy"), x.length, x.length == 0 ? 0 : x[0].length, (i, j) -> x[i][j]);
                    list.append(CsvWriter.neutraliseAndQuote(layer)).append(',').append(CsvWriter.neutraliseAndQuote(e.getKey())).append(',')
                        .append(x.length == 0 ? 0 : x[0].length).append('\n');
                }
                Files.writeString(staging.resolve("layers.csv"), list, StandardCharsets.UTF_8);
                Files.writeString(staging.resolve("images.csv"), csv, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> e : extra.entrySet()) {
                    Files.writeString(staging.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                }
                folder.commit();
            } catch (IOException e) {
                throw new StimulusException("output " + out + ": cannot write: " + e.getMessage(), e);
            }
        }
    }

    /** Runs the model over the images in chunks and collects the chosen layers. */
    public Features extract(List<Source> sources) {
        if (sources.isEmpty()) {
            throw new StimulusException("no images to extract features from");
        }
        List<String> names = chosenLayers();
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, new float[sources.size()][]);
        }
        long nanos = 0;
        progress.progress("features", 0, sources.size());
        for (int start = 0; start < sources.size(); start += CHUNK) {
            List<Source> chunk = sources.subList(start, Math.min(sources.size(), start + CHUNK));
            List<BufferedImage> images = chunk.stream().map(s -> Images.read(s.file())).toList();
            long t0 = System.nanoTime();
            List<Map<String, float[]>> results = model.run(images);
            nanos += System.nanoTime() - t0;
            for (int i = 0; i < chunk.size(); i++) {
                for (String n : names) {
                    out.get(n)[start + i] = results.get(i).get(n);
                }
            }
            progress.progress("features", start + chunk.size(), sources.size());
        }
        List<String> ids = sources.stream().map(Source::id).toList();
        return new Features(ids, out, sources.size() / (nanos / 1e9));
    }

    private List<String> chosenLayers() {
        List<String> available = model.card().outputs().stream().map(ModelCard.TensorSpec::name).toList();
        if (layers.isEmpty()) {
            return available;
        }
        for (String l : layers) {
            if (!available.contains(l)) {
                throw new StimulusException("model card " + engram.generator.model.ModelCards.cardPathFor(model.model().file())
                    + ": no layer (output) '" + l + "'; the card's outputs are: " + String.join(", ", available));
            }
        }
        return new ArrayList<>(new java.util.LinkedHashSet<>(layers));
    }

    /** The images of a stimulus-set folder, in manifest order, with their image_id. */
    public static List<Source> fromSet(Path setDir) {
        Path manifest = setDir.resolve("manifest.csv");
        List<Source> out = new ArrayList<>();
        try {
            out.addAll(manifestRows(ManifestReader.read(Files.readAllBytes(manifest), manifest.toString()), name -> {
                Path f = setDir.resolve(name).normalize();
                return f.startsWith(setDir.normalize()) && Files.isRegularFile(f) ? f : null;
            }, "not found in " + setDir));
        } catch (NoSuchFileException e) {
            throw new StimulusException("stimulus set " + setDir + ": no manifest.csv (use `images` for a plain folder of images)");
        } catch (IOException e) {
            throw new StimulusException("stimulus set " + setDir + ": cannot read manifest.csv: " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw new StimulusException(String.join("\n", e.problems().stream().map(ManifestProblem::message).toList()), e);
        } catch (IllegalArgumentException e) {
            throw new StimulusException(e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new StimulusException(manifest + ": no images listed");
        }
        return out;
    }

    /**
     * The images of an engram export zip, in the order of its manifest.csv (at the zip's root or in one folder), with
     * their image_id and condition: each image is copied out of the zip into {@code into} (the caller deletes it). A
     * manifest row's file is looked up as the export writes it: beside manifest.csv, or under images/.
     */
    public static List<Source> fromExport(Path zip, Path into) {
        String label = zip + ": ";
        List<Source> out = new ArrayList<>();
        try (java.util.zip.ZipFile zf = new java.util.zip.ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            java.util.zip.ZipEntry manifest = zf.getEntry("manifest.csv");
            if (manifest == null) {
                manifest = zf.stream().filter(e -> !e.isDirectory() && e.getName().endsWith("/manifest.csv"))
                    .min(Comparator.comparingInt(e -> e.getName().length())).orElseThrow(() ->
                        new StimulusException(label + "the export has no manifest.csv"));
            }
            String folder = manifest.getName().contains("/") ? manifest.getName().substring(0, manifest.getName().lastIndexOf('/') + 1) : "";
            Path root = into.toAbsolutePath().normalize();
            try (Reader r = new java.io.InputStreamReader(zf.getInputStream(manifest), StandardCharsets.UTF_8)) {
                out.addAll(manifestRows(ManifestReader.read(r, label + manifest.getName()), name -> {
                    for (String candidate : List.of(folder + name, folder + "images/" + name, "images/" + name)) {
                        java.util.zip.ZipEntry e = zf.getEntry(candidate);
                        Path target = root.resolve(candidate).normalize();
                        if (e != null && !e.isDirectory() && target.startsWith(root)) {
                            Files.createDirectories(target.getParent());
                            try (java.io.InputStream in = zf.getInputStream(e)) {
                                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                            }
                            return target;
                        }
                    }
                    return null;
                }, "is not in the export (for an export without its images, give the stimulus set)"));
            }
        } catch (NoSuchFileException e) {
            throw new StimulusException("export " + zip + ": not found");
        } catch (IOException e) {
            throw new StimulusException("export " + zip + ": cannot read: " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw new StimulusException(String.join("\n", e.problems().stream().map(ManifestProblem::message).toList()), e);
        } catch (IllegalArgumentException e) {
            throw new StimulusException(e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new StimulusException(label + "manifest.csv lists no images");
        }
        return out;
    }

    /** Finds a manifest row's image file: its path, or null when it is not there. */
    private interface ImageLocator {
        Path locate(String file) throws IOException;
    }

    /**
     * The rows of a manifest read by engram-core's {@link ManifestReader} (every rule of the format), each file found by
     * the locator; a file that is not there is an error naming the manifest, the row's line and the column.
     */
    private static List<Source> manifestRows(Manifest manifest, ImageLocator locator, String missing) throws IOException {
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < manifest.size(); i++) {
            ManifestRow row = manifest.row(i);
            Path f = locator.locate(row.file());
            if (f == null) {
                throw new InputException(manifest.sourceName(), manifest.line(i), "file", "image file '" + row.file() + "' " + missing);
            }
            out.add(new Source(row.imageId(), f, row.condition()));
        }
        return out;
    }

    /** The images anywhere below a folder, sorted by path, with the ids {@code generate score} gives them. */
    public static List<Source> fromFolder(Path folder) {
        List<Path> files = ImageFiles.below(folder);
        if (files.isEmpty()) {
            throw new StimulusException("folder " + folder + ": no images (" + ImageFiles.EXTENSIONS + ")");
        }
        Set<String> ids = new HashSet<>();
        List<Source> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new Source(Scoring.imageId(folder.relativize(f), ids), f));
        }
        return out;
    }
}
