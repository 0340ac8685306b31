package engram.core.format;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import engram.core.csv.CsvWriter;

/**
 * Writes a stimulus set's manifest.csv (docs/data-formats.md): the columns of {@link ExportLayout#MANIFEST}, then the
 * union of the rows' further columns in first-seen order (a row without one leaves it empty); predicted_memorability
 * with 6 decimals; plain cells ({@link CsvWriter#plain}: a set's own ids and scores, not user text), LF line ends.
 * {@link ManifestReader} reads it back.
 */
public final class ManifestWriter {

    private ManifestWriter() {
    }

    /** @return the manifest's text */
    public static String csv(List<ManifestRow> rows) {
        Set<String> extras = new LinkedHashSet<>();
        rows.forEach(r -> extras.addAll(r.extra().keySet()));
        StringWriter text = new StringWriter();
        CsvWriter csv = CsvWriter.plain(text);
        try {
            List<String> header = new ArrayList<>(ExportLayout.MANIFEST.columns());
            header.addAll(extras);
            csv.row(header);
            for (ManifestRow r : rows) {
                List<String> cells = new ArrayList<>(List.of(r.imageId(), r.file(), r.pairId() == null ? "" : r.pairId(),
                    r.condition(), r.category(), r.predictedMemorability() == null ? ""
                        : String.format(Locale.ROOT, "%.6f", r.predictedMemorability())));
                extras.forEach(c -> cells.add(r.extra().getOrDefault(c, "")));
                csv.row(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
