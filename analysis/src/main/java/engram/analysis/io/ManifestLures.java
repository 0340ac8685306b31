package engram.analysis.io;

import engram.core.format.Manifest;
import engram.core.format.ManifestReader;

/** The manifest's optional {@code lure_type} column (docs/data-formats.md; engram-core's {@code ManifestRow#lureType()}). */
public final class ManifestLures {
    /** The column's name. */
    public static final String COLUMN = ManifestReader.LURE_TYPE;

    private ManifestLures() {
    }

    /** @return each image's lure type (empty when none), or null when the manifest has no lure_type column */
    public static String[] lureTypes(Manifest manifest) {
        if (!manifest.extraColumns().contains(COLUMN)) {
            return null;
        }
        String[] out = new String[manifest.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = manifest.row(i).lureType();
        }
        return out;
    }
}
