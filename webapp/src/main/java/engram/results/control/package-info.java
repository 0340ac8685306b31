/**
 * An experiment's results inside engram: the analysis library (engram-analysis) run on exactly the rows the export
 * would give, cached per experiment until its runs change, plus the figures the analysis does not make (attrition by
 * sequence, one run's trials and boxes), read with aggregate SQL or for one run at a time so that a page never loads
 * every trial. Requires the export ({@code ExportWriter}) and the database. Out of scope: the page itself (the
 * workspace's boundary), and changing anything: every query here only reads.
 */
package engram.results.control;
