package engram.workspace.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import engram.core.design.DesignParameters;
import engram.core.format.Kind;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.design.SequenceValidator;
import engram.core.design.Stimulus;
import engram.core.design.Violation;

/** Every design rule checked for every stored sequence (SequenceValidator), with per-sequence counts and lags, for the design page. */
public record DesignReport(List<String> rules, List<Row> rows, List<String> crossRules, Map<String, Integer> crossViolations,
                           List<String> messages, boolean valid) {

    /** The sequence rules of {@link SequenceValidator}, in the order the page shows them. */
    public static final List<String> SEQUENCE_RULES = List.of("length", "trial_index", "image", "condition", "repeat", "lag",
            "vigilance_lag", "pair", "repeats", "vigilance", "fillers", "balance");
    public static final List<String> CROSS_RULES = List.of("sequences", "sequence_id", "pair_balance", "filler_reuse");
    private static final int MAX_MESSAGES = 100;

    /** One sequence: violations per rule and what it holds. */
    public record Row(int sequenceId, Map<String, Integer> violations, long targets, long vigilance, long fillers,
                      int minLag, int maxLag, double meanLag) {

        public boolean valid() {
            return violations.values().stream().allMatch(n -> n == 0);
        }

        public int count(String rule) {
            return violations.getOrDefault(rule, 0);
        }
    }

    public int crossCount(String rule) {
        return crossViolations.getOrDefault(rule, 0);
    }

    public static DesignReport of(DesignParameters design, List<Stimulus> stimuli, List<Sequence> sequences) {
        SequenceValidator validator;
        try {
            validator = new SequenceValidator(design, stimuli);
        } catch (IllegalArgumentException e) {
            return new DesignReport(SEQUENCE_RULES, List.of(), CROSS_RULES, Map.of(), List.of(e.getMessage()), false);
        }
        List<String> messages = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<Violation> perSequence = new ArrayList<>();
        for (Sequence sequence : sequences) {
            List<Violation> found = validator.validate(sequence);
            perSequence.addAll(found);
            Map<String, Integer> counts = new LinkedHashMap<>();
            SEQUENCE_RULES.forEach(rule -> counts.put(rule, 0));
            found.forEach(v -> counts.merge(v.constraint(), 1, Integer::sum));
            found.stream().limit(Math.max(0, MAX_MESSAGES - messages.size())).forEach(v -> messages.add(v.message()));
            int min = Integer.MAX_VALUE;
            int max = 0;
            long sum = 0;
            int n = 0;
            for (Position p : sequence.positions()) {
                if (p.kind() == Kind.TARGET && p.presentation() == 2) {
                    min = Math.min(min, p.lag());
                    max = Math.max(max, p.lag());
                    sum += p.lag();
                    n++;
                }
            }
            rows.add(new Row(sequence.sequenceId(), counts, sequence.count(Kind.TARGET, 1), sequence.count(Kind.VIGILANCE, 1),
                    sequence.count(Kind.FILLER, 1), n == 0 ? 0 : min, max, n == 0 ? 0 : (double) sum / n));
        }
        Set<Violation> seen = Set.copyOf(perSequence);
        Map<String, Integer> cross = new LinkedHashMap<>();
        CROSS_RULES.forEach(rule -> cross.put(rule, 0));
        for (Violation v : validator.validateAll(sequences)) {
            if (!seen.contains(v)) {
                cross.merge(v.constraint(), 1, Integer::sum);
                if (messages.size() < MAX_MESSAGES) {
                    messages.add(v.message());
                }
            }
        }
        boolean valid = !sequences.isEmpty() && rows.stream().allMatch(Row::valid) && cross.values().stream().allMatch(c -> c == 0);
        return new DesignReport(SEQUENCE_RULES, rows, CROSS_RULES, cross, messages, valid);
    }
}
