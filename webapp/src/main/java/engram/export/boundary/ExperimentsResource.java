package engram.export.boundary;

import java.util.List;
import java.util.Map;

import engram.experiment.control.Experiments;
import engram.experiment.entity.Experiment;
import engram.export.control.ExportWriter;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The experimenter API for scripts (HTTP Basic): list experiments and stream an experiment's export. */
@Path("experiments")
public class ExperimentsResource {

    @Inject
    Experiments experiments;
    @Inject
    ExportWriter exports;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        return experiments.all().stream().map(ExperimentsResource::summary).toList();
    }

    @GET
    @Path("{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> one(@PathParam("slug") String slug) {
        return summary(experiments.bySlug(slug));
    }

    @GET
    @Path("{slug}/export")
    @Produces("application/zip")
    public Response export(@PathParam("slug") String slug, @QueryParam("pilot") @DefaultValue("false") boolean pilot,
                           @QueryParam("images") @DefaultValue("true") boolean images) {
        Experiment experiment = experiments.bySlug(slug);
        StreamingOutput body = out -> exports.write(experiment, pilot, images, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"engram-" + slug + "-export.zip\"")
                .build();
    }

    private static Map<String, Object> summary(Experiment e) {
        return Map.of("slug", e.slug(), "title", e.title(), "status", e.status().name(),
                "sequences", e.sequenceCount(), "sequenceLength", e.sequenceLength(),
                "displayMs", e.displayMs(), "isiMs", e.isiMs());
    }
}
