package engram.generator.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The BERT WordPiece tokenizer as a Hugging Face {@code tokenizer.json} defines it (BertNormalizer → BertPreTokenizer →
 * WordPiece → TemplateProcessing "[CLS] $A [SEP]", truncation to {@code max_length}):
 * <ol>
 *   <li>normalise: drop NUL, U+FFFD and control characters, map whitespace to ' ' (clean_text); put spaces around CJK
 *       ideographs (handle_chinese_chars); lower-case; strip accents (NFD, remove combining marks; on when lowercase is
 *       on and strip_accents is unset);</li>
 *   <li>pre-tokenise: split on whitespace, and make every punctuation character (Unicode P*, and ASCII 33–47, 58–64,
 *       91–96, 123–126) a word of its own;</li>
 *   <li>WordPiece: greedy longest match from the vocabulary, continuation pieces prefixed "##"; a word longer than
 *       max_input_chars_per_word or with no match becomes [UNK];</li>
 *   <li>[CLS] pieces [SEP], truncated to max_length (pieces cut at the right).</li>
 * </ol>
 */
public final class WordPieceTokenizer {
    private final Map<String, Integer> vocab;
    private final String unk;
    private final String prefix;
    private final int maxChars;
    private final int maxLength;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final int cls;
    private final int sep;

    private WordPieceTokenizer(Map<String, Integer> vocab, String unk, String prefix, int maxChars, int maxLength,
                               boolean lowercase, boolean stripAccents) {
        this.vocab = vocab;
        this.unk = unk;
        this.prefix = prefix;
        this.maxChars = maxChars;
        this.maxLength = maxLength;
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.cls = id("[CLS]");
        this.sep = id("[SEP]");
    }

    private int id(String token) {
        Integer i = vocab.get(token);
        if (i == null) {
            throw new IllegalArgumentException("tokenizer.json: the vocabulary has no " + token);
        }
        return i;
    }

    /** Reads a WordPiece tokenizer.json (model.type WordPiece, BertNormalizer). */
    public static WordPieceTokenizer read(InputStream json, String name) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IllegalArgumentException(name + ": model.type is '" + model.path("type").asText() + "', expected WordPiece");
        }
        Map<String, Integer> vocab = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        JsonNode norm = root.path("normalizer");
        boolean lower = norm.path("lowercase").asBoolean(true);
        boolean strip = norm.path("strip_accents").isNull() || norm.path("strip_accents").isMissingNode() ? lower
            : norm.path("strip_accents").asBoolean();
        int maxLength = root.path("truncation").isObject() ? root.path("truncation").path("max_length").asInt(512) : 512;
        return new WordPieceTokenizer(vocab, model.path("unk_token").asText("[UNK]"), model.path("continuing_subword_prefix").asText("##"),
            model.path("max_input_chars_per_word").asInt(100), maxLength, lower, strip);
    }

    /** @return the token ids of one sentence: [CLS] pieces [SEP] */
    public long[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String word : preTokenize(normalize(text))) {
            wordPiece(word, ids);
        }
        int keep = Math.min(ids.size(), maxLength - 2);
        long[] out = new long[keep + 2];
        out[0] = cls;
        for (int i = 0; i < keep; i++) {
            out[i + 1] = ids.get(i);
        }
        out[keep + 1] = sep;
        return out;
    }

    /** @return the pieces of one sentence as strings (for inspection) */
    public List<String> pieces(String text) {
        Map<Integer, String> back = new HashMap<>();
        vocab.forEach((k, v) -> back.put(v, k));
        List<String> out = new ArrayList<>();
        for (long id : encode(text)) {
            out.add(back.get((int) id));
        }
        return out;
    }

    String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                return;
            }
            if (isWhitespace(c)) {
                sb.append(' ');
            } else if (isCjk(c)) {
                sb.append(' ').appendCodePoint(c).append(' ');
            } else {
                sb.appendCodePoint(c);
            }
        });
        String s = sb.toString();
        if (lowercase) {
            s = s.toLowerCase(java.util.Locale.ROOT);
        }
        if (stripAccents) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{Mn}+", "");
        }
        return s;
    }

    static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (isWhitespace(c)) {
                flush(current, words);
            } else if (isPunctuation(c)) {
                flush(current, words);
                words.add(new String(Character.toChars(c)));
            } else {
                current.appendCodePoint(c);
            }
        });
        flush(current, words);
        return words;
    }

    private static void flush(StringBuilder sb, List<String> words) {
        if (sb.length() > 0) {
            words.add(sb.toString());
            sb.setLength(0);
        }
    }

    private void wordPiece(String word, List<Integer> out) {
        if (word.codePointCount(0, word.length()) > maxChars) {
            out.add(vocab.get(unk));
            return;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String sub = (start > 0 ? prefix : "") + word.substring(start, end);
                Integer id = vocab.get(sub);
                if (id != null) {
                    found = id;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.add(vocab.get(unk));
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces);
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE || t == Character.SURROGATE
            || t == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int c) {
        if (c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION || t == Character.START_PUNCTUATION
            || t == Character.END_PUNCTUATION || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
            || t == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int c) {
        return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0x20000 && c <= 0x2A6DF
            || c >= 0x2A700 && c <= 0x2B73F || c >= 0x2B740 && c <= 0x2B81F || c >= 0x2B820 && c <= 0x2CEAF
            || c >= 0xF900 && c <= 0xFAFF || c >= 0x2F800 && c <= 0x2FA1F;
    }
}
