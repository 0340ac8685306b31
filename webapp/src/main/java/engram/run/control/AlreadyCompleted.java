package engram.run.control;

import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.run.entity.Run;

/** The study link was opened again after the run completed (409 already_completed); it carries that run's ending. */
public final class AlreadyCompleted extends ClientError {

    private static final long serialVersionUID = 1L;

    private final transient Run run;

    AlreadyCompleted(Run run) {
        super(409, ErrorCode.ALREADY_COMPLETED, "You have already completed this study. Thank you for taking part.");
        this.run = run;
    }

    public Run run() { return run; }
}
