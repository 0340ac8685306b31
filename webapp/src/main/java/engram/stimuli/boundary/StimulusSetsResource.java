package engram.stimuli.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.platform.ClientError;
import engram.stimuli.control.StimulusSetException;
import engram.stimuli.control.StimulusSets;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Stimulus sets for scripts: the list, and an upload of a stimulus-set zip (manifest.csv and images) as the request body. */
@Path("stimulus-sets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experimenter", description = "Set up and run studies from a script (docs/move-a-study.md)")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "token")
public class StimulusSetsResource {

    @Inject
    StimulusSets sets;
    @Inject
    CurrentUser user;

    /** A stored stimulus set. */
    public record SetAnswer(long id, String name, long images, long pairs, String conditions) {
    }

    @GET
    @Operation(summary = "Every stimulus set, newest first")
    public List<SetAnswer> list() {
        user.require(Account.Role.ANALYST);
        return sets.all().stream().map(s -> new SetAnswer(s.id(), s.name(), s.images(), s.pairs(), s.conditions())).toList();
    }

    @POST
    @Operation(summary = "Import a stimulus-set zip (the request body, Content-Type application/zip) under ?name= (experimenter; all or nothing)")
    @APIResponse(responseCode = "201", description = "The new set")
    @APIResponse(responseCode = "400", description = "A bad zip or manifest (bad_stimulus_set, every problem in 'problems'), or a bad name (invalid_name)")
    @APIResponse(responseCode = "413", description = "More than 500 MiB")
    public Response upload(@Parameter(in = ParameterIn.QUERY, description = "the set's name") @QueryParam("name") String name,
                           InputStream body) throws IOException {
        user.require(Account.Role.EXPERIMENTER);
        long id;
        try {
            id = sets.importUpload(name, "upload.zip", body);
        } catch (StimulusSetException e) {
            throw new ClientError(400, "bad_stimulus_set", e.getMessage(), Map.of("problems", e.problems()));
        }
        return Response.status(201).entity(list().stream().filter(s -> s.id() == id).findFirst().orElseThrow()).build();
    }
}
