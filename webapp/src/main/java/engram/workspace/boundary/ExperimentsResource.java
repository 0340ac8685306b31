package engram.workspace.boundary;

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
import engram.experiment.control.ExperimentSteps;
import engram.experiment.control.DesignRequest;
import engram.experiment.control.ExperimentSettings;
import engram.experiment.control.PilotKeys;
import engram.core.design.DesignInfeasibleException;
import engram.core.format.Sequence;
import engram.core.design.SequenceValidator;
import engram.core.design.Violation;
import engram.workspace.control.Monitor;
import engram.experiment.entity.Experiment;
import engram.export.control.ExportWriter;
import engram.export.control.RunSummaries;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.platform.QueryParams;
import engram.platform.LogText;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
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
@APIResponse(responseCode = "403", description = "The experiment is not shared with the caller (not_shared)")
public class ExperimentsResource {

    @Inject
    ExperimentSteps steps;
    @Inject
    ExportWriter exports;
    @Inject
    RunSummaries runs;
    @Inject
    CurrentUser user;
    @Inject
    StudyArchives archives;
    @Inject
    PilotKeys pilotKeys;
    @Inject
    Monitor monitor;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The experiments the caller may see: their own, those shared with them (admins: all)")
    public List<Map<String, Object>> list() {
        user.require(Account.Role.ANALYST);
        return steps.overview().visible().stream().map(ExperimentsResource::summary).toList();
    }

