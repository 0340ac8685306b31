package engram.results.boundary;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import engram.analysis.GroupSummary;
import engram.analysis.report.Headline;
import engram.analysis.stats.TestResult;
import engram.experiment.control.ExperimentEditor;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.results.control.Results;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The scripts' API for an experiment's results: the numbers of the workspace's results page, from the same cached
 * analysis ({@link Results}); reading needs any role and the experiment's owner, a collaborator or an admin, as every
 * experiment route ({@link ExperimentOverview#find}).
 */
@Path("experiments/{slug}/results")
@Tag(name = "scripts", description = "For analysis scripts: needs HTTP Basic or 'Authorization: Bearer <token>'; every role may read and export.")
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "token")
@APIResponse(responseCode = "401", description = "No or wrong credentials")
@APIResponse(responseCode = "429", description = "Too many failed logins for this username or address")
@APIResponse(responseCode = "403", description = "The experiment is not shared with the caller (not_shared)")
public class ResultsResource {

    @Inject
    ExperimentOverview experiments;
    @Inject
    Results results;

    /** How long the results route waits for a new analysis before it answers with the last one (as the results page). */
    static final Duration RESULTS_WAIT = Duration.ofSeconds(5);
    /** The paired tests are given once this many pairs have data in both conditions (as the results page). */
    static final int MIN_PAIRS = 2;

    /**
     * The results page's summary (docs/experimenter-api.md); numbers that are not defined (e.g. a d′ without repeats)
     * are null.
     *
     * @param updating             a newer analysis of the current runs is still being computed (this one is older)
     * @param computedAt           when the analysis shown was computed (null before the first one finished)
     * @param error                why there is no analysis (e.g. no completed run yet), else null
     * @param participantsAnalysed participants scored (completed runs)
     * @param participantsExcluded of those, excluded by the attention rule
     * @param runsNotCompleted     runs left out because they did not complete
     * @param conditions           per condition, as conditions.csv
     * @param headline             the paired high-vs-low tests, as headline.csv; empty until two pairs have data
     */
    @JsonbNillable
    public record ResultsAnswer(boolean updating, String computedAt, String error, int participantsAnalysed,
                                long participantsExcluded, long runsNotCompleted, List<ConditionResult> conditions,
                                List<HeadlineResult> headline) {
    }

    /** One condition: mean image HR, FAR, d′ and the mean per-participant d′ over {@code participants}. */
    @JsonbNillable
    public record ConditionResult(String condition, int images, Double meanHitRate, Double meanFalseAlarmRate,
                                  Double meanDprime, int participants, Double meanParticipantDprime) {
    }

    /** One headline measure: the pair means and the paired t-test and Wilcoxon signed-rank test (null when absent). */
    @JsonbNillable
    public record HeadlineResult(String measure, String first, String second, int pairs, Double meanFirst, Double meanSecond,
                                 Double meanDifference, Double ciLow, Double ciHigh, TestAnswer t, TestAnswer wilcoxon) {
    }

    /** A test as in tests.csv. */
    @JsonbNillable
    public record TestAnswer(String test, Double statistic, Double df, Double pValue, Double effectSize, String effectSizeKind,
                             int n, Double bf10) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The results page's summary: participants analysed and excluded, HR, FAR and d' per condition, the paired"
            + " high-vs-low tests (the analysis ./engram analyse makes of the export); 202 while the first analysis is computed")
    @APIResponse(responseCode = "200", description = "The latest analysis; 'updating' is true while a newer one is computed")
    @APIResponse(responseCode = "202", description = "No analysis yet; the first is being computed (ask again)")
    @APIResponse(responseCode = "404", description = "No such experiment")
    public Response results(@PathParam("slug") String slug) {
        Experiment e = experiments.find(slug); // ANALYST; 404, or 403 not_shared
        Results.Snapshot snapshot = results.current(e, RESULTS_WAIT);
        Results.Analysed a = snapshot.analysed();
        if (a == null) {
            return Response.accepted(new ResultsAnswer(true, null, null, 0, 0, 0, List.of(), List.of())).build();
        }
        boolean enoughPairs = a.headline().stream().anyMatch(r -> r.pairs() >= MIN_PAIRS);
        return Response.ok(new ResultsAnswer(snapshot.updating(), a.at().toString(), a.error(), a.participants().size(),
                a.excludedCount(), a.notCompletedCount(), a.conditions().stream().map(ResultsResource::condition).toList(),
                enoughPairs ? a.headline().stream().map(ResultsResource::headline).toList() : List.of())).build();
    }

    private static ConditionResult condition(GroupSummary g) {
        return new ConditionResult(g.group(), g.images(), finite(g.meanHitRate()), finite(g.meanFalseAlarmRate()),
                finite(g.meanDprime()), g.participants(), finite(g.meanParticipantDprime()));
    }

    private static HeadlineResult headline(Headline.Row r) {
        return new HeadlineResult(r.measure(), r.first(), r.second(), r.pairs(), finite(r.meanFirst()), finite(r.meanSecond()),
                finite(r.meanDifference()), finite(r.ciLow()), finite(r.ciHigh()), test(r.t()), test(r.wilcoxon()));
    }

    private static TestAnswer test(TestResult t) {
        return t == null ? null : new TestAnswer(t.test(), finite(t.statistic()), t.df() == null ? null : finite(t.df()),
                finite(t.pValue()), t.effectSize() == null ? null : finite(t.effectSize()), t.effectSizeKind(), t.n(),
                t.bf10() == null ? null : finite(t.bf10()));
    }

    /** JSON has no NaN or infinity: an undefined number is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
