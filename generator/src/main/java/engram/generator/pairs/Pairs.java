package engram.generator.pairs;

import engram.generator.ProgressListener;
import engram.core.random.SplitMix64;
import engram.generator.StimulusException;
import engram.generator.image.ColourCategory;
import engram.generator.image.ImageGenerator;
import engram.generator.image.Images;
import engram.generator.model.ImageModel;
import engram.generator.model.OnnxModel;
import engram.generator.report.FrechetDistance;
import engram.generator.report.ScoreStatistics;
import engram.core.format.ManifestReader;
import engram.core.format.ManifestRow;
import engram.generator.set.StimulusSetWriter;
import engram.generator.set.Stimulus;
import engram.generator.set.StimulusSet;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Generates high/low memorability pairs the MEMGAN way: for each seed, one latent z rendered under a high and
 * a low target condition ({@link TargetMaps}); both members are scored by every predictor and the pair is kept
 * only if, for every predictor, score(high) − score(low) ≥ margin (members are kept or dropped together), and,
 * with a classifier, if both members' top-k classes include an allowed class. Foils are rendered under the
 * neutral condition (or by a separate unconstrained generator).
 *
 * <pre>{@code
 * StimulusSet set = Pairs.withModels(generator, List.of(predictor)).withSeed(42).withMargin(0.05).withFoils(24).generate(12);
 * }</pre>
 *
 * Seeds: candidate pair i uses seed + i (z and its target maps); foil j uses seed + 1 000 000 + j.
 */
public final class Pairs {
    /** Offset between pair seeds and foil seeds. */
    public static final long FOIL_SEED_OFFSET = 1_000_000L;
    /**
     * The manifest's lure_type of every generated pair (docs/data-formats.md): its two members are the same scene (one
     * latent z) rendered under a high and a low target memorability condition. Foils have none.
     */
    public static final String LURE_TYPE = "same_scene";
    private static final long MAP_STREAM = 0x9E3779B97F4A7C15L;

    private final ImageGenerator generator;
    private final List<ImageModel> predictors;
    private long seed = 1;
    private double margin = 0.05;
    private int foils;
    private int maxCandidates = -1;
    private ImageGenerator foilGenerator;
    private ImageModel classifier;
    private Set<String> allowedClasses = Set.of();
    private int topK = 5;
    private ImageModel featureExtractor;
    private ProgressListener progress = ProgressListener.NONE;
    private Function<BufferedImage, String> categorizer = ColourCategory::of;
    private String categoryRule = "colour: dominant channel of the mean colour (warm|green|cool)";
    private final Map<String, Object> notes = new LinkedHashMap<>();

    private Pairs(ImageGenerator generator, List<ImageModel> predictors) {
        if (predictors.isEmpty()) {
            throw new StimulusException("generate pairs needs at least one predictor model");
        }
        for (ImageModel p : predictors) {
            if (p.card().output("score") == null && p.card().output("vms_map") == null) {
                throw new StimulusException("model " + p.model().file() + ": role " + p.card().role().json()
                        + " gives no score or vms_map output; a predictor is needed");
            }
        }
        this.generator = generator;
        this.predictors = List.copyOf(predictors);
    }

    /** Starts a run with a generator and one or more score/VMS predictors. */
    public static Pairs withModels(ImageGenerator generator, List<ImageModel> predictors) {
        return new Pairs(generator, predictors);
    }

    public Pairs withSeed(long value) {
        this.seed = value;
        return this;
    }

    /** Minimum predicted score(high) − score(low) for a pair to be kept. */
    public Pairs withMargin(double value) {
        this.margin = value;
        return this;
    }

    public Pairs withFoils(int count) {
        if (count < 0) {
            throw new StimulusException("`foils` must be ≥ 0, not " + count);
        }
        this.foils = count;
        return this;
    }

    /** Candidate pairs to try at most (default 4 × requested). */
    public Pairs withMaxCandidates(int count) {
        this.maxCandidates = count;
        return this;
    }

    /** A separate (unconstrained) generator for foils. */
    public Pairs withFoilGenerator(ImageGenerator value) {
        this.foilGenerator = value;
        return this;
    }

    /** Recognisability check: both members' top-k classes must include one of {@code allowed}. */
    public Pairs withClassifier(ImageModel model, Set<String> allowed, int k) {
        if (model.card().output("logits") == null && model.card().output("probabilities") == null) {
            throw new StimulusException("model " + model.model().file() + ": role " + model.card().role().json()
                    + " gives no logits or probabilities output; a classifier is needed for the recognisability check");
        }
        this.classifier = model;
        this.allowedClasses = Set.copyOf(allowed);
        this.topK = k;
        this.categorizer = null;
        this.categoryRule = "classifier top-1 label";
        return this;
    }

