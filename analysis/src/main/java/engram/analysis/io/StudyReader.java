package engram.analysis.io;

import engram.core.format.Manifest;

import engram.core.format.ManifestException;
import engram.core.format.ManifestReader;

import engram.core.format.ExportLayout;

import engram.core.csv.InputException;

import engram.core.csv.CsvReader;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;

/**
 * Reads a study from an export zip or from responses.csv, boxes.csv and manifest.csv, validating as it goes.
 * Every problem is reported as an {@link InputException} naming the file, line and column.
 */
public final class StudyReader {
    // The columns each file needs, in this order (engram-core's ExportLayout; later columns are optional).
    static final String[] RESPONSE_COLUMNS = ExportLayout.RESPONSES.required().toArray(String[]::new);
    static final String[] BOX_COLUMNS = ExportLayout.BOXES.required().toArray(String[]::new);
    private static final double EDGE_TOLERANCE = 1e-9;

    private final Consumer<String> progress;

    private StudyReader(Consumer<String> progress) {
        this.progress = progress;
    }

    /** @return a reader that reports its progress to the consumer (e.g. stderr) */
    public static StudyReader withProgress(Consumer<String> progress) {
        return new StudyReader(progress);
    }

    /** @return a silent reader */
    public static StudyReader create() {
        return new StudyReader(s -> { });
    }

    /** {@link #readExport(Path, boolean)} leaving out the runs that did not complete. */
    public Study readExport(Path zip) throws IOException {
        return readExport(zip, false);
    }

    /**
     * Reads an export zip holding responses.csv, boxes.csv and manifest.csv (at its root or in one folder);
     * images are looked up next to manifest.csv and in the zip's images/ folder. When the export also holds
     * participants.csv, the trials and boxes of runs that did not complete are left out (listed in
     * {@link Study#leftOut()}) unless {@code includeIncomplete}; experiment.json, when present, gives the attention rule.
     */
    public Study readExport(Path zip, boolean includeIncomplete) throws IOException {
        String zipName = zip.getFileName().toString();
        try (ZipFile zf = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry manifestEntry = findEntry(zf, ExportLayout.MANIFEST.name(), zipName);
            ZipEntry responsesEntry = findEntry(zf, ExportLayout.RESPONSES.name(), zipName);
            ZipEntry boxesEntry = findEntry(zf, ExportLayout.BOXES.name(), zipName);
            ZipEntry participantsEntry = findOptionalEntry(zf, ExportLayout.PARTICIPANTS.name());
            ZipEntry experimentEntry = findOptionalEntry(zf, ExportLayout.EXPERIMENT_JSON);
            StudySettings settings = null;
            if (experimentEntry != null) {
                try (InputStream in = zf.getInputStream(experimentEntry)) {
                    settings = ExperimentJson.read(in, experimentEntry.getName());
                }
                progress.accept("read " + experimentEntry.getName() + ": attention rule vigilance >= "
                    + settings.minVigilanceHitRate() + ", false alarms < " + settings.maxFalseAlarmRate());
            }
            List<RunRecord> runs = List.of();
            RunFilter filter = null;
            if (participantsEntry != null) {
                try (Reader r = reader(zf.getInputStream(participantsEntry))) {
                    runs = readRuns(r, participantsEntry.getName());
                }
                filter = new RunFilter(runs, includeIncomplete, participantsEntry.getName());
            } else {
                progress.accept("the export has no participants.csv: every run in responses.csv is analysed");
            }
            Manifest manifest;
            try (Reader r = reader(zf.getInputStream(manifestEntry))) {
                manifest = readManifest(r, manifestEntry.getName());
            }
            Responses responses;
            try (Reader r = reader(zf.getInputStream(responsesEntry))) {
                responses = readResponses(r, responsesEntry.getName(), manifest, filter);
            }
            Boxes boxes;
            try (Reader r = reader(zf.getInputStream(boxesEntry))) {
                boxes = readBoxes(r, boxesEntry.getName(), responses, manifest, filter);
            }
            if (settings != null && !Double.isNaN(settings.displayMs())) {
                responses.timing.setDisplayMs(settings.displayMs());
            }
            ZipEntry sessionsEntry = findOptionalEntry(zf, ExportLayout.SESSIONS.name());
            if (sessionsEntry != null) {
                try (Reader r = reader(zf.getInputStream(sessionsEntry))) {
                    responses.withDelays(readSessionDelays(r, sessionsEntry.getName()));
                }
            }
            String manifestName = manifestEntry.getName();
            String folder = manifestName.contains("/") ? manifestName.substring(0, manifestName.lastIndexOf('/') + 1) : "";
            List<RunRecord> leftOut = filter == null ? List.of() : filter.leftOut();
            if (!leftOut.isEmpty()) {
                progress.accept("left out " + leftOut.size() + " run(s) that did not complete (`includeIncomplete` keeps them)");
            }
            return new Study(manifest, responses, boxes, zipImages(zip, folder), settings, runs, leftOut);
        }
    }

