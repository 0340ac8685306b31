package engram.export.boundary;

import java.util.LinkedHashMap;
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
import engram.archive.control.StudyArchives;
import engram.experiment.control.ExperimentEditor;
import engram.experiment.control.Experiments;
import engram.experiment.entity.Experiment;
import engram.export.control.ExportWriter;
import engram.export.control.RunSummaries;
import engram.platform.ClientError;
import engram.run.entity.Run;
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
import jakarta.ws.rs.core.StreamingOutput;

/** The API for scripts (HTTP Basic or an API token; any role may read): experiments, their runs, and the export. */
@Path("experiments")
@Tag(name = "scripts", description = "For analysis scripts: needs HTTP Basic or 'Authorization: Bearer <token>'; every role may read and export.")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "token")
@APIResponse(responseCode = "401", description = "No or wrong credentials")
@APIResponse(responseCode = "429", description = "Too many failed logins for this username or address")
public class ExperimentsResource {

    @Inject
    Experiments experiments;
    @Inject
    ExportWriter exports;
    @Inject
    RunSummaries runs;
    @Inject
    CurrentUser user;
    @Inject
    StudyArchives archives;
    @Inject
    ExperimentEditor editor;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "All experiments")
    public List<Map<String, Object>> list() {
        user.require(Account.Role.ANALYST);
        return experiments.all().stream().map(ExperimentsResource::summary).toList();
    }

    @GET
    @Path("{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One experiment's settings")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Map<String, Object> one(@PathParam("slug") String slug) {
        user.require(Account.Role.ANALYST);
        Map<String, Object> body = new LinkedHashMap<>(summary(experiments.bySlug(slug)));
        body.put("protocolHash", archives.protocolHash(slug));
        return body;
    }

    @POST
    @Path("{slug}/status")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the lifecycle: ?to=pilot|live|paused|closed|draft (experimenter; a write-scoped token; no body)."
            + " Going live freezes the protocol (docs/archive-format.md#versions).")
    @APIResponse(responseCode = "200", description = "The experiment with its new status and protocol hash")
    @APIResponse(responseCode = "400", description = "Not a status (bad_status)")
    @APIResponse(responseCode = "404", description = "No such experiment")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status (bad_transition), no sequences yet (no_sequences), or real runs exist (locked)")
    public Map<String, Object> status(@PathParam("slug") String slug,
                                      @Parameter(in = ParameterIn.QUERY, description = "the new status") @QueryParam("to") String to) {
        user.require(Account.Role.EXPERIMENTER);
        Experiment.Status target;
        try {
            target = Experiment.Status.valueOf(String.valueOf(to).trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("bad_status", "'to' must be one of draft, pilot, live, paused, closed; got '" + to + "'.");
        }
        editor.changeStatus(slug, target);
        return one(slug);
    }

    @GET
    @Path("{slug}/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A page of the experiment's runs, oldest first: state, sequence, start, finish, trials saved (no Prolific IDs)")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Map<String, Object> runs(@PathParam("slug") String slug,
                                    @Parameter(in = ParameterIn.QUERY, description = "0-based page") @QueryParam("page") @DefaultValue("0") String page,
                                    @Parameter(in = ParameterIn.QUERY, description = "runs per page, 1 to 500") @QueryParam("size") @DefaultValue("100") String size) {
        user.require(Account.Role.ANALYST);
        RunSummaries.Page result = runs.page(experiments.bySlug(slug), number("page", page), number("size", size));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment", slug);
        body.put("page", result.page());
        body.put("size", result.size());
        body.put("total", result.total());
        body.put("runs", result.runs().stream().map(ExperimentsResource::run).toList());
        return body;
    }

    @GET
    @Path("{slug}/export")
    @Produces("application/zip")
    @Operation(summary = "The experiment's data as a zip (responses, boxes, participants, sequences, manifest, images)")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Response export(@PathParam("slug") String slug, @QueryParam("pilot") @DefaultValue("false") boolean pilot,
                           @QueryParam("images") @DefaultValue("true") boolean images) {
        user.require(Account.Role.ANALYST);
        Experiment experiment = experiments.bySlug(slug);
        StreamingOutput body = out -> exports.write(experiment, pilot, images, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"engram-" + slug + "-export.zip\"")
                .build();
    }

    @GET
    @Path("{slug}/archive")
    @Produces("application/zip")
    @Operation(summary = "The study archive: protocol, sequences and stimulus set as one zip that another engram imports (docs/archive-format.md)")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Response archive(@PathParam("slug") String slug) {
        String hash = archives.protocolHash(slug);
        StreamingOutput body = out -> archives.write(slug, out);
        return Response.ok(body, "application/zip").header("X-Engram-Protocol-Hash", hash)
                .header("Content-Disposition", "attachment; filename=\"engram-" + slug + "-study.zip\"").build();
    }

    private static Map<String, Object> summary(Experiment e) {
        return Map.of("slug", e.slug(), "title", e.title(), "status", e.status().name(),
                "sequences", e.sequenceCount(), "sequenceLength", e.sequenceLength(),
                "displayMs", e.displayMs(), "isiMs", e.isiMs());
    }

    private static Map<String, Object> run(Run r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("runId", r.publicId());
        row.put("state", r.state().name());
        row.put("sequence", r.sequenceId());
        row.put("pilot", r.pilot());
        row.put("startedAt", r.startedAt().toString());
        row.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        row.put("trialsSaved", r.trialsSaved());
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