    /** Adds the Fréchet distance between the high, low and foil sets in this extractor's feature space. */
    public Pairs withFeatureExtractor(ImageModel value) {
        if (!value.hasFeatures()) {
            throw new StimulusException("model " + value.model().file() + ": gives no features, logits, probabilities or vms_map output");
        }
        this.featureExtractor = value;
        return this;
    }

    public Pairs withProgress(ProgressListener value) {
        this.progress = value;
        return this;
    }

    /** Adds a note to generation.json (e.g. the command line). */
    public Pairs withNote(String key, Object value) {
        notes.put(key, value);
        return this;
    }

    /** Generates {@code count} pairs plus the foils; throws before writing anything if too few pairs qualify. */
    public StimulusSet generate(int count) {
        int limit = candidateLimit(count);
        Search search = searchPairs(count, limit);
        List<Stimulus> stimuli = new ArrayList<>();
        int digits = Math.max(2, String.valueOf(Math.max(count, foils)).length());
        for (int i = 0; i < count; i++) {
            Candidate c = search.kept.get(i);
            String pairId = "pair" + pad(i + 1, digits);
            stimuli.add(stimulus(pairId + "_high", pairId, "high", c.high, c.highCategory, c.highScores, c.seed));
            stimuli.add(stimulus(pairId + "_low", pairId, "low", c.low, c.lowCategory, c.lowScores, c.seed));
        }
        Foils foilSet = generateFoils(digits, stimuli);
        Map<String, Object> report = report(search, foilSet);
        Map<String, Object> parameters = parameters(count, limit, search.kept);

        return StimulusSet.generated("generate pairs", stimuli, describeModels(), parameters, report, notes);
    }

    /** Candidate pairs to try at most for {@code count} pairs, after checking both numbers. */
    private int candidateLimit(int count) {
        if (count < 1) {
            throw new StimulusException("number of pairs must be ≥ 1, not " + count);
        }
        int limit = maxCandidates > 0 ? maxCandidates : 4 * count;
        if (limit < count) {
            throw new StimulusException("`maxCandidates` " + limit + " is smaller than the " + count + " pairs requested");
        }
        return limit;
    }

    /** The candidate search so far: the pairs kept, every candidate's first-predictor scores, and the tallies. */
    private static final class Search {
        final List<Candidate> kept = new ArrayList<>();
        final List<double[]> allScores = new ArrayList<>();
        int tried;
        int intended;
    }

    /** Tries candidate pairs in batches until {@code count} meet the constraints; throws if the limit comes first. */
    private Search searchPairs(int count, int limit) {
        TargetMaps maps = new TargetMaps(generator.model().card().condition(), generator.conditionSize());
        Search search = new Search();
        int chunk = Math.max(4, Math.min(32, count));
        progress.progress("pairs", 0, count);
        while (search.kept.size() < count && search.tried < limit) {
            int n = Math.min(chunk, limit - search.tried);
            for (Candidate c : renderBatch(maps, search.tried, n)) {
                search.allScores.add(new double[] {c.highScores[0], c.lowScores[0]});
                if (c.highScores[0] > c.lowScores[0]) {
                    search.intended++;
                }
                if (meetsConstraints(c) && search.kept.size() < count) {
                    search.kept.add(c);
                }
            }
            search.tried += n;
            progress.progress("pairs", search.kept.size(), count);
        }
        if (search.kept.size() < count) {
            throw new StimulusException("only " + search.kept.size() + " of " + search.tried
                    + " candidate pairs met the constraints (margin "
                    + margin + (classifier == null ? "" : ", recognisable classes " + allowedClasses) + "); at most "
                    + search.kept.size() + " pairs are possible with these settings: request fewer, lower `margin` or raise `maxCandidates`");
        }
        return search;
    }