    @GET
    @Path("{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One experiment's settings")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Map<String, Object> one(@PathParam("slug") String slug) {
        user.require(Account.Role.ANALYST);
        Map<String, Object> body = new LinkedHashMap<>(summary(steps.overview().find(slug)));
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
            throw ClientError.badRequest(ErrorCode.BAD_STATUS, "'to' must be one of draft, pilot, live, paused, closed; got '" + to + "'.");
        }
        steps.lifecycle().changeStatus(slug, target);
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
        RunSummaries.Page result = runs.page(steps.overview().find(slug), QueryParams.page(page), QueryParams.size(size));
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
        Experiment experiment = steps.overview().find(slug);
        StreamingOutput body = out -> exports.write(experiment, pilot, images, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"engram-" + slug + "-export.zip\"")
                .build();
    }

    /** What creating an experiment needs: its slug, title and the id of a stimulus set on this server. */
    public record NewExperiment(String slug, String title, Long stimulusSet) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft experiment: {slug, title, stimulusSet (id from GET /api/stimulus-sets)} (experimenter)")
    @APIResponse(responseCode = "201", description = "The new experiment")
    @APIResponse(responseCode = "400", description = "A bad field (invalid_slug, invalid_title, invalid_stimulusSet; 'field' names it)")
    public Response create(String json) {
        user.require(Account.Role.EXPERIMENTER);
        NewExperiment r = body(json, NewExperiment.class, "Send {\"slug\": …, \"title\": …, \"stimulusSet\": id} as JSON.");
        Experiment created = steps.creation().create(r.slug(), r.title(), r.stimulusSet());
        return Response.status(201).entity(one(created.slug())).build();
    }

    @GET
    @Path("{slug}/settings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The experiment's texts (Markdown), completion codes, resume, attention and box rules, and target per sequence")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public ExperimentSettings settings(@PathParam("slug") String slug) {
        user.require(Account.Role.ANALYST);
        return ExperimentSettings.of(steps.overview().find(slug));
    }

    @PUT
    @Path("{slug}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the settings (every field, as GET answers them; experimenter). On a live or paused experiment a changed protocol freezes the next version.")
    @APIResponse(responseCode = "400", description = "A bad field (invalid_<field>, 'field' names it); nothing changed")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public ExperimentSettings updateSettings(@PathParam("slug") String slug, String json) {
        user.require(Account.Role.EXPERIMENTER);
        ExperimentSettings settings = body(json, ExperimentSettings.class,
                "Send every setting as JSON (GET /api/experiments/" + slug + "/settings shows them).");
        return ExperimentSettings.of(steps.editor().updateSettings(slug, settings));
    }

    /** The design answer: what was built and every rule each sequence breaks (none when the design holds). */
    public record DesignAnswer(int sequences, int length, long seed, List<String> violations) {
    }

    @PUT
    @Path("{slug}/design")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Build the sequences: {design: {sequences, length, repeats, minLag, maxLag, vigilanceRepeats, vigilanceMinLag, vigilanceMaxLag,"
            + " targetConditions, fillerConditions, allowRepeatedFillers, seed}, displayMs, isiMs, practiceImageIds}; answers the validation (experimenter)")
    @APIResponse(responseCode = "400", description = "A bad field")
    @APIResponse(responseCode = "409", description = "Real runs exist (locked)")
    @APIResponse(responseCode = "422", description = "The stimulus set cannot satisfy the design (design_infeasible, every reason in 'reasons')")
    public DesignAnswer design(@PathParam("slug") String slug, String json) {
        user.require(Account.Role.EXPERIMENTER);
        DesignRequest request = body(json, DesignRequest.class, "Send {design: {…}, displayMs, isiMs, practiceImageIds} as JSON.");
        if (request.design() == null) {
            throw ClientError.badRequest(ErrorCode.MISSING_BODY, "Send {design: {…}, displayMs, isiMs, practiceImageIds} as JSON.");
        }
        List<Sequence> built;
        try {
            built = steps.design().generate(slug, request);
        } catch (DesignInfeasibleException e) {
            throw new ClientError(422, ErrorCode.DESIGN_INFEASIBLE, e.getMessage(), ErrorAnswer.Details.reasons(e.reasons()));
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest(ErrorCode.INVALID_DESIGN, e.getMessage());
        }
        Experiment e = steps.overview().find(slug);
        List<String> violations = new SequenceValidator(request.design(), steps.design().streamStimuli(e)).validateAll(built).stream()
                .map(Violation::message).toList();
        return new DesignAnswer(built.size(), request.design().length(), request.design().seed(), violations);
    }

    /** The phase design answer: the lists built, their length, the sessions, and every rule a list breaks (none when it holds). */
    public record PhaseDesignAnswer(int lists, int length, int sessions, long seed, List<String> violations) {
    }

    @PUT
    @Path("{slug}/phases")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the phase plan and build its study and test lists: {phases: [...], lists, studyPairs, foilsPerTest,"
            + " testBothMembers, maxConditionRun, pairConditions, lureTypes, seed, game: {length, repeats, minLag, …} when phase 1 is continuous};"
            + " answers the validation (experimenter)")
    @APIResponse(responseCode = "400", description = "A bad field or phase (invalid_design, field_error naming the phase and field)")
    @APIResponse(responseCode = "409", description = "Real runs exist (locked)")
    @APIResponse(responseCode = "422", description = "The stimulus set cannot satisfy the design (design_infeasible, every reason in 'reasons')")
    public PhaseDesignAnswer phases(@PathParam("slug") String slug, String json) {
        user.require(Account.Role.EXPERIMENTER);
        engram.experiment.control.PhaseDesignRequest request = engram.experiment.control.PhaseDesignRequest.read(json);
        List<engram.core.format.PhaseList> built;
        try {
            built = steps.design().generatePhases(slug, request.phasesJson(), request.parameters());
        } catch (DesignInfeasibleException e) {
            throw new ClientError(422, ErrorCode.DESIGN_INFEASIBLE, e.getMessage(), ErrorAnswer.Details.reasons(e.reasons()));
        }
        Experiment e = steps.overview().find(slug);
        engram.core.phase.PhasePlan plan = engram.experiment.control.PhasesJson.read(e.phasesJson());
        List<String> violations = new engram.core.design.RecognitionValidator(plan, request.parameters(), steps.design().recognitionStimuli(e))
                .validateAll(built).stream().map(Violation::message).toList();
        return new PhaseDesignAnswer(built.size(), e.sequenceLength(), plan.sessions(), request.parameters().seed(), violations);
    }

    /** A link for trying the study as a pilot participant (its runs are marked pilot and left out of the export by default). */
    public record PilotLink(String url) {
    }

    @GET
    @Path("{slug}/pilot-link")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A pilot link for the experiment (experimenter)")
    public PilotLink pilotLink(@PathParam("slug") String slug, @Context UriInfo uri) {
        user.require(Account.Role.EXPERIMENTER);
        Experiment e = steps.overview().find(slug);
        String base = uri.getBaseUri().toString().replaceFirst("/api/?$", "");
        return new PilotLink(base + "/run/" + e.slug() + "?pilot=" + pilotKeys.issue(e.slug()));
    }

    /** The monitor's counts: all runs, per sequence, and per protocol version. */
    public record MonitorAnswer(long runs, Monitor.SequenceCounts total, boolean full, List<Monitor.SequenceCounts> sequences,
                                List<Monitor.VersionCounts> versions) {
    }

    @GET
    @Path("{slug}/monitor")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The monitor's counts (real runs, or pilot runs with pilot=true): per outcome, per sequence and per protocol version")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public MonitorAnswer monitor(@PathParam("slug") String slug, @QueryParam("pilot") @DefaultValue("false") boolean pilot) {
        user.require(Account.Role.ANALYST);
        Experiment e = steps.overview().find(slug);
        Monitor.Summary summary = monitor.summary(e, pilot);
        return new MonitorAnswer(summary.runCount(), summary.total(), summary.full(), summary.sequences(), monitor.versions(e, pilot));
    }

    @GET
    @Path("{slug}/archive")
    @Produces("application/zip")
    @Operation(summary = "The study archive: protocol, sequences and stimulus set as one zip that another engram imports (docs/archive-format.md)")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Response archive(@PathParam("slug") String slug) {
        steps.overview().find(slug); // 404, or 403 not_shared, as for the export
        String hash = archives.protocolHash(slug);
        StreamingOutput body = out -> archives.write(slug, out);
        return Response.ok(body, "application/zip").header("X-Engram-Protocol-Hash", hash)
                .header("Content-Disposition", "attachment; filename=\"engram-" + slug + "-study.zip\"").build();
    }

    /** The request body as a typed record, read after the role check; a missing or malformed body is a 400 with {@code hint}. */
    private static <T> T body(String json, Class<T> type, String hint) {
        if (json == null || json.isBlank()) {
            throw ClientError.badRequest(ErrorCode.MISSING_BODY, hint);
        }
        try (Jsonb jsonb = JsonbBuilder.create()) {
            T value = jsonb.fromJson(json, type);
            if (value == null) {
                throw ClientError.badRequest(ErrorCode.MISSING_BODY, hint);
            }
            return value;
        } catch (ClientError e) {
            throw e;
        } catch (Exception e) {
            throw ClientError.badRequest(ErrorCode.BAD_JSON, hint + " The body could not be read: " + LogText.clip(String.valueOf(e.getMessage())));
        }
    }

    private static Map<String, Object> summary(Experiment e) {
        return Map.of("slug", e.slug(), "title", e.title(), "status", e.status().name(),
                "sequences", e.sequenceCount(), "sequenceLength", e.sequenceLength(),
                "displayMs", e.displayMs(), "isiMs", e.isiMs());
    }

    private static Map<String, Object> run(RunSummaries.Summary r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("runId", r.runId());
        row.put("state", r.state());
        row.put("sequence", r.sequence());
        row.put("pilot", r.pilot());
        row.put("startedAt", r.startedAt().toString());
        row.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        row.put("trialsSaved", r.trialsSaved());
        return row;
    }

}