    static final String[] RUN_COLUMNS = ExportLayout.PARTICIPANTS.required().toArray(String[]::new);
    private static final List<String> RUN_STATES = List.of("STARTED", "COMPLETED", "NO_CONSENT", "RETURNED", "VOIDED",
        "NO_DEVICE", "PRACTICE_FAILED", "WAITING", "MISSED");

    /** Reads an export's participants.csv: one row per run, run ids unique. */
    public List<RunRecord> readRuns(Reader in, String name) throws IOException {
        try (CsvReader csv = new CsvReader(in, name)) {
            int[] c = new int[RUN_COLUMNS.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = csv.require(RUN_COLUMNS[i]);
            }
            // the browser check's columns (docs/data-formats.md); absent from older exports
            int cBrowser = csv.optional("browser");
            int cOs = csv.optional("os");
            int cRefresh = csv.optional("refresh_hz");
            List<RunRecord> runs = new ArrayList<>();
            Map<String, Long> seen = new HashMap<>();
            while (csv.next()) {
                String pid = csv.string(c[0]).trim();
                if (pid.isEmpty()) {
                    throw csv.error(c[0], "empty participant_id");
                }
                String runId = csv.string(c[1]).trim();
                if (runId.isEmpty()) {
                    throw csv.error(c[1], "empty run_id");
                }
                Long previous = seen.putIfAbsent(runId, csv.line());
                if (previous != null) {
                    throw csv.error(c[1], "duplicate run_id '" + runId + "' (first on line " + previous + ")");
                }
                String state = csv.string(c[3]).trim();
                if (!RUN_STATES.contains(state)) {
                    throw csv.error(c[3], "state must be one of " + String.join(", ", RUN_STATES) + ", found '" + state + "'");
                }
                int trials = csv.parseInt(c[4]);
                if (trials < 0) {
                    throw csv.error(c[4], "trials_saved must be 0 or more, found " + trials);
                }
                String passed = csv.string(c[5]).trim();
                Boolean attention = switch (passed) {
                    case "" -> null;
                    case "1", "true" -> Boolean.TRUE;
                    case "0", "false" -> Boolean.FALSE;
                    default -> throw csv.error(c[5], "attention_passed must be 1, 0 or empty, found '" + passed + "'");
                };
                runs.add(new RunRecord(pid, runId, csv.string(c[2]).trim(), state, trials, attention,
                    cBrowser < 0 ? "" : csv.string(cBrowser).trim(), cOs < 0 ? "" : csv.string(cOs).trim(),
                    cRefresh < 0 ? "" : csv.string(cRefresh).trim()));
            }
            progress.accept("read " + name + ": " + runs.size() + " runs, "
                + runs.stream().filter(RunRecord::completed).count() + " completed");
            return List.copyOf(runs);
        }
    }

