package engram.generator.select;

import engram.generator.ProgressListener;
import engram.core.random.SplitMix64;
import engram.generator.StimulusException;
import engram.generator.image.ImageFiles;
import engram.generator.image.Images;
import engram.generator.model.ImageModel;
import engram.generator.pairs.Pairs;
import engram.generator.report.ScoreStatistics;
import engram.core.format.ManifestRow;
import engram.generator.set.StimulusSetWriter;
import engram.generator.set.Stimulus;
import engram.generator.set.StimulusSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * Selects image pairs from a database laid out as concept folders (THINGS layout: ROOT/concept/image.jpg), as
 * in memory-diffusion studies: (a) {@code similar_distant}: images of different concepts that look alike
 * (high perceptual similarity) but are semantically distant (concept similarity at most a threshold, by
 * default the median over concept pairs); (b) {@code same_dissimilar}: two images of the same concept that
 * look different (lowest perceptual similarity). Perceptual similarity is the Pearson correlation of
 * feature-extractor activations, or of the built-in {@link ImageDescriptor}. Pairs are chosen greedily
 * (most similar first for (a), least similar first for (b)) and are disjoint: no image is used twice.
 *
 * <pre>{@code StimulusSet set = PairSelection.from(Path.of("things")).withSeed(1).select(12);}</pre>
 */
public final class PairSelection {
    /** Across-concept candidates kept for (a): at least this many, or 200 per requested pair. */
    static final int CANDIDATE_FLOOR = 20_000;
    /** Across-concept similarities in the t-test: all, or a seeded reservoir sample of this many. */
    static final int ACROSS_SAMPLE = 200_000;

    private final Path database;
    private long seed = 1;
    private int perConcept = 12;
    private ImageModel featureExtractor;
    private SemanticSimilarity semantic;
    private Double maxSemantic;
    private ImageModel predictor;
    private ProgressListener progress = ProgressListener.NONE;
    private final Map<String, Object> notes = new LinkedHashMap<>();

    private PairSelection(Path database) {
        this.database = database;
    }

    public static PairSelection from(Path database) {
        return new PairSelection(database);
    }

    /** Seed for sub-sampling images per concept. */
    public PairSelection withSeed(long value) {
        this.seed = value;
        return this;
    }

    /** At most this many images per concept (random subset by seed; default 12). */
    public PairSelection withImagesPerConcept(int value) {
        this.perConcept = value;
        return this;
    }

    public PairSelection withFeatureExtractor(ImageModel value) {
        this.featureExtractor = value;
        return this;
    }

    /** Semantic similarity (default: WordNet). */
    public PairSelection withSemanticSimilarity(SemanticSimilarity value) {
        this.semantic = value;
        return this;
    }

    /** Semantic similarity threshold for (a) (default: the median over concept pairs). */
    public PairSelection withMaxSemanticSimilarity(double value) {
        this.maxSemantic = value;
        return this;
    }

    /** Also predict memorability of the selected images. */
    public PairSelection withPredictor(ImageModel value) {
        this.predictor = value;
        return this;
    }

    public PairSelection withProgress(ProgressListener value) {
        this.progress = value;
        return this;
    }

    public PairSelection withNote(String key, Object value) {
        notes.put(key, value);
        return this;
    }

