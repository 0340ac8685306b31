package engram.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The body of every refusal: the machine code ({@link ErrorCode}), a sentence for a person, and the details some codes
 * carry; a detail that does not apply is left out of the JSON.
 *
 * @param error          the machine code, e.g. {@code bad_trial}
 * @param message        a sentence for a person
 * @param field          the refused field ({@code bad_device_report}, {@code bad_calibration}, {@code bad_practice},
 *                       {@code bad_phase_done}, {@code invalid_<field>})
 * @param fields         every refused field of a form and its message ({@code invalid_form})
 * @param problems       every problem found ({@code bad_stimulus_set}, {@code bad_archive}, {@code checklist_incomplete}, …)
 * @param count          how many problems there are in all when {@code problems} lists only the first ({@code bad_stimulus_set})
 * @param reasons        why the stimulus set cannot satisfy the design ({@code design_infeasible})
 * @param missing        the positions of this session not stored yet ({@code incomplete})
 * @param phasesNotDone  the break and distractor phases of this session not done yet ({@code incomplete})
 * @param expected       the practice attempt the server expected ({@code practice_out_of_order})
 * @param fullHtml       the experiment's "study is full" text as HTML ({@code experiment_full})
 * @param earliestDoneAt when the phase may be done, ISO-8601 UTC ({@code too_soon})
 * @param completionCode the Prolific code for this ending ({@code session_too_early}, {@code session_too_late})
 * @param redirectUrl    the Prolific completion URL with that code ({@code session_too_early}, {@code session_too_late})
 * @param session        the session that was asked for ({@code session_too_early}, {@code session_too_late})
 * @param opensAt        when that session opens, ISO-8601 UTC ({@code session_too_early})
 * @param closesAt       when that session closes, ISO-8601 UTC ({@code session_too_early})
 * @param closedAt       when that session closed, ISO-8601 UTC ({@code session_too_late})
 */
@Schema(description = "A refusal: the code, a sentence for a person, and the details its code carries") // no route returns it by type
@JsonbPropertyOrder({"error", "message", "field", "fields", "problems", "count", "reasons", "missing", "phasesNotDone", "expected",
        "fullHtml", "earliestDoneAt", "completionCode", "redirectUrl", "session", "opensAt", "closesAt", "closedAt"})
public record ErrorAnswer(String error, String message, String field, Map<String, String> fields, List<String> problems, Integer count,
                          List<String> reasons, List<Integer> missing, List<Integer> phasesNotDone, Integer expected, String fullHtml,
                          String earliestDoneAt, String completionCode, String redirectUrl, Integer session, String opensAt,
                          String closesAt, String closedAt) {

    /** A refusal with no details. */
    public static ErrorAnswer of(ErrorCode code, String message) {
        return of(code.code(), message, Details.NONE);
    }

    static ErrorAnswer of(String code, String message, Details d) {
        return new ErrorAnswer(code, message, d.field(), d.fields(), d.problems(), d.count(), d.reasons(), d.missing(), d.phasesNotDone(),
                d.expected(), d.fullHtml(), d.earliestDoneAt(), d.completionCode(), d.redirectUrl(), d.session(), d.opensAt(),
                d.closesAt(), d.closedAt());
    }

    /** What a refusal says beyond its code and message; each code uses at most a few of these (built by the factories below). */
    public record Details(String field, Map<String, String> fields, List<String> problems, Integer count, List<String> reasons,
                          List<Integer> missing, List<Integer> phasesNotDone, Integer expected, String fullHtml, String earliestDoneAt,
                          String completionCode, String redirectUrl, Integer session, String opensAt, String closesAt,
                          String closedAt) {

        public static final Details NONE = new Builder().build();

        public Details {
            fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            problems = problems == null ? null : List.copyOf(problems);
            reasons = reasons == null ? null : List.copyOf(reasons);
            missing = missing == null ? null : List.copyOf(missing);
            phasesNotDone = phasesNotDone == null ? null : List.copyOf(phasesNotDone);
        }

        public static Details field(String field) {
            Builder b = new Builder();
            b.field = field;
            return b.build();
        }

        public static Details fields(Map<String, String> fields) {
            Builder b = new Builder();
            b.fields = fields;
            return b.build();
        }

        public static Details problems(List<String> problems) {
            Builder b = new Builder();
            b.problems = problems;
            return b.build();
        }

        public static Details problems(List<String> listed, int count) {
            Builder b = new Builder();
            b.problems = listed;
            b.count = count;
            return b.build();
        }

        public static Details reasons(List<String> reasons) {
            Builder b = new Builder();
            b.reasons = reasons;
            return b.build();
        }

        /** {@code incomplete}: the positions not stored and the break/distractor phases not done (both sent, either may be empty). */
        public static Details missing(List<Integer> missing, List<Integer> phasesNotDone) {
            Builder b = new Builder();
            b.missing = missing;
            b.phasesNotDone = phasesNotDone;
            return b.build();
        }

        public static Details fullHtml(String html) {
            Builder b = new Builder();
            b.fullHtml = html;
            return b.build();
        }

        public static Details expected(int attempt) {
            Builder b = new Builder();
            b.expected = attempt;
            return b.build();
        }

        public static Details earliestDoneAt(String instant) {
            Builder b = new Builder();
            b.earliestDoneAt = instant;
            return b.build();
        }

        /** {@code session_too_early}: the too-early code and its redirect, and the window of the session asked for. */
        public static Details tooEarly(String code, String redirectUrl, int session, String opensAt, String closesAt) {
            Builder b = new Builder();
            b.completionCode = code;
            b.redirectUrl = redirectUrl;
            b.session = session;
            b.opensAt = opensAt;
            b.closesAt = closesAt;
            return b.build();
        }

        /** {@code session_too_late}: the too-late code and its redirect, and when the session asked for closed. */
        public static Details tooLate(String code, String redirectUrl, int session, String closedAt) {
            Builder b = new Builder();
            b.completionCode = code;
            b.redirectUrl = redirectUrl;
            b.session = session;
            b.closedAt = closedAt;
            return b.build();
        }

        /** Collects the few details one factory sets; the rest stay null. */
        private static final class Builder {
            String field;
            Map<String, String> fields;
            List<String> problems;
            Integer count;
            List<String> reasons;
            List<Integer> missing;
            List<Integer> phasesNotDone;
            Integer expected;
            String fullHtml;
            String earliestDoneAt;
            String completionCode;
            String redirectUrl;
            Integer session;
            String opensAt;
            String closesAt;
            String closedAt;

            Details build() {
                return new Details(field, fields, problems, count, reasons, missing, phasesNotDone, expected, fullHtml, earliestDoneAt,
                        completionCode, redirectUrl, session, opensAt, closesAt, closedAt);
            }
        }
    }
}
