package engram.run.boundary;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.run.control.ProlificWebhooks;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Prolific's webhook target for one experiment (docs/workspace.md): submission status changes release returned runs' slots. */
@Path("prolific/{slug}/webhook")
@Tag(name = "prolific")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ProlificWebhookResource {

    @Inject
    ProlificWebhooks webhooks;

    @POST
    public Map<String, Object> receive(@PathParam("slug") String slug, byte[] body,
                                       @HeaderParam("X-Prolific-Request-Signature") String signature,
                                       @HeaderParam("X-Prolific-Request-Timestamp") String timestamp,
                                       @HeaderParam("X-Event-ID") String eventId) {
        ProlificWebhooks.Outcome outcome = webhooks.receive(slug, body == null ? new byte[0] : body, signature, timestamp, eventId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", outcome.eventId());
        answer.put("outcome", outcome.outcome());
        if (outcome.runId() != null) {
            answer.put("runId", outcome.runId());
        }
        return answer;
    }
}
