package engram.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks an export's sequences.csv against its manifest.csv with code of its own (not the server's validator): the
 * model study's counts, lags, one member per pair per sequence and equal use of every pair member as a target.
 */
final class ModelStudyDesignCheck {

    /** One row of sequences.csv. */
    record Position(int sequenceId, int trialIndex, String imageId, int presentation, String kind) {
    }

    /** One row of manifest.csv: what the check needs. */
    record Image(String pairId, String condition) {
    }

    private final Map<Integer, List<Position>> sequences;
    private final Map<String, Image> images;
    private String summary = "not checked";

    private ModelStudyDesignCheck(Map<Integer, List<Position>> sequences, Map<String, Image> images) {
        this.sequences = sequences;
        this.images = images;
    }

    static ModelStudyDesignCheck of(String sequencesCsv, String manifestCsv) {
        List<List<String>> rows = csv(sequencesCsv);
        assertEquals(List.of("sequence_id", "trial_index", "image_id", "presentation", "kind"), rows.get(0), "sequences.csv header");
        Map<Integer, List<Position>> sequences = new TreeMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Position p = new Position(Integer.parseInt(row.get(0)), Integer.parseInt(row.get(1)), row.get(2), Integer.parseInt(row.get(3)), row.get(4));
            sequences.computeIfAbsent(p.sequenceId(), k -> new ArrayList<>()).add(p);
        }
        List<List<String>> manifest = csv(manifestCsv);
        List<String> header = manifest.get(0);
        int id = header.indexOf("image_id");
        int pair = header.indexOf("pair_id");
        int condition = header.indexOf("condition");
        assertTrue(id >= 0 && pair >= 0 && condition >= 0, "manifest.csv header: " + header);
        Map<String, Image> images = new HashMap<>();
        for (List<String> row : manifest.subList(1, manifest.size())) {
            images.put(row.get(id), new Image(row.get(pair), row.get(condition)));
        }
        return new ModelStudyDesignCheck(sequences, images);
    }

    int sequenceCount() {
        return sequences.size();
    }

    String summary() {
        return summary;
    }

    /** Asserts every rule of the model study's design; targets are the high/low pairs, fillers the foils. */
    void assertModelStudy(int length, int repeats, int minLag) {
        assertEquals(List.copyOf(new TreeSet<>(sequences.keySet())), java.util.stream.IntStream.rangeClosed(1, sequences.size()).boxed().toList(),
                "sequence ids are 1..K");
        Map<String, Integer> timesTarget = new TreeMap<>();
        int smallestLag = Integer.MAX_VALUE;
        int largestLag = 0;
        long lagSum = 0;
        Set<String> fillerImages = new HashSet<>();
        for (Map.Entry<Integer, List<Position>> entry : sequences.entrySet()) {
            String name = "sequence " + entry.getKey();
            List<Position> positions = entry.getValue();
            assertEquals(length, positions.size(), name + ": positions");
            for (int i = 0; i < positions.size(); i++) {
                assertEquals(i, positions.get(i).trialIndex(), name + ": trial indices in order");
            }
            Map<String, List<Position>> byImage = positions.stream().collect(Collectors.groupingBy(Position::imageId, TreeMap::new, Collectors.toList()));
            Map<String, String> imageOfPair = new HashMap<>();
            int high = 0;
            int low = 0;
            int targets = 0;
            int fillers = 0;
            for (String imageId : byImage.keySet()) {
                Image image = images.get(imageId);
                assertTrue(image != null, name + ": image " + imageId + " is in the manifest");
                if (!image.pairId().isEmpty()) {
                    String other = imageOfPair.put(image.pairId(), imageId);
                    assertTrue(other == null, name + ": both members of pair " + image.pairId() + " (" + other + ", " + imageId + ")");
                }
            }
            for (Map.Entry<String, List<Position>> shown : byImage.entrySet()) {
                Image image = images.get(shown.getKey());
                List<Position> showings = shown.getValue();
                String kind = showings.get(0).kind();
                if (kind.equals("target")) {
                    assertEquals(2, showings.size(), name + ": target " + shown.getKey() + " is shown twice");
                    assertEquals("target", showings.get(1).kind());
                    assertEquals(1, showings.get(0).presentation());
                    assertEquals(2, showings.get(1).presentation());
                    int lag = showings.get(1).trialIndex() - showings.get(0).trialIndex();
                    assertTrue(lag >= minLag, name + ": target " + shown.getKey() + " has lag " + lag);
                    smallestLag = Math.min(smallestLag, lag);
                    largestLag = Math.max(largestLag, lag);
                    lagSum += lag;
                    targets++;
                    switch (image.condition()) {
                        case "high" -> high++;
                        case "low" -> low++;
                        default -> throw new AssertionError(name + ": target " + shown.getKey() + " has condition " + image.condition());
                    }
                    timesTarget.merge(shown.getKey(), 1, Integer::sum);
                } else {
                    assertEquals("filler", kind, name + ": " + shown.getKey());
                    assertEquals(1, showings.size(), name + ": filler " + shown.getKey() + " is shown once");
                    assertEquals("foil", image.condition(), name + ": fillers are foils while foils last");
                    fillerImages.add(shown.getKey());
                    fillers++;
                }
            }
            assertEquals(repeats, targets, name + ": repeated targets");
            assertEquals(repeats / 2, high, name + ": high targets");
            assertEquals(repeats / 2, low, name + ": low targets");
            assertEquals(length - 2 * repeats, fillers, name + ": fillers");
        }
        Set<String> members = images.entrySet().stream().filter(e -> !e.getValue().pairId().isEmpty()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(members, timesTarget.keySet(), "every pair member is a repeated target somewhere");
        Set<Integer> uses = new TreeSet<>(timesTarget.values());
        assertEquals(1, uses.size(), "every pair member is a target equally often across sequences: " + uses);
        int use = uses.iterator().next();
        assertEquals((long) sequences.size() * repeats, (long) use * members.size(), "K·R target slots = uses × members");
        summary = String.format(java.util.Locale.ROOT,
                "%d sequences × %d positions, %d repeated targets each (%d high, %d low), lags %d–%d (mean %.1f), each of %d pair members"
                        + " a target in %d sequence(s), fillers drawn from %d distinct foils",
                sequences.size(), length, repeats, repeats / 2, repeats / 2, smallestLag, largestLag,
                (double) lagSum / ((long) sequences.size() * repeats), members.size(), use, fillerImages.size());
    }

    /** RFC 4180 rows (quoted fields with "" escapes; no line breaks inside fields, which these files do not have). */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            rows.add(fields);
        }
        return rows;
    }
}
