package engram.generator.set;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a stimulus set's manifest.csv.
 *
 * @param imageId                unique id
 * @param file                   path relative to the manifest's folder
 * @param pairId                 pair id, empty for foils and unpaired images
 * @param condition              high | low | foil (generated pairs), or the selection type
 * @param category               category or concept
 * @param predictedMemorability  predicted score, NaN when none
 * @param seed                   generator seed, null when not generated
 * @param extra                  further columns (name → value), in order
 */
public record ManifestRow(String imageId, String file, String pairId, String condition, String category,
                          double predictedMemorability, Long seed, Map<String, String> extra) {

    /** The fixed leading columns of every manifest. */
    public static final String[] COLUMNS = {"image_id", "file", "pair_id", "condition", "category", "predicted_memorability", "seed"};

    public ManifestRow {
        extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
    }
}
