/**
 * An experiment's results inside engram (see {@code engram.results.control}): the analysis library on the
 * export's rows, attrition per sequence and one run's detail. Requires the export, analysis/ and the database.
 * Out of scope: the results page (workspace) and any change: it only reads.
 */
package engram.results;
