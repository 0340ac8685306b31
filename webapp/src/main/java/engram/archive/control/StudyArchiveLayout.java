package engram.archive.control;

import java.util.List;

/** The entries of a study archive, format version {@value #FORMAT_VERSION} (docs/archive-format.md). */
public final class StudyArchiveLayout {

    /** The value of "format" in engram-archive.json. */
    public static final String FORMAT = "engram-study-archive";
    /** The format version this engram writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    public static final String INFO = "engram-archive.json";
    public static final String PROTOCOL = "protocol.json";
    public static final String SEQUENCES = "sequences.csv";
    public static final String STIMULI = "stimuli/";
    public static final String MANIFEST = STIMULI + "manifest.csv";
    public static final String SUMS = "SHA256SUMS";
    /** The fixed entries, in the order they are written (the images follow the manifest, SHA256SUMS comes last). */
    public static final List<String> FILES = List.of(INFO, PROTOCOL, SEQUENCES, MANIFEST, SUMS);

    private StudyArchiveLayout() {
    }
}