    /** The columns of sessions.csv that the analysis reads. */
    static final String[] SESSION_COLUMNS = ExportLayout.SESSIONS.required().toArray(String[]::new);

    /**
     * Reads an export's sessions.csv (one row per run and session): the delay actually elapsed before each session, in
     * seconds, by "participant_id\u0000session". An empty delay_s (the first session, or a session not yet opened) is
     * left out.
     */
    public Map<String, Double> readSessionDelays(Reader in, String name) throws IOException {
        try (CsvReader csv = new CsvReader(in, name)) {
            int[] c = new int[SESSION_COLUMNS.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = csv.require(SESSION_COLUMNS[i]);
            }
            Map<String, Double> delays = new HashMap<>();
            Map<String, Long> seen = new HashMap<>();
            while (csv.next()) {
                String pid = csv.string(c[0]).trim();
                if (pid.isEmpty()) {
                    throw csv.error(c[0], "empty participant_id");
                }
                int session = csv.parseInt(c[2]);
                if (session < 1) {
                    throw csv.error(c[2], "session must be 1 or more, found " + session);
                }
                String key = csv.string(c[1]).trim() + "\u0000" + session;
                Long previous = seen.putIfAbsent(key, csv.line());
                if (previous != null) {
                    throw csv.error(c[2], "duplicate session " + session + " of run '" + csv.string(c[1]).trim()
                        + "' (first on line " + previous + ")");
                }
                if (!csv.isBlank(c[3])) {
                    double delay = csv.parseDouble(c[3]);
                    if (!(delay >= 0) || Double.isInfinite(delay)) {
                        throw csv.error(c[3], "delay_s must be a number of seconds, 0 or more, found '" + csv.string(c[3]) + "'");
                    }
                    delays.put(pid + "\u0000" + session, delay);
                }
            }
            progress.accept("read " + name + ": " + seen.size() + " sessions");
            return delays;
        }
    }

    /** Which runs' rows are kept: every run must be listed in participants.csv; incomplete runs are dropped unless kept. */
    static final class RunFilter {
        private final Map<String, RunRecord> byId = new HashMap<>();
        private final java.util.Set<String> kept = new java.util.HashSet<>();
        private final List<RunRecord> leftOut = new ArrayList<>();
        private final String participantsFile;

        RunFilter(List<RunRecord> runs, boolean includeIncomplete, String participantsFile) {
            this.participantsFile = participantsFile;
            for (RunRecord run : runs) {
                byId.put(run.runId(), run);
                if (includeIncomplete || run.completed()) {
                    kept.add(run.runId());
                } else {
                    leftOut.add(run);
                }
            }
        }

        /** @return whether the row of this run is kept; a run missing from participants.csv is an error */
        boolean keeps(CsvReader csv, int column) {
            String runId = csv.string(column).trim();
            if (!byId.containsKey(runId)) {
                throw csv.error(column, "run_id '" + runId + "' is not in " + participantsFile);
            }
            return kept.contains(runId);
        }

        List<RunRecord> leftOut() {
            return List.copyOf(leftOut);
        }
    }

    private static ZipEntry findOptionalEntry(ZipFile zf, String name) {
        try {
            return findEntry(zf, name, "");
        } catch (InputException e) {
            return null;
        }
    }

    /** Reads the three files; images are looked up relative to the manifest's folder. */
    public Study readFiles(Path responsesFile, Path boxesFile, Path manifestFile) throws IOException {
        Manifest manifest;
        try (Reader r = reader(Files.newInputStream(manifestFile))) {
            manifest = readManifest(r, manifestFile.getFileName().toString());
        }
        Responses responses;
        try (Reader r = reader(Files.newInputStream(responsesFile))) {
            responses = readResponses(r, responsesFile.getFileName().toString(), manifest);
        }
        Boxes boxes;
        try (Reader r = reader(Files.newInputStream(boxesFile))) {
            boxes = readBoxes(r, boxesFile.getFileName().toString(), responses, manifest);
        }
        Path folder = manifestFile.toAbsolutePath().getParent();
        return new Study(manifest, responses, boxes, file -> loadImage(folder, file));
    }

