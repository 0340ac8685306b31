package engram.generator.score;

import engram.generator.ProgressListener;
import engram.generator.StimulusException;
import engram.generator.image.Heatmaps;
import engram.generator.image.ImageFiles;
import engram.generator.image.Images;
import engram.generator.model.ImageModel;
import engram.generator.pairs.Pairs;
import engram.generator.report.ScoreStatistics;
import engram.core.format.ManifestRow;
import engram.generator.set.StimulusSetWriter;
import engram.generator.set.Stimulus;
import engram.generator.set.StimulusSet;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores a folder of images with a memorability predictor: predicted score per image, and, when the model
 * gives a VMS map, a heatmap PNG overlaid on the image (heatmaps/ID_vms.png). Images in sub-folders get the
 * sub-folder name as category.
 *
 * <pre>{@code StimulusSet set = Scoring.withPredictor(model).score(Path.of("images"));}</pre>
 */
public final class Scoring {
    private static final int CHUNK = 32;
    private final ImageModel predictor;
    private ProgressListener progress = ProgressListener.NONE;
    private final Map<String, Object> notes = new LinkedHashMap<>();

    private Scoring(ImageModel predictor) {
        if (predictor.card().output("score") == null && predictor.card().output("vms_map") == null) {
            throw new StimulusException("model " + predictor.model().file() + ": role " + predictor.card().role().json()
                    + " gives no score or vms_map output; a predictor is needed");
        }
        this.predictor = predictor;
    }

    public static Scoring withPredictor(ImageModel predictor) {
        return new Scoring(predictor);
    }

    public Scoring withProgress(ProgressListener value) {
        this.progress = value;
        return this;
    }

    public Scoring withNote(String key, Object value) {
        notes.put(key, value);
        return this;
    }

    /** Scores every image below {@code folder}; all images are read (and checked) before any scoring. */
    public StimulusSet score(Path folder) {
        List<Path> files = ImageFiles.below(folder);
        if (files.isEmpty()) {
            throw new StimulusException("folder " + folder + ": no images (" + ImageFiles.EXTENSIONS + ")");
        }
        checkReadable(files);
        ModelCardGrid grid = ModelCardGrid.of(predictor);
        List<Stimulus> stimuli = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        double[] scores = new double[files.size()];
        for (int start = 0; start < files.size(); start += CHUNK) {
            List<Path> chunk = files.subList(start, Math.min(files.size(), start + CHUNK));
            List<BufferedImage> images = chunk.stream().map(Images::read).toList();
            List<Map<String, float[]>> results = predictor.run(images);
            for (int i = 0; i < chunk.size(); i++) {
                scores[start + i] = predictor.score(results.get(i));
                stimuli.add(scored(folder, chunk.get(i), images.get(i), results.get(i), scores[start + i], grid, ids));
            }
            progress.progress("score", Math.min(files.size(), start + CHUNK), files.size());
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("images", files.size());
        parameters.put("source", folder.toString());
        parameters.put("device", predictor.model().device());
        Map<String, Object> report = Map.of("predictedScores", ScoreStatistics.summary(scores));
        return StimulusSet.generated("score", stimuli, List.of(Pairs.describe(predictor.model(), "predictor")), parameters,
            report, notes);
    }

    /** Reads every image once, so that a broken one is named before any is scored. */
    private void checkReadable(List<Path> files) {
        progress.progress("check", 0, files.size());
        for (int i = 0; i < files.size(); i++) {
            Images.read(files.get(i));
            if (i % 32 == 31 || i == files.size() - 1) {
                progress.progress("check", i + 1, files.size());
            }
        }
    }

    /** One scored image: its manifest row (category from its sub-folder, source path) and, with a VMS map, its heatmap. */
    private Stimulus scored(Path folder, Path file, BufferedImage image, Map<String, float[]> result, double score,
                            ModelCardGrid grid, Set<String> ids) {
        Path relative = folder.relativize(file);
        String category = relative.getParent() == null ? "" : relative.getParent().toString().replace('\\', '/');
        String id = imageId(relative, ids);
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("source", relative.toString().replace('\\', '/'));
        Map<String, byte[]> heatmaps = new LinkedHashMap<>();
        float[] map = predictor.vmsMap(result);
        if (map != null && grid != null) {
            String heatmap = "heatmaps/" + id + "_vms.png";
            BufferedImage shown = image;
            int longest = Math.max(shown.getWidth(), shown.getHeight());
            if (longest > 512) {
                shown = Images.resize(shown, shown.getWidth() * 512 / longest, shown.getHeight() * 512 / longest);
            }
            heatmaps.put(heatmap, Images.png(Heatmaps.overlay(shown, map, grid.size)));
            extra.put("heatmap", heatmap);
            extra.put("vms_mean", String.format(Locale.ROOT, "%.6f", mean(map)));
        }
        ManifestRow row = StimulusSetWriter.row(id, "images/" + id + "." + ext, "", "scored", category, score, null, extra);
        return new Stimulus(row, ImageFiles.bytes(file), heatmaps);
    }

    /** The image id of a file at {@code relative} below the scored folder, made unique against {@code ids}. */
    public static String imageId(Path relative, Set<String> ids) {
        String s = relative.toString().replace('\\', '/');
        int dot = s.lastIndexOf('.');
        String base = (dot > 0 ? s.substring(0, dot) : s).replaceAll("[^A-Za-z0-9_.-]+", "_");
        String id = base;
        for (int k = 2; !ids.add(id); k++) {
            id = base + "_" + k;
        }
        return id;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The square grid of a VMS map output. */
    private record ModelCardGrid(int size) {
        static ModelCardGrid of(ImageModel model) {
            var spec = model.card().output("vms_map");
            if (spec == null) {
                return null;
            }
            List<Long> shape = spec.shape();
            long g = shape.get(shape.size() - 1);
            return g > 0 && shape.get(shape.size() - 2) == g ? new ModelCardGrid((int) g) : null;
        }
    }
}
