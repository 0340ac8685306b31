package engram.generator.select;

import engram.generator.StimulusException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Word vectors from a word2vec/GloVe/fastText text file ("word v1 v2 … vd" per line; a first line
 * "count dim" is skipped). Only the words needed are kept. A concept's vector is the vector of its
 * name ("ice_cream", "ice-cream", "ice cream") if present, else the mean of its words' vectors; similarity is
 * the cosine.
 */
public final class WordVectors implements SemanticSimilarity {
    private final Path file;
    private final Map<String, float[]> vectors;

    private WordVectors(Path file, Map<String, float[]> vectors) {
        this.file = file;
        this.vectors = vectors;
    }

    /** Reads the vectors of the given concepts' words; errors name the file, line and concept. */
    public static WordVectors read(Path file, Collection<String> concepts) {
        Set<String> wanted = new java.util.HashSet<>();
        for (String c : concepts) {
            String words = SemanticSimilarity.words(c);
            wanted.add(words.replace(' ', '_'));
            wanted.add(words.replace(' ', '-'));
            wanted.addAll(java.util.Arrays.asList(words.split(" ")));
        }
        Map<String, float[]> vectors = new HashMap<>();
        int dimension = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String[] parts = line.trim().split(" ");
                if (parts.length < 2) {
                    continue;
                }
                if (lineNumber == 1 && parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
                    continue;
                }
                if (dimension < 0) {
                    dimension = parts.length - 1;
                } else if (parts.length - 1 != dimension) {
                    throw new StimulusException("word vectors " + file + ": line " + lineNumber + " has " + (parts.length - 1)
                            + " values, expected " + dimension);
                }
                String word = parts[0].toLowerCase(Locale.ROOT);
                if (!wanted.contains(word) || vectors.containsKey(word)) {
                    continue;
                }
                float[] v = new float[dimension];
                for (int i = 0; i < dimension; i++) {
                    try {
                        v[i] = Float.parseFloat(parts[i + 1]);
                    } catch (NumberFormatException e) {
                        throw new StimulusException("word vectors " + file + ": line " + lineNumber + ", value " + (i + 1)
                                + ": not a number '" + parts[i + 1] + "'");
                    }
                }
                vectors.put(word, v);
            }
        } catch (NoSuchFileException e) {
            throw new StimulusException("word vectors " + file + ": file not found");
        } catch (IOException e) {
            throw new StimulusException("word vectors " + file + ": cannot read: " + e.getMessage(), e);
        }
        WordVectors result = new WordVectors(file, vectors);
        for (String c : concepts) {
            if (result.vector(c) == null) {
                throw new StimulusException("word vectors " + file + ": no vector for concept '" + c + "' (words: '"
                        + SemanticSimilarity.words(c) + "')");
            }
        }
        return result;
    }

    float[] vector(String concept) {
        String words = SemanticSimilarity.words(concept);
        for (String key : new String[] {words.replace(' ', '_'), words.replace(' ', '-')}) {
            if (vectors.containsKey(key)) {
                return vectors.get(key);
            }
        }
        float[] sum = null;
        for (String w : words.split(" ")) {
            float[] v = vectors.get(w);
            if (v == null) {
                return null;
            }
            if (sum == null) {
                sum = new float[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        return sum;
    }

    @Override
    public double between(String conceptA, String conceptB) {
        return Similarity.cosine(vector(conceptA), vector(conceptB));
    }

    @Override
    public String describe() {
        return "cosine of word vectors from " + file.getFileName();
    }
}
