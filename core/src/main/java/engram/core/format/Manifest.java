package engram.core.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of a valid stimulus-set manifest, in file order, indexed by image id; {@code sourceName} is the file name
 * used in messages.
 */
public final class Manifest {

    private final String sourceName;
    private final List<ManifestRow> rows;
    private final Map<String, Integer> index;
    private final int[] lines;

    /** @throws IllegalArgumentException when two rows share an image id */
    public Manifest(String sourceName, List<ManifestRow> rows) {
        this(sourceName, rows, null);
    }

    /**
     * @param lines the physical line each row starts on in {@code sourceName} (as {@link ManifestReader} read it), or
     *              null when the rows were not read from a file
     * @throws IllegalArgumentException when two rows share an image id, or lines and rows differ in number
     */
    public Manifest(String sourceName, List<ManifestRow> rows, int[] lines) {
        if (lines != null && lines.length != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + lines.length + " lines");
        }
        this.lines = lines == null ? null : lines.clone();
        this.sourceName = sourceName;
        this.rows = List.copyOf(rows);
        Map<String, Integer> map = new HashMap<>(this.rows.size() * 2);
        for (int i = 0; i < this.rows.size(); i++) {
            if (map.putIfAbsent(this.rows.get(i).imageId(), i) != null) {
                throw new IllegalArgumentException("image_id '" + this.rows.get(i).imageId() + "' appears twice");
            }
        }
        this.index = Collections.unmodifiableMap(map);
    }

    public String sourceName() {
        return sourceName;
    }

    public List<ManifestRow> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** @return the i-th row (0-based, file order) */
    public ManifestRow row(int i) {
        return rows.get(i);
    }

    /** @return the physical line the i-th row starts on in {@link #sourceName()} (1 is the header), 0 when unknown */
    public int line(int i) {
        return lines == null ? 0 : lines[i];
    }

    /** @return the row's 0-based index, or -1 when no row has this image id */
    public int indexOf(String imageId) {
        Integer i = index.get(imageId);
        return i == null ? -1 : i;
    }

    public Optional<ManifestRow> find(String imageId) {
        int i = indexOf(imageId);
        return i < 0 ? Optional.empty() : Optional.of(rows.get(i));
    }

    /** @return the names of the further columns, in header order (the union over the rows, in first-seen order) */
    public List<String> extraColumns() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(row -> names.addAll(row.extra().keySet()));
        return List.copyOf(names);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && Objects.equals(sourceName, m.sourceName) && rows.equals(m.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceName, rows);
    }

    @Override
    public String toString() {
        return "Manifest[" + sourceName + ", " + rows.size() + " rows]";
    }
}
