package engram.analysis.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a synthetic export (manifest.csv, responses.csv, boxes.csv) for tests and benchmarks.
 *
 * <p>Images: the first 90% form high/low pairs (even index high, odd low), the rest are unpaired foils used as
 * fillers. Each image has a true memorability (high: Beta-like around 0.75, low: around 0.5). Participant p sees the
 * targets (p·T + k) mod P (P = paired images), so every paired image is repeated about participants·T/P times;
 * each participant also sees F fillers and V vigilance pairs. Every responding trial gets one random box.
 * Usage: {@code java -cp ... engram.analysis.synthetic.SyntheticExport OUT.zip|DIR images participants targets
 * [fillers vigilance seed]}.
 */
public final class SyntheticExport {
    /**
     * @param images        number of images
     * @param participants  number of participants
     * @param targets       targets per participant
     * @param fillers       fillers per participant
     * @param vigilance     vigilance pairs per participant
     * @param boxes         whether to write boxes for responding trials
     * @param seed          random seed
     */
    public record Design(int images, int participants, int targets, int fillers, int vigilance, boolean boxes, long seed) {
    }

    private SyntheticExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: SyntheticExport OUT.zip|DIR images participants targets [fillers vigilance seed]");
            System.exit(2);
        }
        Design d = new Design(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            args.length > 4 ? Integer.parseInt(args[4]) : 0, args.length > 5 ? Integer.parseInt(args[5]) : 4, true,
            args.length > 6 ? Long.parseLong(args[6]) : 42);
        Path out = Path.of(args[0]);
        if (out.toString().endsWith(".zip")) {
            writeZip(d, out);
        } else {
            writeFolder(d, out);
        }
    }

    /** Writes the three files into a folder. */
    public static void writeFolder(Design d, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer m = writer(Files.newOutputStream(dir.resolve("manifest.csv")))) {
            writeManifest(d, m);
        }
        try (Writer r = writer(Files.newOutputStream(dir.resolve("responses.csv")));
             Writer b = writer(Files.newOutputStream(dir.resolve("boxes.csv")))) {
            writeTrials(d, r, b);
        }
    }

    /** Writes the three files into a zip. Boxes are buffered in a temporary file. */
    public static void writeZip(Design d, Path zip) throws IOException {
        Path tmp = Files.createTempDirectory("synthetic-export");
        try {
            writeFolder(d, tmp);
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (String name : new String[] {"manifest.csv", "responses.csv", "boxes.csv"}) {
                    ZipEntry e = new ZipEntry(name);
                    e.setTime(0);
                    z.putNextEntry(e);
                    Files.copy(tmp.resolve(name), z);
                    z.closeEntry();
                }
            }
        } finally {
            for (String name : new String[] {"manifest.csv", "responses.csv", "boxes.csv"}) {
                Files.deleteIfExists(tmp.resolve(name));
            }
            Files.deleteIfExists(tmp);
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    static int paired(Design d) {
        int p = (int) Math.round(d.images() * 0.9);
        return p - (p % 2);
    }

    static double memorability(Design d, int image) {
        SplittableRandom r = new SplittableRandom(d.seed() * 31 + image);
        boolean high = image < paired(d) && image % 2 == 0;
        double base = high ? 0.75 : 0.5;
        return Math.max(0.02, Math.min(0.98, base + (r.nextDouble() - 0.5) * 0.4));
    }

    private static void writeManifest(Design d, Writer w) throws IOException {
        w.write("image_id,file,pair_id,condition,category,predicted_memorability,source\n");
        int paired = paired(d);
        for (int i = 0; i < d.images(); i++) {
            String condition = i < paired ? (i % 2 == 0 ? "high" : "low") : "foil";
            String pair = i < paired ? "pair" + (i / 2) : "";
            double predicted = memorability(d, i) + new SplittableRandom(d.seed() + 7L * i).nextDouble() * 0.1 - 0.05;
            w.write(String.format(Locale.ROOT, "img%06d,images/img%06d.jpg,%s,%s,cat%d,%.4f,synthetic\n", i, i, pair,
                condition, i % 5, predicted));
        }
    }

    private static void writeTrials(Design d, Writer w, Writer boxes) throws IOException {
        w.write("participant_id,sequence_id,trial_index,image_id,presentation,kind,lag,responded,rt_ms,onset_ms,duration_ms,run_id\n");
        boxes.write("participant_id,trial_index,image_id,box_index,x,y,width,height\n");
        int paired = paired(d);
        int foils = d.images() - paired;
        SplittableRandom rng = new SplittableRandom(d.seed());
        StringBuilder sb = new StringBuilder(256);
        for (int p = 0; p < d.participants(); p++) {
            String pid = String.format(Locale.ROOT, "P%06d", p);
            boolean inattentive = p % 17 == 5;
            int t = 0;
            int firstTargets = t;
            for (int k = 0; k < d.targets(); k++) {
                int img = (int) (((long) p * d.targets() + k) % paired);
                t = trial(d, w, boxes, sb, rng, pid, p, t, img, 1, "target", -1, inattentive ? 0.5 : 0.08);
            }
            int firstFillers = t;
            for (int k = 0; k < d.fillers() && foils > 0; k++) {
                int img = paired + (int) (((long) p * d.fillers() + k) % foils);
                t = trial(d, w, boxes, sb, rng, pid, p, t, img, 1, "filler", -1, inattentive ? 0.5 : 0.08);
            }
            int firstVigilance = t;
            for (int k = 0; k < d.vigilance(); k++) {
                int img = paired + (int) (((long) p + k) % Math.max(1, foils));
                t = trial(d, w, boxes, sb, rng, pid, p, t, img, 1, "vigilance", -1, 0.08);
            }
            for (int k = 0; k < d.vigilance(); k++) {
                int img = paired + (int) (((long) p + k) % Math.max(1, foils));
                t = trial(d, w, boxes, sb, rng, pid, p, t, img, 2, "vigilance", t - (firstVigilance + k),
                    inattentive ? 0.3 : 0.95);
            }
            for (int k = 0; k < d.targets(); k++) {
                int img = (int) (((long) p * d.targets() + k) % paired);
                t = trial(d, w, boxes, sb, rng, pid, p, t, img, 2, "target", t - (firstTargets + k),
                    inattentive ? 0.5 : memorability(d, img));
            }
        }
    }

    private static int trial(Design d, Writer w, Writer boxes, StringBuilder sb, SplittableRandom rng, String pid, int p,
                             int t, int img, int presentation, String kind, int lag, double pRespond) throws IOException {
        boolean responded = rng.nextDouble() < pRespond;
        sb.setLength(0);
        sb.append(pid).append(",S").append(p % 20).append(',').append(t).append(",img");
        pad(sb, img);
        sb.append(',').append(presentation).append(',').append(kind).append(',');
        if (lag >= 0) {
            sb.append(lag);
        }
        sb.append(',').append(responded ? 1 : 0).append(',');
        if (responded) {
            sb.append(400 + rng.nextInt(900));
        }
        sb.append(',').append(t * 1600L).append(",1000,run").append(p).append('\n');
        w.append(sb);
        if (responded && d.boxes() && !kind.equals("vigilance")) {
            double bw = 0.1 + rng.nextInt(300) / 1000.0;
            double bh = 0.1 + rng.nextInt(300) / 1000.0;
            double x = rng.nextInt((int) Math.round((1 - bw) * 1000) + 1) / 1000.0;
            double y = rng.nextInt((int) Math.round((1 - bh) * 1000) + 1) / 1000.0;
            sb.setLength(0);
            sb.append(pid).append(',').append(t).append(",img");
            pad(sb, img);
            sb.append(",0,").append(x).append(',').append(y).append(',').append(bw).append(',').append(bh).append('\n');
            boxes.append(sb);
        }
        return t + 1;
    }

    private static void pad(StringBuilder sb, int img) {
        String s = Integer.toString(img);
        for (int i = s.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
