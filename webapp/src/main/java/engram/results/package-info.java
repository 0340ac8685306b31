/**
 * An experiment's results inside engram (see {@code engram.results.control}): the analysis library on the
 * export's rows, attrition per sequence and one run's detail, and the scripts' route for its summary
 * ({@code engram.results.boundary.ResultsResource}, GET /api/experiments/{slug}/results). Requires the export,
 * analysis/ and the database. Out of scope: the results page (workspace) and any change: it only reads.
 */
package engram.results;
