package engram.run.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import engram.run.entity.Run;

/**
 * Whose browser session a run belongs to (docs/security.md §6). Reopening the study link continues an unfinished run
 * only for the SESSION_ID that started it, and, once the run has been used (consent given or a trial stored), only
 * with the run's token, which the participant page keeps in the browser's storage. A run whose token was never used
 * can be reopened with its SESSION_ID alone: that is a start whose answer was lost on the way.
 */
final class RunOwnership {

    private RunOwnership() {
    }

    /** @return why the caller may not continue the run, or null when it may */
    static String refusal(Run run, String sessionId, String runToken) {
        if (!run.sessionId().equals(sessionId)) {
            return "another SESSION_ID";
        }
        boolean used = run.consented() || run.trialsSaved() > 0;
        if (!used) {
            return null;
        }
        if (runToken == null || runToken.isEmpty()) {
            return "no run token";
        }
        return MessageDigest.isEqual(runToken.getBytes(StandardCharsets.UTF_8), run.token().getBytes(StandardCharsets.UTF_8))
                ? null : "wrong run token";
    }
}
