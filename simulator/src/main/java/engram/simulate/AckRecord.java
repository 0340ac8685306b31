package engram.simulate;

import java.time.Instant;

/**
 * One trial the server acknowledged with 200 to a PUT.
 *
 * @param runId the run
 * @param participantId the PROLIFIC_PID sent (or {@code pilot-<index>} in pilot mode, where the server makes one up)
 * @param position position of the trial
 * @param imageId image at that position
 * @param responded whether the answer was a response
 * @param stored the server's {@code stored} flag: false when it already held this identical answer
 * @param ackTime when the 200 arrived
 */
public record AckRecord(String runId, String participantId, int position, String imageId, boolean responded,
                        boolean stored, Instant ackTime) {
}
