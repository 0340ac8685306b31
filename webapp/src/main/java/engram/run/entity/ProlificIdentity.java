package engram.run.entity;

/** The three parameters Prolific appends to the study link. */
public record ProlificIdentity(String prolificPid, String studyId, String sessionId) {
}