    private static Optional<BufferedImage> loadImage(Path folder, String file) {
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = folder.resolve(file).normalize();
            if (!p.startsWith(folder) || !Files.isRegularFile(p)) {
                return Optional.empty();
            }
            return Optional.ofNullable(ImageIO.read(p.toFile()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ImageSource zipImages(Path zip, String manifestFolder) {
        return file -> {
            if (file == null || file.isBlank()) {
                return Optional.empty();
            }
            try (ZipFile zf = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
                for (String name : List.of(manifestFolder + file, manifestFolder + "images/" + file, "images/" + file)) {
                    ZipEntry e = zf.getEntry(name);
                    if (e != null && !e.isDirectory()) {
                        try (InputStream in = zf.getInputStream(e)) {
                            return Optional.ofNullable(ImageIO.read(in));
                        }
                    }
                }
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        };
    }

    private static ZipEntry findEntry(ZipFile zf, String name, String zipName) {
        ZipEntry root = zf.getEntry(name);
        if (root != null) {
            return root;
        }
        ZipEntry found = null;
        var entries = zf.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (!e.isDirectory() && (e.getName().endsWith("/" + name))) {
                if (found == null || e.getName().length() < found.getName().length()) {
                    found = e;
                }
            }
        }
        if (found == null) {
            throw new InputException(zipName, 0, null, "the export has no " + name);
        }
        return found;
    }

    private static Reader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Reads manifest.csv with engram-core's manifest reader (every rule of the format; all problems together as a
     * {@link ManifestException}, each naming file, line and column).
     */
    public Manifest readManifest(Reader in, String name) throws IOException {
        Manifest manifest = ManifestReader.read(in, name);
        progress.accept("read " + name + ": " + manifest.size() + " images");
        return manifest;
    }

    /**
     * True for a row that is not an ordinary presentation: the participant had seen the image more often than the design
     * says by this trial, or a reload cut the image's display short. Such rows are left out of every analysis.
     */
    static boolean notOrdinary(CsvReader csv, int cExtraShowings, int cInterrupted) {
        boolean extra = cExtraShowings >= 0 && !csv.isBlank(cExtraShowings) && csv.parseLong(cExtraShowings) != 0;
        boolean cutDisplay = cInterrupted >= 0 && csv.equalsText(cInterrupted, "display");
        return extra || cutDisplay;
    }

    /** Reads responses.csv; image ids must be in the manifest. */
    public Responses readResponses(Reader in, String name, Manifest manifest) throws IOException {
        return readResponses(in, name, manifest, null);
    }

    /** Reads responses.csv keeping only the rows of runs the filter keeps (all rows when it is null). */
    Responses readResponses(Reader in, String name, Manifest manifest, RunFilter filter) throws IOException {
        try (CsvReader csv = new CsvReader(in, name)) {
            ResponseRows rows = new ResponseRows(csv, manifest, filter != null);
            while (csv.next()) {
                if (filter != null && !filter.keeps(csv, rows.runColumn())) {
                    continue;
                }
                if (rows.read() && rows.rows() % 1_000_000 == 0) {
                    progress.accept("reading " + name + ": " + rows.rows() + " rows");
                }
            }
            progress.accept("read " + name + ": " + rows.rows() + " rows, " + rows.participants() + " participants");
            if (rows.leftOutTrials() > 0) {
                progress.accept("left out " + rows.leftOutTrials() + " trials of " + name + " that were not ordinary presentations"
                    + " (extra_showings above 0, or interrupted = display)");
            }
            Responses read = rows.build(name);
            if (rows.testRows() > 0) {
                progress.accept("read " + name + ": " + rows.testRows() + " rows of study and test phases, "
                    + rows.testParticipants() + " participants");
            }
            return read;
        }
    }

    /** Reads boxes.csv; every box must belong to a trial of responses.csv showing the same image. */
    public Boxes readBoxes(Reader in, String name, Responses responses, Manifest manifest) throws IOException {
        return readBoxes(in, name, responses, manifest, null);
    }

    /** Reads boxes.csv keeping only the boxes of runs the filter keeps (all boxes when it is null). */
    Boxes readBoxes(Reader in, String name, Responses responses, Manifest manifest, RunFilter filter) throws IOException {
        Map<String, Integer> participants = new HashMap<>();
        for (int p = 0; p < responses.participants(); p++) {
            participants.put(responses.participantId(p), p);
        }
        try (CsvReader csv = new CsvReader(in, name)) {
            int[] c = new int[BOX_COLUMNS.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = csv.require(BOX_COLUMNS[i]);
            }
            IntList rows = new IntList();
            DoubleList xs = new DoubleList();
            DoubleList ys = new DoubleList();
            DoubleList ws = new DoubleList();
            DoubleList hs = new DoubleList();
            int cRun = filter == null ? -1 : csv.require("run_id");
            int count = 0;
            TestTrials tests = responses.testTrials();
            Map<String, Integer> testIndex = testTrialIndex(tests);
            List<TestTrials.TestBox> testBoxes = new ArrayList<>();
            while (csv.next()) {
                if (filter != null && !filter.keeps(csv, cRun)) {
                    continue;
                }
                String pid = csv.string(c[0]).trim();
                Integer p = participants.get(pid);
                int boxTrial = csv.parseInt(c[1]);
                if (responses.isTestTrial(pid, boxTrial)) {
                    Integer test = testIndex.get(pid + "\u0000" + boxTrial);
                    if (test != null) {
                        testBoxes.add(testBox(csv, c, test, tests.trials().get(test), manifest));
                    }
                    continue; // boxes of study and test phases go to the recognition analysis (docs/analysis.md)
                }
                int row = responseRow(csv, c, pid, p, boxTrial, responses, manifest);
                if (row < 0) {
                    continue;
                }
                double[] box = boxGeometry(csv, c);
                rows.add(row);
                xs.add(box[0]);
                ys.add(box[1]);
                ws.add(box[2]);
                hs.add(box[3]);
                if (++count % 1_000_000 == 0) {
                    progress.accept("reading " + name + ": " + count + " boxes");
                }
            }
            progress.accept("read " + name + ": " + count + " boxes" + (testBoxes.isEmpty() ? ""
                : " and " + testBoxes.size() + " on study and test trials"));
            responses.withTestBoxes(testBoxes);
            return sortedByRow(rows.toArray(), xs.toArray(), ys.toArray(), ws.toArray(), hs.toArray());
        }
    }

    /** Each study or test trial's position in {@code tests.trials()}, keyed by participant id and trial index. */
    private static Map<String, Integer> testTrialIndex(TestTrials tests) {
        Map<String, Integer> testIndex = new HashMap<>();
        for (int i = 0; i < tests.trials().size(); i++) {
            TestTrial t = tests.trials().get(i);
            testIndex.put(tests.participantIds().get(t.participant()) + "\u0000" + t.trialIndex(), i);
        }
        return testIndex;
    }

    /**
     * The responses.csv row a box of the continuous game belongs to, checked to show the box's image; -1 for a box of a
     * trial left out of responses.csv (not an ordinary presentation).
     */
    private static int responseRow(CsvReader csv, int[] c, String pid, Integer p, int t, Responses responses,
            Manifest manifest) {
        if (p == null && responses.isLeftOut(pid, t)) {
            return -1;
        }
        if (p == null && responses.testTrials().participantIds().contains(pid)) {
            throw csv.error(c[1], "no trial " + t + " for participant '" + pid + "' in responses.csv");
        }
        if (p == null) {
            throw csv.error(c[0], "unknown participant_id '" + pid + "' (not in responses.csv)");
        }
        String imageId = csv.string(c[2]).trim();
        int img = manifest.indexOf(imageId);
        if (img < 0) {
            throw csv.error(c[2], "unknown image_id '" + imageId + "' (not in the manifest)");
        }
        int row = responses.find(p, t);
        if (row < 0 && responses.isLeftOut(pid, t)) {
            return -1;
        }
        if (row < 0) {
            throw csv.error(c[1], "no trial " + t + " for participant '" + pid + "' in responses.csv");
        }
        if (responses.image(row) != img) {
            throw csv.error(c[2], "image_id '" + imageId + "' differs from the trial's image '"
                + manifest.row(responses.image(row)).imageId() + "' in responses.csv");
        }
        return row;
    }

    /** The boxes sorted by response row (stable: boxes of one trial keep their file order). */
    private static Boxes sortedByRow(int[] r, double[] ax, double[] ay, double[] aw, double[] ah) {
        int count = r.length;
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = ((long) r[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] sortedRows = new int[count];
        double[] sx = new double[count];
        double[] sy = new double[count];
        double[] sw = new double[count];
        double[] sh = new double[count];
        for (int i = 0; i < count; i++) {
            int k = (int) keys[i];
            sortedRows[i] = r[k];
            sx[i] = ax[k];
            sy[i] = ay[k];
            sw[i] = aw[k];
            sh[i] = ah[k];
        }
        return new Boxes(sortedRows, sx, sy, sw, sh);
    }

    /** A box of a study or test trial: the image must be the one the trial showed (2AFC: either image). */
    private static TestTrials.TestBox testBox(CsvReader csv, int[] c, int test, TestTrial t, Manifest manifest) {
        String imageId = csv.string(c[2]).trim();
        int img = manifest.indexOf(imageId);
        if (img < 0) {
            throw csv.error(c[2], "unknown image_id '" + imageId + "' (not in the manifest)");
        }
        if (img != t.image() && img != t.alternative()) {
            throw csv.error(c[2], "image_id '" + imageId + "' differs from the trial's image '"
                + manifest.row(t.image()).imageId() + "' in responses.csv");
        }
        double[] box = boxGeometry(csv, c);
        return new TestTrials.TestBox(test, img, box[0], box[1], box[2], box[3]);
    }

    /**
     * The box's x, y, width and height, each checked to lie in [0,1] as must x + width and y + height (within
     * {@link #EDGE_TOLERANCE}); width and height are clipped to the image's edge.
     */
    private static double[] boxGeometry(CsvReader csv, int[] c) {
        csv.parseInt(c[3]);
        double x = csv.parseDouble(c[4]);
        double y = csv.parseDouble(c[5]);
        double w = csv.parseDouble(c[6]);
        double h = csv.parseDouble(c[7]);
        checkUnit(csv, c[4], x, "x");
        checkUnit(csv, c[5], y, "y");
        checkUnit(csv, c[6], w, "width");
        checkUnit(csv, c[7], h, "height");
        if (x + w > 1 + EDGE_TOLERANCE) {
            throw csv.error(c[6], "box outside [0,1]: x + width = " + (x + w));
        }
        if (y + h > 1 + EDGE_TOLERANCE) {
            throw csv.error(c[7], "box outside [0,1]: y + height = " + (y + h));
        }
        return new double[] {x, y, Math.min(w, 1 - x), Math.min(h, 1 - y)};
    }

    private static void checkUnit(CsvReader csv, int column, double v, String what) {
        if (v < 0 || v > 1 + EDGE_TOLERANCE) {
            throw csv.error(column, "box outside [0,1]: " + what + " = " + v);
        }
    }

    /** Growable int array. */
    static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length + (a.length >> 1));
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** Growable byte array. */
    static final class ByteList {
        private byte[] a = new byte[1024];
        private int n;

        void add(byte v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length + (a.length >> 1));
            }
            a[n++] = v;
        }

        byte[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** Growable double array. */
    static final class DoubleList {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length + (a.length >> 1));
            }
            a[n++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

}
