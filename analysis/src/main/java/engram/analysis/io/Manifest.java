package engram.analysis.io;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The images of a study (manifest.csv): one entry per image, with further columns kept verbatim. */
public final class Manifest {
    private final String[] imageIds;
    private final String[] files;
    private final String[] pairIds;
    private final String[] conditions;
    private final String[] categories;
    private final double[] predicted;
    private final List<String> extraColumns;
    private final String[][] extraValues;
    private final Map<String, Integer> index;

    Manifest(String[] imageIds, String[] files, String[] pairIds, String[] conditions, String[] categories,
             double[] predicted, List<String> extraColumns, String[][] extraValues) {
        this.imageIds = imageIds;
        this.files = files;
        this.pairIds = pairIds;
        this.conditions = conditions;
        this.categories = categories;
        this.predicted = predicted;
        this.extraColumns = List.copyOf(extraColumns);
        this.extraValues = extraValues;
        Map<String, Integer> map = new HashMap<>(imageIds.length * 2);
        for (int i = 0; i < imageIds.length; i++) {
            map.put(imageIds[i], i);
        }
        this.index = Collections.unmodifiableMap(map);
    }

    /** @return the number of images */
    public int size() {
        return imageIds.length;
    }

    /** @return the image's index, or −1 when unknown */
    public int indexOf(String imageId) {
        Integer i = index.get(imageId);
        return i == null ? -1 : i;
    }

    public String imageId(int i) {
        return imageIds[i];
    }

    /** @return the image file, relative to the manifest's folder or to the export's images/ folder */
    public String file(int i) {
        return files[i];
    }

    /** @return the pair id, empty when unpaired */
    public String pairId(int i) {
        return pairIds[i];
    }

    public String condition(int i) {
        return conditions[i];
    }

    public String category(int i) {
        return categories[i];
    }

    /** @return the predicted memorability, NaN when absent */
    public double predicted(int i) {
        return predicted[i];
    }

    /** @return the names of the columns beyond the known ones, in file order */
    public List<String> extraColumns() {
        return extraColumns;
    }

    /** @return the value of an extra column for an image */
    public String extraValue(int image, int column) {
        return extraValues[image][column];
    }
}
