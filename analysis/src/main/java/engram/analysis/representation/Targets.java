package engram.analysis.representation;

import engram.core.csv.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Target matrices for {@code engram predict}: CSV files with a column {@code image} and one numeric column per unit
 * (neural site, time window, per-image hit rate…). Several files are repetitions of the same measurement: same units,
 * same images (any row order); the target is their mean, and their split-half reliability is the noise ceiling.
 *
 * @param units the unit names, in column order
 * @param mean  images × units, in the features' image order (the mean over repetitions)
 * @param reps  repetition × image × unit values, in the features' image order
 * @param files the files read
 */
public record Targets(List<String> units, double[][] mean, double[][][] reps, List<Path> files) {

    /** @return the number of repetitions (files) */
    public int repetitions() {
        return reps.length;
    }

    /** @return repetition × image values of one unit */
    public double[][] unitReps(int unit) {
        double[][] out = new double[reps.length][mean.length];
        for (int k = 0; k < reps.length; k++) {
            for (int i = 0; i < mean.length; i++) {
                out[k][i] = reps[k][i][unit];
            }
        }
        return out;
    }

    /**
     * Reads the target files and aligns their rows to the image order of the features.
     *
     * @param images        the features' image ids, in row order
     * @param imagesSource  the file the image ids come from (for messages)
     * @throws RepresentationException or an InputException naming the file, line and column
     */
    public static Targets read(List<Path> files, List<String> images, Path imagesSource) throws IOException {
        return read(files, images, imagesSource, List.of());
    }

    /**
     * As {@link #read(List, List, Path)}, with the image column {@code image} or else {@code image_id} (so that
     * engram analyse's images.csv can be given), and only the named unit columns when {@code only} is not empty.
     */
    public static Targets read(List<Path> files, List<String> images, Path imagesSource, List<String> only) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("at least one target file is needed");
        }
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            row.put(images.get(i), i);
        }
        List<String> units = null;
        double[][][] reps = new double[files.size()][][];
        for (int k = 0; k < files.size(); k++) {
            Path file = files.get(k);
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r, file.toString())) {
                int imageCol = csv.header().contains("image") || !csv.header().contains("image_id") ? csv.require("image")
                    : csv.require("image_id");
                UnitColumns columns = unitColumns(csv, imageCol, only, file);
                if (units == null) {
                    units = columns.names();
                } else if (!units.equals(columns.names())) {
                    throw new RepresentationException(file + ": its unit columns " + columns.names() + " differ from "
                        + files.get(0) + "'s " + units + " (repetitions must measure the same units)");
                }
                reps[k] = rowValues(csv, imageCol, columns, row, images.size(), imagesSource, only.isEmpty());
            } catch (NoSuchFileException e) {
                throw new RepresentationException(file + ": no such file");
            }
            requireEveryImage(reps[k], images, file, imagesSource);
        }
        return new Targets(List.copyOf(units), mean(reps, units.size()), reps, List.copyOf(files));
    }

    /** The unit columns of one file: their names and their positions. */
    private record UnitColumns(List<String> names, List<Integer> cols) {
    }

    /** @return every column but the image column, or the named ones when {@code only} is not empty */
    private static UnitColumns unitColumns(CsvReader csv, int imageCol, List<String> only, Path file) {
        List<String> names = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        if (only.isEmpty()) {
            for (int c = 0; c < csv.header().size(); c++) {
                if (c != imageCol) {
                    names.add(csv.header().get(c));
                    cols.add(c);
                }
            }
        } else {
            for (String unit : only) {
                int c = csv.header().indexOf(unit);
                if (c < 0) {
                    throw new RepresentationException(file + ": no column '" + unit + "' (columns: "
                        + String.join(", ", csv.header()) + ")");
                }
                names.add(unit);
                cols.add(c);
            }
        }
        if (names.isEmpty()) {
            throw new RepresentationException(file + ": no unit columns besides 'image'");
        }
        return new UnitColumns(names, cols);
    }

    /** @return images × units, in the features' image order; a row not yet read is null */
    private static double[][] rowValues(CsvReader csv, int imageCol, UnitColumns columns, Map<String, Integer> row,
                                        int imageCount, Path imagesSource, boolean allColumns) throws IOException {
        double[][] values = new double[imageCount][];
        while (csv.next()) {
            String id = csv.string(imageCol).trim();
            Integer i = row.get(id);
            if (i == null) {
                throw csv.error(imageCol, "image '" + id + "' is not in " + imagesSource);
            }
            if (values[i] != null) {
                throw csv.error(imageCol, "image '" + id + "' is listed twice");
            }
            double[] v = new double[columns.cols().size()];
            for (int c = 0; c < v.length; c++) {
                try {
                    v[c] = csv.parseDouble(columns.cols().get(c));
                } catch (IllegalArgumentException e) {
                    throw allColumns ? new RepresentationException(e.getMessage()
                        + " (every column but the image column is a unit; choose numeric ones with `unit`)") : e;
                }
            }
            values[i] = v;
        }
        return values;
    }

    private static void requireEveryImage(double[][] values, List<String> images, Path file, Path imagesSource) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (values[i] == null) {
                missing.add(images.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new RepresentationException(file + ": " + missing.size() + " image(s) of " + imagesSource
                + " have no row, e.g. '" + missing.get(0) + "'; targets and features must cover the same images");
        }
    }

    /** @return images × units, the mean over repetitions (each added as value / repetitions) */
    private static double[][] mean(double[][][] reps, int u) {
        int n = reps[0].length;
        double[][] mean = new double[n][u];
        for (double[][] rep : reps) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < u; j++) {
                    mean[i][j] += rep[i][j] / reps.length;
                }
            }
        }
        return mean;
    }
}
