package engram.analysis.synthetic;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a synthetic export of a two-session study–test experiment with planted memory strengths, for the tests and
 * the worked example of docs/analysis.md. Phases: 1 study (session 1; one member of each high/low pair, the high one
 * for half of the participants), 2 a recognition test in session 1 (a quarter of the pairs test their studied member,
 * a quarter their unstudied member as a lure, half of the foils), 3 the same test in session 2 after about a day with
 * the other pairs and foils, 4 a 2AFC test in session 2 (the pairs tested as targets, each beside its lure).
 *
 * <p>The model is equal-variance signal detection: a foil's strength is N(0, 1), a studied image's N(d, 1) with d the
 * planted d′ of its condition (times {@code retention} in session 2), a lure's N(s·d, 1) with s the similarity of its
 * lure type. Old/new answers come from 2L − 1 criteria at d/2 + (−1, −0.5, 0, 0.5, 1)… spaced by 0.5 (L = confidence
 * levels); old/similar/new from criteria 0.5 (similar) and 1.5 (old); 2AFC chooses the stronger image.
 *
 * <p>With {@link Design#delays() delays} the layout is a forgetting study instead: 1 study (session 1), then for each
 * delay i one test phase i + 2 in session i + 2, opened that long after session 1 ended (sessions.csv's delay_s is the
 * difference to the previous delay, times a jitter of 0.85–1.15 per participant; the sessions themselves take no time),
 * each with its own share of the pairs (targets and lures) and foils, d′ times the delay's retention; no 2AFC.
 * Boxes: an "old" answer in an old/new or old/similar/new phase gets one box with probability {@link #BOX_RATE}, near
 * the image's {@link #boxCentre planted centre} (drawn from a separate random stream, so the answers do not depend on it).
 * Usage: {@code java -cp ... engram.analysis.synthetic.SyntheticRecognition OUT.zip [participants pairs foils task seed]}
 * or {@code ... OUT.zip delays} for {@link Design#delaysExample()}.
 */
public final class SyntheticRecognition {
    /**
     * @param participants       participants (all complete both sessions)
     * @param pairs              high/low pairs (a multiple of 4); pair k has lure type perceptual for even k, semantic for odd
     * @param foils              unpaired new images (even)
     * @param testTask           {@code old-new} or {@code old-similar-new}, the task of phases 2 and 3
     * @param levels             confidence levels of phases 2 and 3 (0: none)
     * @param dHigh              planted d′ of a studied high image
     * @param dLow               planted d′ of a studied low image
     * @param retention          factor on d′ in session 2
     * @param perceptual         similarity of a perceptual lure (share of its studied partner's strength)
     * @param semantic           similarity of a semantic lure
     * @param unanswered         probability that a test trial gets no answer
     * @param seed               random seed
     * @param delays             empty for the two-session layout; else the test phases' delays after study (k ≥ 2,
     *                           increasing), pairs a multiple of 2k and foils of k
     */
    public record Design(int participants, int pairs, int foils, String testTask, int levels, double dHigh, double dLow,
                         double retention, double perceptual, double semantic, double unanswered, long seed,
                         List<Delay> delays) {
        public Design {
            delays = List.copyOf(Objects.requireNonNull(delays, "delays"));
        }

        /** The two-session layout. */
        public Design(int participants, int pairs, int foils, String testTask, int levels, double dHigh, double dLow,
                      double retention, double perceptual, double semantic, double unanswered, long seed) {
            this(participants, pairs, foils, testTask, levels, dHigh, dLow, retention, perceptual, semantic, unanswered,
                seed, List.of());
        }

        /** The worked example's design: 24 participants, 48 pairs, 48 foils, old/new with a 3-point scale. */
        public static Design example() {
            return new Design(24, 48, 48, "old-new", 3, 1.6, 0.9, 0.6, 0.6, 0.3, 0.02, 14);
        }

        /**
         * The forgetting example: 24 participants, 72 pairs, 72 foils, old/new with a 3-point scale after 20 min
         * (retention 1), 1 day (0.7) and 7 days (0.45).
         */
        public static Design delaysExample() {
            return new Design(24, 72, 72, "old-new", 3, 1.6, 0.9, 1.0, 0.6, 0.3, 0.02, 2018,
                List.of(new Delay(1_200, 1.0), new Delay(86_400, 0.7), new Delay(604_800, 0.45)));
        }
    }

    /**
     * One test phase of the forgetting layout.
     *
     * @param seconds   its planted delay after the end of session 1
     * @param retention the factor on d′ after that delay
     */
    public record Delay(double seconds, double retention) {
    }

    private static final String RESPONSE_HEADER = "participant_id,sequence_id,trial_index,image_id,presentation,kind,lag,"
        + "responded,rt_ms,onset_ms,duration_ms,run_id,offset_ms,dropped_frames,visibility_changes,fullscreen_exits,"
        + "displayed_width,displayed_height,device_pixel_ratio,saved_at,page_load,interrupted,extra_showings,"
        + "phase,session,task,answer,confidence,confidence_levels,lure_type,target_side,choice_side,chosen_image_id,"
        + "alternative_image_id";

    /** Share of "old" answers in old/new and old/similar/new phases that get a box. */
    public static final double BOX_RATE = 0.8;
    /** Width and height of a box, as a fraction of the image. */
    public static final double BOX_SIZE = 0.2;

    private SyntheticRecognition() {
    }

    /**
     * @return where participants box an image after answering "old": its planted centre in [0.2, 0.8]², from the
     *         image id; each box is BOX_SIZE square around it, moved by up to ±0.05 in x and y, so always inside the image
     */
    public static double[] boxCentre(String imageId) {
        int h = imageId.hashCode();
        return new double[] {0.2 + 0.6 * ((h & 0xffff) / 65535.0), 0.2 + 0.6 * (((h >>> 16) & 0xffff) / 65535.0)};
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SyntheticRecognition OUT.zip [participants pairs foils task seed]");
            System.exit(2);
        }
        if (args.length == 2 && args[1].equals("delays")) {
            writeZip(Design.delaysExample(), Path.of(args[0]));
            return;
        }
        Design e = Design.example();
        Design d = new Design(args.length > 1 ? Integer.parseInt(args[1]) : e.participants(),
            args.length > 2 ? Integer.parseInt(args[2]) : e.pairs(), args.length > 3 ? Integer.parseInt(args[3]) : e.foils(),
            args.length > 4 ? args[4] : e.testTask(), e.levels(), e.dHigh(), e.dLow(), e.retention(), e.perceptual(),
            e.semantic(), e.unanswered(), args.length > 5 ? Long.parseLong(args[5]) : e.seed());
        writeZip(d, Path.of(args[0]));
    }

    /** Writes the export zip: manifest.csv, responses.csv, boxes.csv, participants.csv, sessions.csv, experiment.json. */
    public static void writeZip(Design d, Path zip) throws IOException {
        int k = d.delays().size();
        if (k == 0 && (d.pairs() % 4 != 0 || d.foils() % 2 != 0 || d.participants() < 1)) {
            throw new IllegalArgumentException("pairs must be a multiple of 4, foils even, participants 1 or more");
        }
        if (k == 1 || k > 0 && (d.pairs() % (2 * k) != 0 || d.foils() % k != 0 || d.participants() < 1)) {
            throw new IllegalArgumentException("with " + k + " delays: at least 2 delays, pairs a multiple of " + 2 * k
                + ", foils of " + k + ", participants 1 or more");
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            Writer w = new OutputStreamWriter(z, StandardCharsets.UTF_8);
            entry(z, w, "manifest.csv", manifest(d));
            StringBuilder boxes = new StringBuilder("participant_id,trial_index,image_id,box_index,x,y,width,height,run_id\n");
            entry(z, w, "responses.csv", responses(d, boxes));
            entry(z, w, "boxes.csv", boxes.toString());
            StringBuilder runs = new StringBuilder("participant_id,run_id,sequence_id,state,trials_saved,attention_passed\n");
            StringBuilder sessions = new StringBuilder("participant_id,run_id,session,first_phase,state,opened_at,"
                + "finished_at,delay_min_s,delay_max_s,delay_s,refused_early,refused_late\n");
            SplittableRandom rng = new SplittableRandom(d.seed() ^ 0x5E551075L);
            for (int p = 0; p < d.participants(); p++) {
                int trials = k > 0 ? 2 * d.pairs() + d.foils() : d.pairs() + d.pairs() / 2 + d.foils() + d.pairs() / 2;
                runs.append(pid(p)).append(",run").append(p + 1).append(',').append(p % 2 + 1).append(",COMPLETED,")
                    .append(trials).append(",\n");
                sessions.append(pid(p)).append(",run").append(p + 1).append(",1,1,COMPLETED,2026-12-01T09:00:00Z,"
                    + "2026-12-01T09:20:00Z,,,,0,0\n");
                if (k == 0) {
                    long delay = 86_400 + rng.nextLong(-3_600, 14_400);
                    sessions.append(pid(p)).append(",run").append(p + 1).append(",2,3,COMPLETED,,,72000,115200,")
                        .append(delay).append(",0,0\n");
                }
                double previous = 0;
                for (int i = 0; i < k; i++) {
                    double planned = d.delays().get(i).seconds();
                    double since = Math.max(previous + 1, Math.round(planned * (0.85 + 0.3 * rng.nextDouble())));
                    sessions.append(pid(p)).append(",run").append(p + 1).append(',').append(i + 2).append(',')
                        .append(i + 2).append(",COMPLETED,,,,,").append(Math.round(since - previous)).append(",0,0\n");
                    previous = since;
                }
            }
            entry(z, w, "participants.csv", runs.toString());
            entry(z, w, "sessions.csv", sessions.toString());
            entry(z, w, "experiment.json", "{\"minVigilanceHitRate\": 0.6, \"maxFalseAlarmRate\": 0.4}\n");
        }
    }

    private static void entry(ZipOutputStream z, Writer w, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        w.write(text);
        w.flush();
        z.closeEntry();
    }

    static String pid(int p) {
        return String.format(Locale.ROOT, "P%03d", p + 1);
    }

    static String pairImage(int k, boolean high) {
        return String.format(Locale.ROOT, "pair%02d_%s", k + 1, high ? "high" : "low");
    }

    static String foil(int f) {
        return String.format(Locale.ROOT, "foil%02d", f + 1);
    }

    static String lureType(int k) {
        return k % 2 == 0 ? "perceptual" : "semantic";
    }

    private static String manifest(Design d) {
        StringBuilder m = new StringBuilder("image_id,file,pair_id,condition,category,lure_type\n");
        for (int k = 0; k < d.pairs(); k++) {
            for (boolean high : new boolean[] {true, false}) {
                String id = pairImage(k, high);
                m.append(id).append(",images/").append(id).append(".png,pair").append(k + 1).append(',')
                    .append(high ? "high" : "low").append(",scene,").append(lureType(k)).append('\n');
            }
        }
        for (int f = 0; f < d.foils(); f++) {
            m.append(foil(f)).append(",images/").append(foil(f)).append(".png,,foil,scene,\n");
        }
        return m.toString();
    }

    private static String responses(Design d, StringBuilder boxes) {
        StringBuilder out = new StringBuilder(RESPONSE_HEADER).append('\n');
        SplittableRandom rng = new SplittableRandom(d.seed());
        int n = d.pairs();
        for (int p = 0; p < d.participants(); p++) {
            Participant part = new Participant(d, p, rng.split(), out);
            part.boxes = boxes;
            part.boxRng = new SplittableRandom(d.seed() * 31 + p);
            // phase 1: study one member of each pair
            List<Integer> order = shuffled(n, part.rng);
            for (int k : order) {
                part.row(1, 1, "study", pairImage(k, part.studiesHigh(k)), 1, "study", "", 0, "", "", "", "", "");
            }
            if (!d.delays().isEmpty()) {
                delayedTests(d, p, part);
                continue;
            }
            // pairs rotate over the quarters A (target, session 1), B (lure, session 1), C (target, 2), D (lure, 2)
            for (int session = 1; session <= 2; session++) {
                List<String[]> trials = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    int quarter = Math.floorMod(k / (n / 4) + p, 4);
                    if (quarter == 2 * (session - 1)) {
                        trials.add(new String[] {Integer.toString(k), "target"});
                    } else if (quarter == 2 * (session - 1) + 1) {
                        trials.add(new String[] {Integer.toString(k), "lure"});
                    }
                }
                for (int f = (session - 1) * d.foils() / 2; f < session * d.foils() / 2; f++) {
                    trials.add(new String[] {Integer.toString(f), "foil"});
                }
                for (int i : shuffled(trials.size(), part.rng)) {
                    part.test(session == 1 ? 2 : 3, session, trials.get(i)[1], Integer.parseInt(trials.get(i)[0]));
                }
            }
            // phase 4: 2AFC of the pairs tested as targets, each beside its lure
            for (int k : order) {
                int quarter = Math.floorMod(k / (n / 4) + p, 4);
                if (quarter == 0 || quarter == 2) {
                    part.twoAfc(k);
                }
            }
        }
        return out.toString();
    }

    /** The forgetting layout: pairs rotate over 2k parts, part 2i tested as targets and 2i + 1 as lures after delay i. */
    private static void delayedTests(Design d, int p, Participant part) {
        int k = d.delays().size();
        int n = d.pairs();
        for (int i = 0; i < k; i++) {
            List<String[]> trials = new ArrayList<>();
            for (int pair = 0; pair < n; pair++) {
                int share = Math.floorMod(pair / (n / (2 * k)) + p, 2 * k);
                if (share == 2 * i) {
                    trials.add(new String[] {Integer.toString(pair), "target"});
                } else if (share == 2 * i + 1) {
                    trials.add(new String[] {Integer.toString(pair), "lure"});
                }
            }
            for (int f = i * d.foils() / k; f < (i + 1) * d.foils() / k; f++) {
                trials.add(new String[] {Integer.toString(f), "foil"});
            }
            for (int t : shuffled(trials.size(), part.rng)) {
                part.test(i + 2, i + 2, trials.get(t)[1], Integer.parseInt(trials.get(t)[0]));
            }
        }
    }

    private static List<Integer> shuffled(int n, SplittableRandom rng) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
        return list;
    }

    /** One participant's rows. */
    private static final class Participant {
        final Design d;
        final int p;
        final SplittableRandom rng;
        final StringBuilder out;
        StringBuilder boxes;
        SplittableRandom boxRng;
        int trial;

        Participant(Design d, int p, SplittableRandom rng, StringBuilder out) {
            this.d = d;
            this.p = p;
            this.rng = rng;
            this.out = out;
        }

        boolean studiesHigh(int k) {
            return (k + p) % 2 == 0;
        }

        double strength(double mean) {
            return mean + gaussian();
        }

        double gaussian() {
            double u = 1 - rng.nextDouble();
            double v = rng.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }

        double studiedMean(int k, int session) {
            double dp = studiesHigh(k) ? d.dHigh() : d.dLow();
            if (!d.delays().isEmpty()) {
                return dp * d.delays().get(session - 2).retention();
            }
            return session == 1 ? dp : dp * d.retention();
        }

        double similarity(int k) {
            return k % 2 == 0 ? d.perceptual() : d.semantic();
        }

        void test(int phase, int session, String kind, int index) {
            String image;
            String lure = "";
            double mean;
            int presentation = 1;
            if (kind.equals("foil")) {
                image = foil(index);
                mean = 0;
            } else if (kind.equals("target")) {
                image = pairImage(index, studiesHigh(index));
                mean = studiedMean(index, session);
                lure = lureType(index);
                presentation = 2;
            } else {
                image = pairImage(index, !studiesHigh(index));
                mean = similarity(index) * studiedMean(index, session);
                lure = lureType(index);
            }
            double s = strength(mean);
            String answer = "";
            int confidence = 0;
            if (rng.nextDouble() >= d.unanswered()) {
                if (d.testTask().equals("old-similar-new")) {
                    answer = s > 1.5 ? "old" : s > 0.5 ? "similar" : "new";
                } else {
                    int levels = Math.max(1, d.levels());
                    int rating = 1;
                    double base = d.dLow() / 2 - 0.5 * (levels - 1);
                    for (int c = 0; c < 2 * levels - 1; c++) {
                        rating += s > base + 0.5 * c ? 1 : 0;
                    }
                    answer = rating > levels ? "old" : "new";
                    confidence = d.levels() == 0 ? 0 : rating > levels ? rating - levels : levels + 1 - rating;
                }
            }
            row(phase, session, d.testTask(), image, presentation, kind, answer, confidence,
                d.testTask().equals("old-new") && d.levels() > 0 ? Integer.toString(d.levels()) : "", lure, "", "", "");
            if (answer.equals("old") && boxRng.nextDouble() < BOX_RATE) {
                double[] c = boxCentre(image);
                double x = c[0] - BOX_SIZE / 2 + (boxRng.nextDouble() - 0.5) * 0.1;
                double y = c[1] - BOX_SIZE / 2 + (boxRng.nextDouble() - 0.5) * 0.1;
                boxes.append(pid(p)).append(',').append(trial - 1).append(',').append(image).append(",0,")
                    .append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", x, y, BOX_SIZE, BOX_SIZE)).append(",run")
                    .append(p + 1).append('\n');
            }
        }

        void twoAfc(int k) {
            String target = pairImage(k, studiesHigh(k));
            String lure = pairImage(k, !studiesHigh(k));
            double mean = studiedMean(k, 2);
            double st = strength(mean);
            double sl = strength(similarity(k) * mean);
            String targetSide = rng.nextBoolean() ? "left" : "right";
            String other = targetSide.equals("left") ? "right" : "left";
            String choiceSide = "";
            String chosen = "";
            if (rng.nextDouble() >= d.unanswered()) {
                chosen = st > sl ? target : lure;
                choiceSide = st > sl ? targetSide : other;
            }
            row(4, 2, "2afc", target, 2, "lure", "", 0, "", lureType(k), targetSide, choiceSide, chosen + "," + lure);
        }

        void row(int phase, int session, String task, String image, int presentation, String kind, String answer,
                 int confidence, String levels, String lure, String targetSide, String choiceSide, String chosenAndAlt) {
            boolean responded = task.equals("2afc") ? !choiceSide.isEmpty() : !answer.isEmpty();
            String chosen = chosenAndAlt.isEmpty() ? ",": chosenAndAlt;
            out.append(pid(p)).append(',').append(p % 2 + 1).append(',').append(trial++).append(',').append(image).append(',')
                .append(presentation).append(',').append(kind).append(",,").append(responded ? 1 : 0).append(',')
                .append(responded ? 900 + rng.nextInt(600) : "").append(",0,1000,run").append(p + 1)
                .append(",1000,0,0,0,512,512,1,2026-12-01T09:00:00Z,1,,0,").append(phase).append(',').append(session)
                .append(',').append(task).append(',').append(answer).append(',').append(confidence == 0 ? "" : confidence)
                .append(',').append(levels).append(',').append(lure).append(',').append(targetSide).append(',')
                .append(choiceSide).append(',').append(chosen).append('\n');
        }
    }
}
