package engram.run.boundary;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.platform.ErrorAnswer;
import engram.run.control.ProlificWebhooks;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
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
    @Operation(summary = "Prolific's submission status changes for this experiment (signed with the experiment's webhook secret)")
    @APIResponse(responseCode = "200", description = "What the event did", content = @Content(schema = @Schema(implementation = WebhookAnswer.class)))
    @APIResponse(responseCode = "default", description = RunsResource.REFUSAL, content = @Content(schema = @Schema(implementation = ErrorAnswer.class)))
    public WebhookAnswer receive(@PathParam("slug") String slug, byte[] body,
                                       @HeaderParam("X-Prolific-Request-Signature") String signature,
                                       @HeaderParam("X-Prolific-Request-Timestamp") String timestamp,
                                       @HeaderParam("X-Event-ID") String eventId) {
        ProlificWebhooks.Outcome outcome = webhooks.receive(slug, body == null ? new byte[0] : body, signature, timestamp, eventId);
        return new WebhookAnswer(outcome.eventId(), outcome.outcome(), outcome.runId());
    }

    /** The event's id, what it did ({@code released}, {@code duplicate}, …) and the run it ended, if any (else left out). */
    @JsonbPropertyOrder({"eventId", "outcome", "runId"})
    public record WebhookAnswer(String eventId, String outcome, String runId) {
    }
}
