package engram.platform;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every machine code a refusal carries ({@code {"error": code, "message": …}} in a JSON body), with the pages that document
 * it: docs/participant-api.md, docs/experimenter-api.md, docs/workspace.md (ErrorCodeDocsTest holds each page's "Error
 * codes" table to this list). The code is the constant's name in lower case, except {@link #INVALID_FIELD}, a family:
 * {@code invalid_<field>} names the form field that was refused.
 */
public enum ErrorCode {

    // the participant API (/api/runs…) and the Prolific webhooks (/api/prolific/…)
    ALREADY_COMPLETED(Api.PARTICIPANT),
    BAD_BOX(Api.PARTICIPANT),
    BAD_CALIBRATION(Api.PARTICIPANT),
    BAD_CONSENT(Api.PARTICIPANT),
    BAD_DEVICE_REPORT(Api.PARTICIPANT),
    BAD_EVENT_ID(Api.PARTICIPANT),
    BAD_EXPERIMENT(Api.PARTICIPANT),
    BAD_PILOT_KEY(Api.PARTICIPANT),
    BAD_PRACTICE(Api.PARTICIPANT),
    BAD_PROLIFIC_PARAMS(Api.PARTICIPANT),
    BAD_SIGNATURE(Api.PARTICIPANT),
    BAD_TOKEN(Api.PARTICIPANT),
    BAD_TRIAL(Api.PARTICIPANT),
    CONFLICTING_ANSWER(Api.PARTICIPANT),
    DEVICE_NOT_CHECKED(Api.PARTICIPANT),
    EXPERIMENT_CLOSED(Api.PARTICIPANT),
    EXPERIMENT_FULL(Api.PARTICIPANT),
    IMAGE_MISMATCH(Api.PARTICIPANT),
    INCOMPLETE(Api.PARTICIPANT),
    NO_CALIBRATION(Api.PARTICIPANT),
    POSITION_OUT_OF_RANGE(Api.PARTICIPANT),
    PRACTICE_FAILED(Api.PARTICIPANT),
    PRACTICE_OUT_OF_ORDER(Api.PARTICIPANT),
    RESUME_WINDOW_PASSED(Api.PARTICIPANT),
    RUN_BLOCKED(Api.PARTICIPANT),
    RUN_NOT_ACTIVE(Api.PARTICIPANT),
    SESSION_MISMATCH(Api.PARTICIPANT),
    STALE_TIMESTAMP(Api.PARTICIPANT),
    WEBHOOK_NOT_CONFIGURED(Api.PARTICIPANT),
    // phases, tasks and sessions (issue #14)
    BAD_ANSWER(Api.PARTICIPANT),
    BAD_CONFIDENCE(Api.PARTICIPANT),
    BAD_PHASE_DONE(Api.PARTICIPANT),
    IMAGE_NOT_ON_SCREEN(Api.PARTICIPANT),
    SESSION_TOO_EARLY(Api.PARTICIPANT),
    SESSION_TOO_LATE(Api.PARTICIPANT),
    TOO_SOON(Api.PARTICIPANT),
    UNKNOWN_SESSION(Api.PARTICIPANT),
    WRONG_PHASE(Api.PARTICIPANT),

    // both: a study link and a script can meet these
    NO_SEQUENCES(Api.PARTICIPANT, Api.EXPERIMENTER),
    UNKNOWN_EXPERIMENT(Api.PARTICIPANT, Api.EXPERIMENTER),
    UNKNOWN_RUN(Api.PARTICIPANT, Api.WORKSPACE),

    // any API: framework refusals and the server's own state
    BAD_JSON(Api.PARTICIPANT, Api.EXPERIMENTER),
    BAD_REQUEST(Api.PARTICIPANT, Api.EXPERIMENTER),
    BODY_TOO_LARGE(Api.PARTICIPANT, Api.EXPERIMENTER),
    DATABASE_UNAVAILABLE(Api.PARTICIPANT, Api.EXPERIMENTER),
    METHOD_NOT_ALLOWED(Api.PARTICIPANT, Api.EXPERIMENTER),
    NOT_FOUND(Api.PARTICIPANT, Api.EXPERIMENTER),
    SERVER_ERROR(Api.PARTICIPANT, Api.EXPERIMENTER),
    UNSUPPORTED_MEDIA_TYPE(Api.PARTICIPANT, Api.EXPERIMENTER),

    // the workspace's pages only: shown as the page's message, never in a JSON body
    ANALYSIS_FAILED(Api.WORKSPACE),
    UNKNOWN_PROTOCOL_VERSION(Api.WORKSPACE),

    // the experimenter, archive and operations APIs (/api/experiments…, /api/stimulus-sets, /api/archives, /api/admin/…)
    BAD_ARCHIVE(Api.EXPERIMENTER),
    BAD_CREDENTIALS(Api.EXPERIMENTER),
    BAD_PAGE(Api.EXPERIMENTER),
    BAD_PAGE_SIZE(Api.EXPERIMENTER),
    BAD_SIZE(Api.EXPERIMENTER),
    BAD_SLUG(Api.EXPERIMENTER),
    BAD_STATUS(Api.EXPERIMENTER),
    BAD_STIMULUS_SET(Api.EXPERIMENTER),
    BAD_TRANSITION(Api.EXPERIMENTER),
    CHECKLIST_INCOMPLETE(Api.EXPERIMENTER),
    DESIGN_INFEASIBLE(Api.EXPERIMENTER),
    FORBIDDEN(Api.EXPERIMENTER),
    INVALID_DESIGN(Api.EXPERIMENTER),
    INVALID_FIELD("invalid_<field>", Api.EXPERIMENTER),
    INVALID_FORM(Api.EXPERIMENTER),
    LOCKED(Api.EXPERIMENTER),
    MISSING_BODY(Api.EXPERIMENTER),
    NOT_READY(Api.EXPERIMENTER),
    NOT_SHARED(Api.EXPERIMENTER),
    PROTOCOL_MISMATCH(Api.EXPERIMENTER),
    SESSION_NOT_ACCEPTED(Api.EXPERIMENTER),
    SLUG_TAKEN(Api.EXPERIMENTER),
    TOKEN_EXPIRED(Api.EXPERIMENTER),
    TOKEN_SCOPE(Api.EXPERIMENTER),
    TOO_MANY_FAILURES(Api.EXPERIMENTER),
    UNAUTHORIZED(Api.EXPERIMENTER),
    UNKNOWN_STIMULUS_SET(Api.EXPERIMENTER),
    UNSUPPORTED_ARCHIVE_VERSION(Api.EXPERIMENTER),
    USE_PG_DUMP(Api.EXPERIMENTER);

    /** The page that documents a code: the participant API, the experimenter API, or the workspace's own pages. */
    public enum Api { PARTICIPANT, EXPERIMENTER, WORKSPACE }

    private static final String FAMILY_MARK = "<";

    private final String code;
    private final Set<Api> apis;

    ErrorCode(Api first, Api... more) {
        this(null, first, more);
    }

    ErrorCode(String code, Api first, Api... more) {
        this.code = code == null ? name().toLowerCase(Locale.ROOT) : code;
        this.apis = EnumSet.of(first, more);
    }

    /** The code as it appears in an error body, e.g. {@code unknown_run}; for a family its pattern, {@code invalid_<field>}. */
    public String code() {
        return code;
    }

    /** The API pages that document this code. */
    public Set<Api> apis() {
        return EnumSet.copyOf(apis);
    }

    /** Whether this stands for many codes, one per name put in place of its {@code <…>} part. */
    public boolean isFamily() {
        return code.contains(FAMILY_MARK);
    }

    /** This family's code for one name: {@code INVALID_FIELD.member("slug")} is {@code invalid_slug}. */
    public String member(String name) {
        if (!isFamily()) {
            throw new IllegalStateException(code + " is a single code, not a family");
        }
        return code.substring(0, code.indexOf(FAMILY_MARK)) + name;
    }

    /** The constant a code in an error body stands for: itself, or the family whose prefix it starts with. */
    public static Optional<ErrorCode> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst()
                .or(() -> Arrays.stream(values()).filter(c -> c.isFamily() && code.length() > c.member("").length()
                        && code.startsWith(c.member(""))).findFirst());
    }

    @Override
    public String toString() {
        return code;
    }
}
