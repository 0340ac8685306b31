package engram.simulate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import engram.core.csv.CsvReader;
import engram.core.csv.InputException;

/**
 * Reads a stimulus manifest: a CSV file with a header row holding at least the columns {@code image_id} and
 * {@code condition} (other columns are ignored), one image per row. Read with engram's one CSV reader, so quoted
 * commas and line breaks are fine; cells are read as written (no spreadsheet-formula restoring, as before).
 */
public final class Manifest {

    private Manifest() {
    }

    /**
     * @return condition by image id, in file order
     * @throws IOException when the file cannot be read
     * @throws InputException naming the file, line and column when the content is malformed
     */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> conditionByImage = new LinkedHashMap<>();
        String name = file.toString();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvReader csv = new CsvReader(in, name, false)) {
            if (csv.optional("image_id") < 0 || csv.optional("condition") < 0) {
                throw new InputException(name, 1, null, "header must have columns image_id and condition, got "
                        + csv.header());
            }
            int imageColumn = csv.require("image_id");
            int conditionColumn = csv.require("condition");
            while (csv.next()) {
                String imageId = csv.string(imageColumn).strip();
                String condition = csv.string(conditionColumn).strip();
                if (imageId.isEmpty()) {
                    throw csv.error(imageColumn, "empty");
                }
                if (condition.isEmpty()) {
                    throw csv.error(conditionColumn, "empty");
                }
                String earlier = conditionByImage.putIfAbsent(imageId, condition);
                if (earlier != null && !earlier.equals(condition)) {
                    throw csv.error(conditionColumn, "image " + imageId + " already has condition " + earlier
                            + ", got " + condition);
                }
            }
        }
        return conditionByImage;
    }
}