    /**
     * Candidates {@code first .. first + n - 1}: seeds, target maps and latents, both members rendered in one generator
     * call (the high members first), scored by every predictor and, with a classifier, given their recognised class.
     */
    private List<Candidate> renderBatch(TargetMaps maps, int first, int n) {
        List<Candidate> batch = new ArrayList<>();
        List<float[]> z = new ArrayList<>();
        List<float[]> conditions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long s = seed + first + i;
            float[][] pair = maps.pair(new SplitMix64(s ^ MAP_STREAM));
            float[] latent = new SplitMix64(s).gaussians(generator.latentSize());
            batch.add(new Candidate(s, pair[0], pair[1]));
            z.add(latent);
            conditions.add(pair[0]);
        }
        z.addAll(new ArrayList<>(z));
        batch.forEach(c -> conditions.add(c.lowMap));
        List<BufferedImage> images = generator.generate(z, conditions);
        double[][] scores = scoreAll(images);
        List<int[]> top = classifier == null ? null : topClasses(images);
        for (int i = 0; i < n; i++) {
            Candidate c = batch.get(i);
            c.high = images.get(i);
            c.low = images.get(n + i);
            c.highScores = column(scores, i);
            c.lowScores = column(scores, n + i);
            if (top != null) {
                c.highCategory = recognised(top.get(i));
                c.lowCategory = recognised(top.get(n + i));
            }
        }
        return batch;
    }

    /** Every predictor puts the high member at least {@code margin} above the low one; with a classifier both are recognised. */
    private boolean meetsConstraints(Candidate c) {
        boolean ok = true;
        for (int p = 0; p < predictors.size(); p++) {
            ok &= c.highScores[p] - c.lowScores[p] >= margin;
        }
        if (classifier != null) {
            ok &= c.highCategory != null && c.lowCategory != null;
        }
        return ok;
    }

    /** The foils' images and first-predictor scores. */
    private record Foils(List<BufferedImage> images, double[] scores) {
    }

    /** Renders the foils (neutral condition, foil seeds), scores them and adds their stimuli. */
    private Foils generateFoils(int digits, List<Stimulus> stimuli) {
        List<BufferedImage> foilImages = new ArrayList<>();
        double[] foilScores = new double[foils];
        if (foils > 0) {
            progress.progress("foils", 0, foils);
            ImageGenerator source = foilGenerator != null ? foilGenerator : generator;
            TargetMaps foilMaps = new TargetMaps(source.model().card().condition(), source.conditionSize());
            List<float[]> z = new ArrayList<>();
            List<float[]> conditions = new ArrayList<>();
            for (int j = 0; j < foils; j++) {
                z.add(new SplitMix64(seed + FOIL_SEED_OFFSET + j).gaussians(source.latentSize()));
                conditions.add(foilMaps.neutralCondition());
            }
            foilImages = source.generate(z, conditions);
            double[][] scores = scoreAll(foilImages);
            List<int[]> top = classifier == null ? null : topClasses(foilImages);
            for (int j = 0; j < foils; j++) {
                String category = top == null ? null : topLabel(top.get(j));
                foilScores[j] = scores[0][j];
                stimuli.add(stimulus("foil" + pad(j + 1, digits), "", "foil", foilImages.get(j), category, column(scores, j),
                        seed + FOIL_SEED_OFFSET + j));
                progress.progress("foils", j + 1, foils);
            }
        }
        return new Foils(foilImages, foilScores);
    }

    /** generation.json's report: tallies, score distributions, paired tests and (with an extractor) Fréchet distances. */
    private Map<String, Object> report(Search search, Foils foilSet) {
        int count = search.kept.size();
        double[] highScores = new double[count];
        double[] lowScores = new double[count];
        List<BufferedImage> highImages = new ArrayList<>();
        List<BufferedImage> lowImages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Candidate c = search.kept.get(i);
            highScores[i] = c.highScores[0];
            lowScores[i] = c.lowScores[0];
            highImages.add(c.high);
            lowImages.add(c.low);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("candidatesTried", search.tried);
        report.put("pairsKept", count);
        report.put("percentCandidatesInIntendedDirection", percent(search.intended, search.tried));
        report.put("percentKeptInIntendedDirection", 100.0);
        Map<String, Object> distributions = new LinkedHashMap<>();
        distributions.put("high", ScoreStatistics.summary(highScores));
        distributions.put("low", ScoreStatistics.summary(lowScores));
        distributions.put("foil", ScoreStatistics.summary(foilSet.scores()));
        report.put("predictedScores", distributions);
        report.put("testsKeptPairs", ScoreStatistics.pairedTests(highScores, lowScores));
        double[] allHigh = search.allScores.stream().mapToDouble(a -> a[0]).toArray();
        double[] allLow = search.allScores.stream().mapToDouble(a -> a[1]).toArray();
        report.put("testsAllCandidates", ScoreStatistics.pairedTests(allHigh, allLow));
        report.put("predictor", predictors.get(0).model().file().getFileName().toString());
        if (featureExtractor != null) {
            Map<String, Object> fid = new LinkedHashMap<>();
            List<float[]> fh = features(highImages);
            List<float[]> fl = features(lowImages);
            fid.put("highVsLow", ScoreStatistics.round(FrechetDistance.between(fh, fl)));
            if (!foilSet.images().isEmpty()) {
                fid.put("pairsVsFoils", ScoreStatistics.round(FrechetDistance.between(concat(fh, fl), features(foilSet.images()))));
            }
            fid.put("featureExtractor", featureExtractor.model().file().getFileName().toString());
            report.put("frechetDistance", fid);
        }
        return report;
    }

    /** generation.json's parameters: the settings, every seed used and the rules that derive them. */
    private Map<String, Object> parameters(int count, int limit, List<Candidate> kept) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("pairs", count);
        parameters.put("foils", foils);
        parameters.put("seed", seed);
        parameters.put("margin", margin);
        parameters.put("maxCandidates", limit);
        parameters.put("pairSeeds", kept.stream().map(c -> c.seed).toList());
        parameters.put("foilSeeds", java.util.stream.LongStream.range(0, foils).map(j -> seed + FOIL_SEED_OFFSET + j).boxed().toList());
        parameters.put("seedRule", "pair candidate i: seed + i (latent z ~ N(0, I) from SeededRandom(s), target maps from SeededRandom(s XOR 0x9E3779B97F4A7C15)); foil j: seed + 1000000 + j with the neutral condition");
        parameters.put("targetMaps", "MEMGAN-style random rectangles; see TargetMaps");
        parameters.put("category", categoryRule);
        if (classifier != null) {
            parameters.put("allowedClasses", allowedClasses.stream().sorted().toList());
            parameters.put("topK", topK);
        }
        parameters.put("device", generator.model().device());
        return parameters;
    }

    private List<Map<String, Object>> describeModels() {
        List<Map<String, Object>> models = new ArrayList<>();
        models.add(describe(generator.model(), "generator"));
        if (foilGenerator != null) {
            models.add(describe(foilGenerator.model(), "foil generator"));
        }
        predictors.forEach(p -> models.add(describe(p.model(), "predictor")));
        if (classifier != null) {
            models.add(describe(classifier.model(), "classifier"));
        }
        if (featureExtractor != null) {
            models.add(describe(featureExtractor.model(), "feature extractor"));
        }
        return models;
    }

    /** A model's entry in generation.json: use, file name, sha256, card name and role, demo flag. */
    public static Map<String, Object> describe(OnnxModel model, String use) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("use", use);
        m.put("file", model.file().getFileName().toString());
        m.put("sha256", model.sha256());
        m.put("name", model.card().name());
        m.put("role", model.card().role().json());
        if (Boolean.TRUE.equals(model.card().demo())) {
            m.put("demo", true);
        }
        return m;
    }

    private Stimulus stimulus(String id, String pairId, String condition, BufferedImage image, String category,
                              double[] scores, long stimulusSeed) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (int p = 1; p < predictors.size(); p++) {
            extra.put("predicted_" + stem(predictors.get(p).model().file().getFileName().toString()),
                    String.format(Locale.ROOT, "%.6f", scores[p]));
        }
        if (!pairId.isEmpty()) {
            extra.put(ManifestReader.LURE_TYPE, LURE_TYPE);
        }
        String cat = category != null ? category : categorizer != null ? categorizer.apply(image) : "";
        ManifestRow row = StimulusSetWriter.row(id, "images/" + id + ".png", pairId, condition, cat, scores[0], stimulusSeed, extra);
        return new Stimulus(row, Images.png(image), Map.of());
    }

    private double[][] scoreAll(List<BufferedImage> images) {
        double[][] scores = new double[predictors.size()][];
        for (int p = 0; p < predictors.size(); p++) {
            ImageModel model = predictors.get(p);
            scores[p] = model.run(images).stream().mapToDouble(model::score).toArray();
        }
        return scores;
    }

    private List<int[]> topClasses(List<BufferedImage> images) {
        return classifier.run(images).stream().map(r -> classifier.topK(r, topK)).toList();
    }

    private List<float[]> features(List<BufferedImage> images) {
        return featureExtractor.run(images).stream().map(featureExtractor::features).toList();
    }

    private String recognised(int[] top) {
        for (int index : top) {
            String label = classifier.label(index);
            if (allowedClasses.isEmpty() || allowedClasses.contains(label)) {
                return label;
            }
        }
        return null;
    }

    private String topLabel(int[] top) {
        return classifier.label(top[0]);
    }

    private static double[] column(double[][] scores, int index) {
        double[] c = new double[scores.length];
        for (int p = 0; p < scores.length; p++) {
            c[p] = scores[p][index];
        }
        return c;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    private static String pad(int value, int digits) {
        return String.format(Locale.ROOT, "%0" + digits + "d", value);
    }

    private static String stem(String file) {
        return file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
    }

    private static final class Candidate {
        final long seed;
        final float[] highMap;
        final float[] lowMap;
        BufferedImage high;
        BufferedImage low;
        double[] highScores;
        double[] lowScores;
        String highCategory;
        String lowCategory;

        Candidate(long seed, float[] highMap, float[] lowMap) {
            this.seed = seed;
            this.highMap = highMap;
            this.lowMap = lowMap;
        }
    }
}