    /** Selects {@code count} pairs of each type. Throws before writing anything if fewer are possible. */
    public StimulusSet select(int count) {
        if (count < 1) {
            throw new StimulusException("number of pairs must be ≥ 1, not " + count);
        }
        List<Entry> entries = scan();
        List<String> concepts = entries.stream().map(e -> e.concept).distinct().toList();
        if (concepts.size() < 2) {
            throw new StimulusException("database " + database + ": needs at least 2 concept folders with images, found " + concepts.size());
        }
        SemanticSimilarity sem = semanticSimilarity(concepts);
        Map<String, Integer> conceptIndex = new LinkedHashMap<>();
        concepts.forEach(c -> conceptIndex.put(c, conceptIndex.size()));
        double[][] conceptSimilarity = conceptSimilarities(concepts, sem);
        double threshold = maxSemantic != null ? maxSemantic : medianOffDiagonal(conceptSimilarity);

        describe(entries);
        int[] conceptOf = entries.stream().mapToInt(e -> conceptIndex.get(e.concept)).toArray();
        Candidates candidates = compareAll(entries, conceptOf, conceptSimilarity, threshold, count);
        Set<Integer> used = new HashSet<>();
        List<Candidate> similarDistant = greedy(candidates.across.stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.perceptual()).thenComparingInt(Candidate::i).thenComparingInt(Candidate::j))
                .toList(), used, count);
        List<Candidate> sameDissimilar = greedy(candidates.within.stream()
                .sorted(Comparator.comparingDouble(Candidate::perceptual).thenComparingInt(Candidate::i).thenComparingInt(Candidate::j))
                .toList(), used, count);
        if (similarDistant.size() < count || sameDissimilar.size() < count) {
            throw new StimulusException("database " + database + ": only " + similarDistant.size()
                    + " disjoint perceptually-similar/semantically-distant pairs (among the " + candidates.across.size()
                    + " most similar across-concept candidates with semantic similarity ≤ "
                    + String.format(Locale.ROOT, "%.3f", threshold) + ") and " + sameDissimilar.size()
                    + " disjoint same-concept pairs are possible from " + entries.size() + " images in " + concepts.size()
                    + " concepts; at most " + Math.min(similarDistant.size(), sameDissimilar.size())
                    + " pairs of each type with these settings");
        }

        List<Stimulus> stimuli = stimuli(entries, count, similarDistant, sameDissimilar);
        Map<String, Object> report = report(candidates, threshold);
        Map<String, Object> parameters = parameters(count, entries.size(), concepts.size(), sem);
        return StimulusSet.generated("select pairs", stimuli, describeModels(), parameters, report, notes);
    }

    /** The configured semantic similarity, or WordNet after checking that it knows every concept. */
    private SemanticSimilarity semanticSimilarity(List<String> concepts) {
        if (semantic != null) {
            return semantic;
        }
        WordNetSimilarity wordNet = WordNetSimilarity.open();
        wordNet.requireAll(concepts, database.toString());
        return wordNet;
    }

    /** The symmetric matrix of semantic similarities between concepts (1 on the diagonal). */
    private double[][] conceptSimilarities(List<String> concepts, SemanticSimilarity sem) {
        double[][] conceptSimilarity = new double[concepts.size()][concepts.size()];
        for (int i = 0; i < concepts.size(); i++) {
            conceptSimilarity[i][i] = 1;
            for (int j = i + 1; j < concepts.size(); j++) {
                double s = sem.between(concepts.get(i), concepts.get(j));
                conceptSimilarity[i][j] = s;
                conceptSimilarity[j][i] = s;
            }
            progress.progress("semantic", i + 1, concepts.size());
        }
        return conceptSimilarity;
    }

    /** The median semantic similarity over concept pairs (the default threshold for similar_distant pairs). */
    private static double medianOffDiagonal(double[][] conceptSimilarity) {
        int m = conceptSimilarity.length;
        double[] all = new double[m * (m - 1) / 2];
        int pairIndex = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                all[pairIndex++] = conceptSimilarity[i][j];
            }
        }
        java.util.Arrays.sort(all);
        return ScoreStatistics.quantile(all, 0.5);
    }

    /**
     * Every image pair's perceptual similarity: within-concept pairs (i, j, p), the {@code keep} most similar
     * across-concept pairs at or below the semantic threshold (i, j, p, s), and a seeded reservoir sample of all
     * across-concept similarities for the t-test.
     */
    private static final class Candidates {
        final List<Candidate> within = new ArrayList<>();
        final double[] acrossSample = new double[ACROSS_SAMPLE];
        long acrossCount;
        List<Candidate> across;
    }

    /**
     * A candidate pair: images {@code i < j} (indexes of the entries), their perceptual similarity, and the semantic
     * similarity of their concepts (NaN for a pair within one concept).
     */
    private record Candidate(int i, int j, double perceptual, double semantic) {
    }

    /** One chosen image's manifest fields: its pair, condition, and perceptual and semantic similarity as written. */
    private record Member(String pairId, String condition, String perceptual, String semantic) {
    }

    private Candidates compareAll(List<Entry> entries, int[] conceptOf, double[][] conceptSimilarity, double threshold, int count) {
        int n = entries.size();
        float[][] unit = new float[n][];
        for (int i = 0; i < n; i++) {
            unit[i] = Similarity.standardised(entries.get(i).features);
        }
        int keep = Math.max(CANDIDATE_FLOOR, 200 * count);
        java.util.PriorityQueue<Candidate> best = new java.util.PriorityQueue<>(Comparator.comparingDouble(Candidate::perceptual));
        Candidates found = new Candidates();
        SplitMix64 reservoir = new SplitMix64(seed);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double p = Similarity.dot(unit[i], unit[j]);
                if (conceptOf[i] == conceptOf[j]) {
                    found.within.add(new Candidate(i, j, p, Double.NaN));
                    continue;
                }
                sampleAcross(found, reservoir, p);
                double s = conceptSimilarity[conceptOf[i]][conceptOf[j]];
                if (s <= threshold && (best.size() < keep || p > best.peek().perceptual())) {
                    best.add(new Candidate(i, j, p, s));
                    if (best.size() > keep) {
                        best.poll();
                    }
                }
            }
            if (i % 64 == 63 || i == n - 1) {
                progress.progress("similarity", i + 1, n);
            }
        }
        found.across = new ArrayList<>(best);
        return found;
    }

    /** Reservoir sampling (Algorithm R) of the across-concept similarities, at most {@link #ACROSS_SAMPLE} kept. */
    private static void sampleAcross(Candidates found, SplitMix64 reservoir, double p) {
        if (found.acrossCount < ACROSS_SAMPLE) {
            found.acrossSample[(int) found.acrossCount] = p;
        } else {
            long slot = (long) (reservoir.nextDouble() * (found.acrossCount + 1));
            if (slot < ACROSS_SAMPLE) {
                found.acrossSample[(int) slot] = p;
            }
        }
        found.acrossCount++;
    }

    /** The chosen images as stimuli: the similar_distant pairs (sd..) then the same_dissimilar pairs (sc..). */
    private List<Stimulus> stimuli(List<Entry> entries, int count, List<Candidate> similarDistant, List<Candidate> sameDissimilar) {
        int digits = Math.max(2, String.valueOf(count).length());
        List<Integer> chosen = new ArrayList<>();
        List<Member> meta = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Candidate c = similarDistant.get(k);
            Member m = new Member("sd" + pad(k + 1, digits), "similar_distant", fmt(c.perceptual()), fmt(c.semantic()));
            chosen.add(c.i());
            meta.add(m);
            chosen.add(c.j());
            meta.add(m);
        }
        for (int k = 0; k < count; k++) {
            Candidate c = sameDissimilar.get(k);
            Member m = new Member("sc" + pad(k + 1, digits), "same_dissimilar", fmt(c.perceptual()), "1.000000");
            chosen.add(c.i());
            meta.add(m);
            chosen.add(c.j());
            meta.add(m);
        }
        double[] scores = predictedScores(entries, chosen);
        List<Stimulus> stimuli = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            stimuli.add(stimulus(entries.get(chosen.get(i)), meta.get(i), i % 2 == 0 ? "a" : "b", scores[i]));
        }
        return stimuli;
    }

    /** The predictor's scores of the chosen images (NaN without a predictor). */
    private double[] predictedScores(List<Entry> entries, List<Integer> chosen) {
        double[] scores = new double[chosen.size()];
        java.util.Arrays.fill(scores, Double.NaN);
        if (predictor != null) {
            List<BufferedImage> images = chosen.stream().map(i -> Images.read(entries.get(i).file)).toList();
            List<Map<String, float[]>> results = predictor.run(images);
            for (int i = 0; i < scores.length; i++) {
                scores[i] = predictor.score(results.get(i));
            }
        }
        return scores;
    }

    /** One member ("a" or "b") of a pair. */
    private Stimulus stimulus(Entry e, Member m, String member, double score) {
        String name = e.file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String id = m.pairId() + "_" + member;
        Map<String, String> extra = new LinkedHashMap<>();
        // the lure relation of the pair (docs/data-formats.md): perceptually similar across concepts, or same concept
        extra.put("lure_type", m.condition().equals("similar_distant") ? "perceptual" : "semantic");
        extra.put("source", database.relativize(e.file).toString().replace('\\', '/'));
        extra.put("perceptual_similarity", m.perceptual());
        extra.put("semantic_similarity", m.semantic());
        ManifestRow row = StimulusSetWriter.row(id, "images/" + id + "." + ext, m.pairId(), m.condition(), e.concept, score, null, extra);
        return new Stimulus(row, ImageFiles.bytes(e.file), Map.of());
    }

    /** generation.json's report: within- and across-concept similarity summaries and their Welch test. */
    private static Map<String, Object> report(Candidates candidates, double threshold) {
        Map<String, Object> report = new LinkedHashMap<>();
        double[] w = candidates.within.stream().mapToDouble(Candidate::perceptual).toArray();
        double[] a = java.util.Arrays.copyOf(candidates.acrossSample, (int) Math.min(candidates.acrossCount, ACROSS_SAMPLE));
        report.put("perceptualSimilarityWithinConcept", ScoreStatistics.summary(w));
        report.put("perceptualSimilarityAcrossConcept", ScoreStatistics.summary(a));
        report.put("withinVsAcrossTTest", welch(w, a));
        report.put("acrossConceptPairs", candidates.acrossCount);
        report.put("acrossConceptPairsInTest", a.length);
        report.put("semanticThreshold", ScoreStatistics.round(threshold));
        return report;
    }

    /** generation.json's parameters: the settings and how similarity was measured. */
    private Map<String, Object> parameters(int count, int imagesConsidered, int conceptCount, SemanticSimilarity sem) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("pairsPerType", count);
        parameters.put("seed", seed);
        parameters.put("imagesPerConcept", perConcept);
        parameters.put("database", database.toString());
        parameters.put("imagesConsidered", imagesConsidered);
        parameters.put("concepts", conceptCount);
        parameters.put("perceptualSimilarity", featureExtractor == null
                ? "Pearson correlation of the built-in descriptor (8x8 colour layout + 4x4x8 gradient orientations)"
                : "Pearson correlation of " + featureExtractor.model().file().getFileName() + " features");
        parameters.put("semanticSimilarity", sem.describe());
        return parameters;
    }

    private List<Map<String, Object>> describeModels() {
        List<Map<String, Object>> models = new ArrayList<>();
        if (featureExtractor != null) {
            models.add(Pairs.describe(featureExtractor.model(), "feature extractor"));
        }
        if (predictor != null) {
            models.add(Pairs.describe(predictor.model(), "predictor"));
        }
        return models;
    }

    /** Welch's two-sample t-test (Commons Statistics; Welch–Satterthwaite df). */
    static Map<String, Object> welch(double[] x, double[] y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", "welch_t (within vs across concept)");
        m.put("nWithin", x.length);
        m.put("nAcross", y.length);
        if (x.length < 2 || y.length < 2) {
            m.put("error", "needs at least 2 within- and 2 across-concept pairs");
            return m;
        }
        TTest.Result r = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(x, y);
        m.put("statistic", r.getStatistic());
        m.put("df", r.getDegreesOfFreedom());
        m.put("pValue", r.getPValue());
        return m;
    }

    private List<Entry> scan() {
        if (!Files.isDirectory(database)) {
            throw new StimulusException("database " + database + ": not found or not a folder");
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(database)) {
            folders = list.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new StimulusException("database " + database + ": cannot list: " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> files = new ArrayList<>(ImageFiles.in(folder));
            if (files.size() > perConcept) {
                SplitMix64 rng = new SplitMix64(seed ^ folder.getFileName().toString().hashCode());
                for (int i = files.size() - 1; i > 0; i--) {
                    java.util.Collections.swap(files, i, rng.integer(0, i));
                }
                files = new ArrayList<>(files.subList(0, perConcept));
                files.sort(null);
            }
            for (Path f : files) {
                entries.add(new Entry(folder.getFileName().toString(), f));
            }
        }
        if (entries.isEmpty()) {
            throw new StimulusException("database " + database + ": empty (expected concept folders with images: "
                    + "DATABASE/concept/image.jpg)");
        }
        return entries;
    }

    private void describe(List<Entry> entries) {
        int chunk = 32;
        for (int start = 0; start < entries.size(); start += chunk) {
            List<Entry> part = entries.subList(start, Math.min(entries.size(), start + chunk));
            List<BufferedImage> images = part.stream().map(e -> Images.read(e.file)).toList();
            if (featureExtractor != null) {
                List<Map<String, float[]>> results = featureExtractor.run(images);
                for (int i = 0; i < part.size(); i++) {
                    part.get(i).features = featureExtractor.features(results.get(i));
                }
            } else {
                for (int i = 0; i < part.size(); i++) {
                    part.get(i).features = ImageDescriptor.of(images.get(i));
                }
            }
            progress.progress("features", Math.min(entries.size(), start + chunk), entries.size());
        }
    }

    private static List<Candidate> greedy(List<Candidate> candidates, Set<Integer> used, int count) {
        List<Candidate> picked = new ArrayList<>();
        for (Candidate c : candidates) {
            if (picked.size() == count) {
                break;
            }
            int i = c.i();
            int j = c.j();
            if (!used.contains(i) && !used.contains(j)) {
                used.add(i);
                used.add(j);
                picked.add(c);
            }
        }
        return picked;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String pad(int value, int digits) {
        return String.format(Locale.ROOT, "%0" + digits + "d", value);
    }

    private static final class Entry {
        final String concept;
        final Path file;
        float[] features;

        Entry(String concept, Path file) {
            this.concept = concept;
            this.file = file;
        }
    }
}
