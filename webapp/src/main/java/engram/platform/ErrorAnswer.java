package engram.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The body of every refusal: the machine code ({@link ErrorCode}), a sentence for a person, and the details some codes
 * carry; a detail that does not apply is left out of the JSON.
 *
 * @param error    the machine code, e.g. {@code bad_trial}
 * @param message  a sentence for a person
 * @param field    the refused field ({@code bad_device_report}, {@code bad_calibration}, {@code bad_practice}, {@code invalid_<field>})
 * @param fields   every refused field of a form and its message ({@code invalid_form})
 * @param problems every problem found ({@code bad_stimulus_set}, {@code bad_archive}, {@code checklist_incomplete}, …)
 * @param count    how many problems there are in all when {@code problems} lists only the first ({@code bad_stimulus_set})
 * @param reasons  why the stimulus set cannot satisfy the design ({@code design_infeasible})
 * @param missing  the positions not stored yet ({@code incomplete})
 * @param expected the practice attempt the server expected ({@code practice_out_of_order})
 * @param fullHtml the experiment's "study is full" text as HTML ({@code experiment_full})
 */
@JsonbPropertyOrder({"error", "message", "field", "fields", "problems", "count", "reasons", "missing", "expected", "fullHtml"})
public record ErrorAnswer(String error, String message, String field, Map<String, String> fields, List<String> problems, Integer count,
                          List<String> reasons, List<Integer> missing, Integer expected, String fullHtml) {

    /** A refusal with no details. */
    public static ErrorAnswer of(ErrorCode code, String message) {
        return of(code.code(), message, Details.NONE);
    }

    static ErrorAnswer of(String code, String message, Details details) {
        return new ErrorAnswer(code, message, details.field(), details.fields(), details.problems(), details.count(), details.reasons(),
                details.missing(), details.expected(), details.fullHtml());
    }

    /** What a refusal says beyond its code and message; each code uses at most a few of these. */
    public record Details(String field, Map<String, String> fields, List<String> problems, Integer count, List<String> reasons,
                          List<Integer> missing, Integer expected, String fullHtml) {

        public static final Details NONE = new Details(null, null, null, null, null, null, null, null);

        public Details {
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            problems = problems == null ? null : List.copyOf(problems);
            reasons = reasons == null ? null : List.copyOf(reasons);
            missing = missing == null ? null : List.copyOf(missing);
        }

        public static Details field(String field) {
            return new Details(field, null, null, null, null, null, null, null);
        }

        public static Details fields(Map<String, String> fields) {
            return new Details(null, fields, null, null, null, null, null, null);
        }

        public static Details problems(List<String> problems) {
            return new Details(null, null, problems, null, null, null, null, null);
        }

        public static Details problems(List<String> listed, int count) {
            return new Details(null, null, listed, count, null, null, null, null);
        }

        public static Details reasons(List<String> reasons) {
            return new Details(null, null, null, null, reasons, null, null, null);
        }

        public static Details missing(List<Integer> missing) {
            return new Details(null, null, null, null, null, missing, null, null);
        }

        public static Details fullHtml(String html) {
            return new Details(null, null, null, null, null, null, null, html);
        }

        public static Details expected(int attempt) {
            return new Details(null, null, null, null, null, null, attempt, null);
        }
    }
}
