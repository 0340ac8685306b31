package engram.core.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rows of a valid stimulus-set manifest, in file order; {@code sourceName} is the file name used in messages. */
public record Manifest(String sourceName, List<ManifestRow> rows) {

    public Manifest {
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    public Optional<ManifestRow> find(String imageId) {
        return rows.stream().filter(row -> row.imageId().equals(imageId)).findFirst();
    }

    /** The pairs in order of first appearance, each with its members in file order. */
    public Map<String, List<ManifestRow>> pairs() {
        Map<String, List<ManifestRow>> pairs = new LinkedHashMap<>();
        for (ManifestRow row : rows) {
            if (row.paired()) {
                pairs.computeIfAbsent(row.pairId(), id -> new ArrayList<>()).add(row);
            }
        }
        pairs.replaceAll((id, members) -> List.copyOf(members));
        return Collections.unmodifiableMap(pairs);
    }
}
