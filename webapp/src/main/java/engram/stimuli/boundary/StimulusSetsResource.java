package engram.stimuli.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.platform.QueryParams;
import engram.stimuli.control.StimulusSetException;
import engram.stimuli.control.StimulusSets;
import engram.stimuli.control.StimulusBrowser;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Stimulus sets for scripts: the list, an upload of a stimulus-set zip as the request body, and a set's images, filtered and paged, with their thumbnail and image URLs (the practice picker uses them too). */
@Path("stimulus-sets")
@Tag(name = "scripts")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "token")
@APIResponse(responseCode = "401", description = "No or wrong credentials")
public class StimulusSetsResource {

    @Inject
    StimulusBrowser browser;
    @Inject
    StimulusSets sets;
    @Inject
    CurrentUser user;

    /** A stored stimulus set. */
    public record SetAnswer(long id, String name, long images, long pairs, String conditions) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every stimulus set, newest first")
    public List<SetAnswer> list() {
        user.require(Account.Role.ANALYST);
        return sets.all().stream().map(s -> new SetAnswer(s.id(), s.name(), s.images(), s.pairs(), s.conditions())).toList();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
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
            throw new ClientError(400, ErrorCode.BAD_STIMULUS_SET, e.getMessage(), ErrorAnswer.Details.problems(e.problems()));
        }
        return Response.status(201).entity(list().stream().filter(s -> s.id() == id).findFirst().orElseThrow()).build();
    }

    @GET
    @Path("{id}/stimuli")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A page of a stimulus set's images in manifest order: id, pair, condition, category, predicted memorability, thumbnail and image URLs")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "404", description = "No such stimulus set")
    public Map<String, Object> stimuli(@PathParam("id") long id,
                                       @Parameter(in = ParameterIn.QUERY, description = "only this condition") @QueryParam("condition") String condition,
                                       @Parameter(in = ParameterIn.QUERY, description = "only this pair id (any case)") @QueryParam("pair") String pair,
                                       @Parameter(in = ParameterIn.QUERY, description = "text in the image id, pair id, category or file name") @QueryParam("q") String text,
                                       @Parameter(in = ParameterIn.QUERY, description = "only these image ids, comma-separated") @QueryParam("ids") String ids,
                                       @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("50") String size) {
        Set<String> only = ids == null || ids.isBlank() ? Set.of()
                : Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        StimulusBrowser.Slice slice = browser.list(id, new StimulusBrowser.Filter(condition, pair, text, only), QueryParams.page(page), QueryParams.size(size));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stimulusSet", id);
        body.put("page", slice.page());
        body.put("size", slice.size());
        body.put("total", slice.total());
        body.put("stimuli", slice.tiles().stream().map(StimulusSetsResource::tile).toList());
        return body;
    }

    private static Map<String, Object> tile(StimulusBrowser.Tile t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("imageId", t.imageId());
        row.put("pairId", t.pairId());
        row.put("condition", t.condition());
        row.put("category", t.category());
        row.put("predictedMemorability", t.predictedMemorability());
        row.put("thumbnail", t.thumbnail());
        row.put("image", t.image());
        return row;
    }


}
