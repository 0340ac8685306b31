package engram.simulate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stimulus manifest: a CSV file with a header row holding at least the columns {@code image_id} and
 * {@code condition} (other columns are ignored), one image per row.
 */
public final class Manifest {

    private Manifest() {
    }

    /**
     * @return condition by image id, in file order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file, line and column when the content is malformed
     */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> conditionByImage = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException(file + ": empty file, expected a header with image_id,condition");
            }
            if (headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            List<String> header = fields(file, 1, headerLine);
            int imageColumn = header.indexOf("image_id");
            int conditionColumn = header.indexOf("condition");
            if (imageColumn < 0 || conditionColumn < 0) {
                throw new IllegalArgumentException(file + " line 1: header must have columns image_id and condition, got "
                        + header);
            }
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = fields(file, lineNumber, line);
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": expected " + header.size()
                            + " columns, got " + row.size());
                }
                String imageId = row.get(imageColumn).strip();
                String condition = row.get(conditionColumn).strip();
                if (imageId.isEmpty()) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + " column image_id: empty");
                }
                if (condition.isEmpty()) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + " column condition: empty");
                }
                String earlier = conditionByImage.putIfAbsent(imageId, condition);
                if (earlier != null && !earlier.equals(condition)) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + " column condition: image "
                            + imageId + " already has condition " + earlier + ", got " + condition);
                }
            }
        }
        return conditionByImage;
    }

    private static List<String> fields(Path file, int lineNumber, String line) {
        try {
            return Csv.parseLine(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line " + lineNumber + " " + e.getMessage(), e);
        }
    }
}
