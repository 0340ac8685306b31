/**
 * Writes an analysis' outputs: the CSV files, the vms/ and recognition/ folders and the self-contained HTML report
 * (SVG plots, heatmaps as PNG data), all or nothing ({@link engram.analysis.report.OutputWriter}). Needs the results
 * of the other packages and engram-core's CSV writer. Out of scope: computing anything the results do not hold.
 */
package engram.analysis.report;
