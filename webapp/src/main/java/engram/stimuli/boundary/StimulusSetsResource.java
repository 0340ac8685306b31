package engram.stimuli.boundary;

import java.util.Arrays;
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

import engram.platform.ClientError;
import engram.stimuli.control.StimulusBrowser;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The images of a stimulus set, filtered and paged, with their thumbnail and image URLs (the practice picker uses it too). */
@Path("stimulus-sets")
@Tag(name = "scripts")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "token")
@APIResponse(responseCode = "401", description = "No or wrong credentials")
public class StimulusSetsResource {

    @Inject
    StimulusBrowser browser;

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
        StimulusBrowser.Slice slice = browser.list(id, new StimulusBrowser.Filter(condition, pair, text, only), number("page", page), number("size", size));
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

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ClientError.badRequest("bad_" + name, "'" + name + "' must be a whole number; got '" + value + "'.");
        }
    }

}
