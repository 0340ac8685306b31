package engram.analysis.recognition;

import engram.analysis.TestRow;
import engram.core.format.Manifest;
import engram.core.format.ManifestRow;
import engram.analysis.io.TestTrial;
import engram.analysis.io.TestTrials;
import engram.analysis.vms.VmsMaps;
import engram.analysis.stats.BinomialInterval;
import engram.analysis.stats.Descriptive;
import engram.analysis.stats.FriedmanTest;
import engram.analysis.stats.MnemonicSimilarity;
import engram.analysis.stats.PageTrendTest;
import engram.analysis.stats.PairedTTest;
import engram.analysis.stats.Roc;
import engram.analysis.stats.SignalDetection;
import engram.analysis.stats.TestResult;
import engram.analysis.stats.WilcoxonSignedRankTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Scores the study and test phases of an export (docs/analysis.md, "Study and test phases"): per participant, phase
 * and group (all trials, the studied image's condition, the lure type, and for 2AFC the alternative), per image, pooled
 * ROCs, means over participants, and paired tests between conditions, between lure types and across phases of one task.
 */
public final class Recognition {
    /** Grouping of a phase's trials. */
    public static final String ALL = "all";
    public static final String CONDITION = "condition";
    public static final String LURE_TYPE = "lure_type";
    public static final String ALTERNATIVE = "alternative";

    private final TestTrials data;
    private final String[] condition;
    private final int[] partner;
    private final String[] imageIds;
    private final Set<String> excluded;
    private final String first;
    private final String second;
    private final int grid;

    private Recognition(TestTrials data, Manifest manifest, Set<String> excluded, String first, String second, int grid) {
        this.data = data;
        this.grid = grid;
        this.excluded = Set.copyOf(excluded);
        this.first = first;
        this.second = second;
        int n = manifest.size();
        condition = new String[n];
        partner = new int[n];
        imageIds = new String[n];
        Map<String, Integer> firstOfPair = new HashMap<>();
        Arrays.fill(partner, -1);
        for (int i = 0; i < n; i++) {
            ManifestRow row = manifest.row(i);
            condition[i] = row.condition();
            imageIds[i] = row.imageId();
            String pair = row.pairId();
            if (pair != null && !pair.isEmpty()) {
                Integer other = firstOfPair.putIfAbsent(pair, i);
                if (other != null && partner[other] < 0) {
                    partner[other] = i;
                    partner[i] = other;
                }
            }
        }
    }

    /**
     * @param data           the study and test rows
     * @param manifest       the images
     * @param excluded       participant ids left out (the continuous game's attention rule)
     * @param pairConditions the two conditions compared in paired tests, e.g. high, low
     * @return every score; {@link RecognitionResult#NONE} when there are no study or test rows
     */
    public static RecognitionResult of(TestTrials data, Manifest manifest, Set<String> excluded, List<String> pairConditions) {
        return of(data, manifest, excluded, pairConditions, 10);
    }

    /**
     * As {@link #of(TestTrials, Manifest, Set, List)} with the VMS maps of test phases on a {@code grid}×{@code grid}
     * grid.
     */
    public static RecognitionResult of(TestTrials data, Manifest manifest, Set<String> excluded, List<String> pairConditions,
                                       int grid) {
        if (data.isEmpty()) {
            return RecognitionResult.NONE;
        }
        return new Recognition(data, manifest, excluded, pairConditions.get(0), pairConditions.get(1), grid).run();
    }

    /** @return the measures reported for a test task, in the order of the output */
    public static List<String> measures(String task) {
        return switch (task) {
            case TestTrial.OLD_NEW -> List.of("hit_rate", "false_alarm_rate", "lure_false_alarm_rate", "dprime", "criterion", "auc");
            case TestTrial.OLD_SIMILAR_NEW -> List.of("hit_rate", "false_alarm_rate", "lure_false_alarm_rate",
                "p_similar_target", "p_similar_lure", "p_similar_foil", "ldi", "rec");
            case TestTrial.TWO_AFC -> List.of("proportion_correct");
            default -> List.of();
        };
    }

    /** @return the measures tested between two groups of one phase (the foil rates are shared by the groups) */
    static List<String> groupTestMeasures(String task) {
        return switch (task) {
            case TestTrial.OLD_NEW -> List.of("hit_rate", "lure_false_alarm_rate", "dprime", "auc");
            case TestTrial.OLD_SIMILAR_NEW -> List.of("ldi", "rec");
            default -> List.of("proportion_correct");
        };
    }

    /** @return the measures tested across phases of one task (forgetting) */
    public static List<String> delayTestMeasures(String task) {
        return switch (task) {
            case TestTrial.OLD_NEW -> List.of("hit_rate", "false_alarm_rate", "dprime", "auc");
            case TestTrial.OLD_SIMILAR_NEW -> List.of("ldi", "rec");
            default -> List.of("proportion_correct");
        };
    }

    private record Phase(int phase, int session, String task, int levels) {
    }

    private RecognitionResult run() {
        TreeMap<Integer, Phase> phases = new TreeMap<>();
        TreeMap<Integer, List<TestTrial>> byPhase = new TreeMap<>();
        List<String> ids = data.participantIds();
        for (TestTrial t : data.trials()) {
            if (excluded.contains(ids.get(t.participant()))) {
                continue;
            }
            phases.putIfAbsent(t.phase(), new Phase(t.phase(), t.session(), t.task(), t.confidenceLevels()));
            byPhase.computeIfAbsent(t.phase(), k -> new ArrayList<>()).add(t);
        }
        List<PhaseInfo> infos = new ArrayList<>();
        List<RecognitionScore> scores = new ArrayList<>();
        List<RecognitionImage> images = new ArrayList<>();
        List<RecognitionSummary> summary = new ArrayList<>();
        List<RocPoint> roc = new ArrayList<>();
        List<RecognitionTest> tests = new ArrayList<>();
        List<RecognitionVms> vms = new ArrayList<>();
        Map<TestTrial, List<TestTrials.TestBox>> boxes = boxesByTrial();
        Map<Integer, List<RecognitionScore>> scoresByPhase = new LinkedHashMap<>();
        for (Phase ph : phases.values()) {
            List<TestTrial> trials = byPhase.get(ph.phase());
            infos.add(info(ph, trials));
            if (ph.task().equals(TestTrial.STUDY)) {
                continue;
            }
            List<RecognitionScore> phaseScores = new ArrayList<>();
            List<String> groupOrder = new ArrayList<>();
            Map<String, Tally> pooled = new LinkedHashMap<>();
            participantScores(ph, trials, phaseScores, groupOrder, pooled);
            scores.addAll(phaseScores);
            scoresByPhase.put(ph.phase(), phaseScores);
            images.addAll(imageScores(ph, trials));
            if (!ph.task().equals(TestTrial.TWO_AFC)) {
                vms.addAll(vmsMaps(ph, trials, boxes));
            }
            for (String key : groupOrder) {
                String[] g = key.split("\u0000", 2);
                summary.addAll(groupSummary(ph, g[0], g[1], phaseScores));
                roc.addAll(pooledRoc(ph, g[0], g[1], pooled.get(key)));
            }
            groupTests(ph, phaseScores, groupOrder, tests);
        }
        delayTests(phases, scoresByPhase, tests);
        List<String> excludedHere = ids.stream().filter(excluded::contains).toList();
        return new RecognitionResult(infos, scores, images, summary, roc, tests, excludedHere, vms);
    }

    private Map<TestTrial, List<TestTrials.TestBox>> boxesByTrial() {
        Map<TestTrial, List<TestTrials.TestBox>> boxes = new IdentityHashMap<>();
        for (TestTrials.TestBox b : data.boxes()) {
            boxes.computeIfAbsent(data.trials().get(b.trial()), k -> new ArrayList<>()).add(b);
        }
        return boxes;
    }

    /** @return one group's summary row per measure of the phase's task (mean over its participants' finite scores) */
    private List<RecognitionSummary> groupSummary(Phase ph, String groupBy, String group, List<RecognitionScore> phaseScores) {
        List<RecognitionSummary> rows = new ArrayList<>();
        for (String measure : measures(ph.task())) {
            double[] v = phaseScores.stream().filter(s -> s.groupBy().equals(groupBy) && s.group().equals(group))
                .mapToDouble(s -> s.measure(measure)).filter(Double::isFinite).toArray();
            rows.add(summarise(ph, groupBy, group, measure, v));
        }
        return rows;
    }

    /** @return the ROC points of one group's pooled confidence ratings (old/new phases with a scale; else none) */
    private static List<RocPoint> pooledRoc(Phase ph, String groupBy, String group, Tally t) {
        List<RocPoint> roc = new ArrayList<>();
        if (ph.task().equals(TestTrial.OLD_NEW) && t != null && t.targetRatings != null) {
            double[][] points = Roc.points(t.targetRatings, t.foilRatings);
            if (points != null) {
                for (int i = 0; i < points.length; i++) {
                    roc.add(new RocPoint(ph.phase(), groupBy, group, points.length - i, points[i][0], points[i][1]));
                }
            }
        }
        return roc;
    }

    /**
     * Per image and role (target, lure, foil) of an old/new or old/similar/new phase: the answered trials, those with
     * boxes, and the G×G map of the union of each trial's boxes summed and divided by the answered trials.
     */
    private List<RecognitionVms> vmsMaps(Phase ph, List<TestTrial> trials, Map<TestTrial, List<TestTrials.TestBox>> boxes) {
        int cells = grid * grid;
        TreeMap<Integer, double[]> maps = new TreeMap<>();
        Map<Integer, long[]> counts = new HashMap<>();
        Map<Integer, TestTrial> firstTrial = new HashMap<>();
        double[] cover = new double[cells];
        for (TestTrial t : trials) {
            if (!t.answered()) {
                continue;
            }
            int key = t.image() * 3 + Tally.kindIndex(t.kind());
            double[] map = maps.computeIfAbsent(key, k -> new double[cells]);
            firstTrial.putIfAbsent(key, t);
            long[] n = counts.computeIfAbsent(key, k -> new long[2]);
            n[0]++;
            List<TestTrials.TestBox> mine = boxes.getOrDefault(t, List.of()).stream().filter(b -> b.image() == t.image()).toList();
            if (mine.isEmpty()) {
                continue;
            }
            int k = mine.size();
            double[] x0 = new double[k];
            double[] y0 = new double[k];
            double[] x1 = new double[k];
            double[] y1 = new double[k];
            for (int i = 0; i < k; i++) {
                TestTrials.TestBox b = mine.get(i);
                x0[i] = b.x();
                y0[i] = b.y();
                x1[i] = b.x() + b.width();
                y1[i] = b.y() + b.height();
            }
            if (VmsMaps.cover(x0, y0, x1, y1, k, grid, cover) > 0) {
                n[1]++;
                for (int c = 0; c < cells; c++) {
                    map[c] += cover[c];
                    cover[c] = 0;
                }
            }
        }
        List<RecognitionVms> out = new ArrayList<>();
        for (var e : maps.entrySet()) {
            long[] n = counts.get(e.getKey());
            double[] map = e.getValue();
            double sum = 0;
            for (int c = 0; c < cells; c++) {
                map[c] /= n[0];
                sum += map[c];
            }
            TestTrial f = firstTrial.get(e.getKey());
            out.add(new RecognitionVms(ph.phase(), ph.task(), imageIds[f.image()], f.kind(), n[0], n[1], sum / cells, map));
        }
        return out;
    }

    private PhaseInfo info(Phase ph, List<TestTrial> trials) {
        Map<Integer, Boolean> participants = new LinkedHashMap<>();
        long answered = 0;
        List<Double> delays = new ArrayList<>();
        List<Double> sinceFirst = new ArrayList<>();
        for (TestTrial t : trials) {
            if (participants.putIfAbsent(t.participant(), true) == null) {
                String pid = data.participantIds().get(t.participant());
                double d = data.delay(pid, ph.session());
                if (!Double.isNaN(d)) {
                    delays.add(d);
                }
                double since = data.sinceFirstSession(pid, ph.session());
                if (!Double.isNaN(since)) {
                    sinceFirst.add(since);
                }
            }
            answered += t.task().equals(TestTrial.STUDY) ? (t.answer().isEmpty() ? 0 : 1) : (t.answered() ? 1 : 0);
        }
        double[] d = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new PhaseInfo(ph.phase(), ph.session(), ph.task(), participants.size(), trials.size(), answered,
            ph.levels(), median(d), d.length == 0 ? Double.NaN : d[0], d.length == 0 ? Double.NaN : d[d.length - 1],
            median(sinceFirst.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The groups a trial belongs to besides {@code all}, as "groupBy\0group". */
    private List<String> groups(TestTrial t) {
        List<String> out = new ArrayList<>(3);
        boolean twoAfc = t.task().equals(TestTrial.TWO_AFC);
        if (twoAfc || !t.kind().equals("foil")) {
            int studied = t.kind().equals("lure") && !twoAfc && partner[t.image()] >= 0 ? partner[t.image()] : t.image();
            out.add(CONDITION + "\u0000" + condition[studied]);
        }
        if (!t.lureType().isEmpty()) {
            out.add(LURE_TYPE + "\u0000" + t.lureType());
        }
        if (twoAfc) {
            out.add(ALTERNATIVE + "\u0000" + t.kind());
        }
        return out;
    }

    private static void count(Tally tally, TestTrial t, int levels) {
        if (!t.answered()) {
            tally.unanswered++;
            return;
        }
        if (t.task().equals(TestTrial.TWO_AFC)) {
            tally.choices++;
            tally.correct += t.choice();
            return;
        }
        int k = Tally.kindIndex(t.kind());
        tally.answered[k]++;
        boolean old = t.answer().equals("old");
        tally.old[k] += old ? 1 : 0;
        tally.similar[k] += t.answer().equals("similar") ? 1 : 0;
        if (t.task().equals(TestTrial.OLD_NEW)) {
            int l = Math.max(1, levels);
            tally.rate(k, Roc.rating(old, levels == 0 ? 1 : t.confidence(), l), 2 * l);
        }
    }

    private void participantScores(Phase ph, List<TestTrial> trials, List<RecognitionScore> out, List<String> groupOrder,
                                   Map<String, Tally> pooled) {
        boolean sharedFoils = !ph.task().equals(TestTrial.TWO_AFC);
        Map<Integer, Map<String, Tally>> byParticipant = new LinkedHashMap<>();
        Map<Integer, Tally> foils = new HashMap<>();
        groupOrder.add(ALL + "\u0000" + ALL);
        List<String> conditionGroups = new ArrayList<>();
        List<String> lureGroups = new ArrayList<>();
        List<String> alternativeGroups = new ArrayList<>();
        for (TestTrial t : trials) {
            Map<String, Tally> mine = byParticipant.computeIfAbsent(t.participant(), k -> new LinkedHashMap<>());
            count(mine.computeIfAbsent(ALL + "\u0000" + ALL, k -> new Tally()), t, ph.levels());
            if (sharedFoils && t.kind().equals("foil")) {
                count(foils.computeIfAbsent(t.participant(), k -> new Tally()), t, ph.levels());
                continue;
            }
            for (String g : groups(t)) {
                count(mine.computeIfAbsent(g, k -> new Tally()), t, ph.levels());
                List<String> order = g.startsWith(CONDITION) ? conditionGroups : g.startsWith(LURE_TYPE) ? lureGroups : alternativeGroups;
                if (!order.contains(g)) {
                    order.add(g);
                }
            }
        }
        conditionGroups.sort((a, b) -> Integer.compare(conditionRank(a), conditionRank(b)));
        groupOrder.addAll(conditionGroups);
        lureGroups.sort(null);
        groupOrder.addAll(lureGroups);
        alternativeGroups.sort(null);
        groupOrder.addAll(alternativeGroups);
        for (var e : byParticipant.entrySet()) {
            String pid = data.participantIds().get(e.getKey());
            double delay = data.delay(pid, ph.session());
            Tally foil = foils.get(e.getKey());
            for (String key : groupOrder) {
                Tally own = e.getValue().get(key);
                if (own == null) {
                    continue;
                }
                Tally t = new Tally();
                t.add(own);
                if (foil != null && !key.startsWith(ALL)) {
                    t.add(foil);
                }
                pooled.computeIfAbsent(key, k -> new Tally()).add(t);
                String[] g = key.split("\u0000", 2);
                out.add(score(pid, ph, g[0], g[1], delay, t));
            }
        }
    }

    private int conditionRank(String key) {
        String c = key.substring(CONDITION.length() + 1);
        for (int i = 0; i < condition.length; i++) {
            if (condition[i].equals(c)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static RecognitionScore score(String pid, Phase ph, String groupBy, String group, double delay, Tally t) {
        long nt = t.answered[0];
        long nl = t.answered[1];
        long nf = t.answered[2];
        boolean choice = ph.task().equals(TestTrial.TWO_AFC);
        boolean osn = ph.task().equals(TestTrial.OLD_SIMILAR_NEW);
        double nan = Double.NaN;
        double[] ci = choice ? BinomialInterval.clopperPearson(t.correct, t.choices, 0.95) : new double[] {nan, nan};
        return new RecognitionScore(pid, ph.phase(), ph.session(), ph.task(), groupBy, group, delay, nt, nl, nf,
            t.unanswered,
            choice ? nan : SignalDetection.rate(t.old[0], nt),
            choice ? nan : SignalDetection.rate(t.old[1], nl),
            choice ? nan : SignalDetection.rate(t.old[2], nf),
            choice ? nan : SignalDetection.dprime(t.old[0], nt - t.old[0], t.old[2], nf - t.old[2]),
            choice ? nan : SignalDetection.criterion(t.old[0], nt - t.old[0], t.old[2], nf - t.old[2]),
            t.targetRatings == null ? nan : Roc.auc(t.targetRatings, t.foilRatings),
            osn ? SignalDetection.rate(t.similar[0], nt) : nan,
            osn ? SignalDetection.rate(t.similar[1], nl) : nan,
            osn ? SignalDetection.rate(t.similar[2], nf) : nan,
            osn ? MnemonicSimilarity.ldi(t.similar[1], nl, t.similar[2], nf) : nan,
            osn ? MnemonicSimilarity.rec(t.old[0], nt, t.old[2], nf) : nan,
            t.choices, t.correct, choice ? SignalDetection.rate(t.correct, t.choices) : nan, ci[0], ci[1]);
    }

    private List<RecognitionImage> imageScores(Phase ph, List<TestTrial> trials) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Map<String, TestTrial> firstTrial = new HashMap<>();
        for (TestTrial t : trials) {
            String key = t.image() + "\u0000" + t.kind();
            firstTrial.putIfAbsent(key, t);
            count(tallies.computeIfAbsent(key, k -> new Tally()), t, ph.levels());
        }
        List<String> keys = new ArrayList<>(tallies.keySet());
        keys.sort((a, b) -> {
            int ia = firstTrial.get(a).image();
            int ib = firstTrial.get(b).image();
            return ia != ib ? Integer.compare(ia, ib) : firstTrial.get(a).kind().compareTo(firstTrial.get(b).kind());
        });
        boolean choice = ph.task().equals(TestTrial.TWO_AFC);
        List<RecognitionImage> out = new ArrayList<>();
        for (String key : keys) {
            Tally t = tallies.get(key);
            TestTrial f = firstTrial.get(key);
            long answers = choice ? t.choices : t.answered[Tally.kindIndex(f.kind())];
            int k = choice ? 0 : Tally.kindIndex(f.kind());
            double[] ci = choice ? BinomialInterval.clopperPearson(t.correct, t.choices, 0.95)
                : new double[] {Double.NaN, Double.NaN};
            out.add(new RecognitionImage(ph.phase(), ph.task(), imageIds[f.image()], condition[f.image()], f.lureType(),
                f.kind(), answers, choice ? 0 : t.old[k], choice ? 0 : t.similar[k],
                choice ? Double.NaN : SignalDetection.rate(t.old[k], answers),
                ph.task().equals(TestTrial.OLD_SIMILAR_NEW) ? SignalDetection.rate(t.similar[k], answers) : Double.NaN,
                t.correct, choice ? SignalDetection.rate(t.correct, answers) : Double.NaN, ci[0], ci[1]));
        }
        return out;
    }

    private static RecognitionSummary summarise(Phase ph, String groupBy, String group, String measure, double[] v) {
        double mean = Descriptive.mean(v);
        double sd = Descriptive.sd(v);
        double low = Double.NaN;
        double high = Double.NaN;
        if (v.length >= 2) {
            double half = TDistribution.of(v.length - 1.0).inverseCumulativeProbability(0.975) * sd / Math.sqrt(v.length);
            low = mean - half;
            high = mean + half;
        }
        return new RecognitionSummary(ph.phase(), ph.session(), ph.task(), groupBy, group, measure, v.length, mean, sd, low, high);
    }

    private void groupTests(Phase ph, List<RecognitionScore> scores, List<String> groupOrder, List<RecognitionTest> out) {
        List<String[]> comparisons = new ArrayList<>();
        if (groupOrder.contains(CONDITION + "\u0000" + first) && groupOrder.contains(CONDITION + "\u0000" + second)) {
            comparisons.add(new String[] {CONDITION, first, second});
        }
        List<String> lures = groupOrder.stream().filter(g -> g.startsWith(LURE_TYPE + "\u0000"))
            .map(g -> g.substring(LURE_TYPE.length() + 1)).toList();
        for (int a = 0; a < lures.size(); a++) {
            for (int b = a + 1; b < lures.size(); b++) {
                comparisons.add(new String[] {LURE_TYPE, lures.get(a), lures.get(b)});
            }
        }
        for (String[] c : comparisons) {
            for (String measure : groupTestMeasures(ph.task())) {
                Map<String, Double> x = values(scores, c[0], c[1], measure);
                Map<String, Double> y = values(scores, c[0], c[2], measure);
                paired(Integer.toString(ph.phase()), measure, c[1] + "-" + c[2], x, y, out);
            }
        }
    }

    private void delayTests(TreeMap<Integer, Phase> phases, Map<Integer, List<RecognitionScore>> scores,
                            List<RecognitionTest> out) {
        Map<String, List<Phase>> byTask = new LinkedHashMap<>();
        for (Phase ph : phases.values()) {
            if (!ph.task().equals(TestTrial.STUDY)) {
                byTask.computeIfAbsent(ph.task(), k -> new ArrayList<>()).add(ph);
            }
        }
        for (List<Phase> list : byTask.values()) {
            Phase base = list.get(0);
            for (Phase later : list.subList(1, list.size())) {
                for (String measure : delayTestMeasures(base.task())) {
                    Map<String, Double> x = values(scores.get(base.phase()), ALL, ALL, measure);
                    Map<String, Double> y = values(scores.get(later.phase()), ALL, ALL, measure);
                    paired(base.phase() + ";" + later.phase(), measure, "phase" + base.phase() + "-phase" + later.phase(),
                        x, y, out);
                }
            }
            if (list.size() >= 3) {
                omnibus(list, scores, out);
            }
        }
    }

    /**
     * Forgetting over three or more phases of one task, in the order they were run (the order of increasing delay):
     * Friedman's test and Page's trend test over the participants with the measure in every phase. Page's predicted
     * order is forgetting: a decline of every measure except {@code false_alarm_rate}, which is predicted to rise.
     */
    private static void omnibus(List<Phase> list, Map<Integer, List<RecognitionScore>> scores, List<RecognitionTest> out) {
        String phases = String.join(";", list.stream().map(p -> Integer.toString(p.phase())).toList());
        String groups = String.join("-", list.stream().map(p -> "phase" + p.phase()).toList());
        int k = list.size();
        for (String measure : delayTestMeasures(list.get(0).task())) {
            List<Map<String, Double>> columns = list.stream().map(p -> values(scores.get(p.phase()), ALL, ALL, measure)).toList();
            List<double[]> rows = new ArrayList<>();
            for (var e : columns.get(0).entrySet()) {
                double[] row = new double[k];
                boolean complete = true;
                for (int j = 0; j < k && complete; j++) {
                    Double v = columns.get(j).get(e.getKey());
                    complete = v != null;
                    row[j] = complete ? v : Double.NaN;
                }
                if (complete) {
                    rows.add(row);
                }
            }
            double[][] table = rows.toArray(double[][]::new);
            out.add(new RecognitionTest(phases, new TestRow(measure, groups, table.length >= 1 ? FriedmanTest.test(table)
                : new TestResult("friedman", Double.NaN, k - 1.0, Double.NaN, null, "kendalls_w", 0, null))));
            boolean rise = measure.equals("false_alarm_rate");
            double[][] predicted = new double[table.length][k];
            for (int i = 0; i < table.length; i++) {
                for (int j = 0; j < k; j++) {
                    predicted[i][j] = table[i][rise ? j : k - 1 - j];
                }
            }
            out.add(new RecognitionTest(phases, new TestRow(measure, groups, table.length >= 2 ? PageTrendTest.test(predicted)
                : new TestResult("page_trend", Double.NaN, null, Double.NaN, null, null, table.length, null))));
        }
    }

    private static Map<String, Double> values(List<RecognitionScore> scores, String groupBy, String group, String measure) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RecognitionScore s : scores) {
            if (s.groupBy().equals(groupBy) && s.group().equals(group) && Double.isFinite(s.measure(measure))) {
                out.put(s.participantId(), s.measure(measure));
            }
        }
        return out;
    }

    private static void paired(String phases, String measure, String groups, Map<String, Double> x, Map<String, Double> y,
                               List<RecognitionTest> out) {
        List<double[]> xy = new ArrayList<>();
        for (var e : x.entrySet()) {
            Double other = y.get(e.getKey());
            if (other != null) {
                xy.add(new double[] {e.getValue(), other});
            }
        }
        double[] a = xy.stream().mapToDouble(v -> v[0]).toArray();
        double[] b = xy.stream().mapToDouble(v -> v[1]).toArray();
        out.add(new RecognitionTest(phases, new TestRow(measure, groups, PairedTTest.test(a, b))));
        out.add(new RecognitionTest(phases, new TestRow(measure, groups, WilcoxonSignedRankTest.test(a, b))));
    }
}
