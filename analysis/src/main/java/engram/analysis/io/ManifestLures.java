package engram.analysis.io;

/** The manifest's optional {@code lure_type} column (docs/data-formats.md), read from its further columns. */
public final class ManifestLures {
    /** The column's name. */
    public static final String COLUMN = "lure_type";

    private ManifestLures() {
    }

    /** @return each image's lure type (empty when none), or null when the manifest has no lure_type column */
    public static String[] lureTypes(Manifest manifest) {
        int column = manifest.extraColumns().indexOf(COLUMN);
        if (column < 0) {
            return null;
        }
        String[] out = new String[manifest.size()];
        for (int i = 0; i < out.length; i++) {
            String v = manifest.extraValue(i, column);
            out[i] = v == null ? "" : v.trim();
        }
        return out;
    }
}
