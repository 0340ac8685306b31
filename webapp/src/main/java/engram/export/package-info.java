/**
 * The export zip of an experiment (responses, boxes, participants, sequences, manifest, experiment.json, images),
 * streamed with JDBC cursors in constant memory, and a page of its runs for scripts ({@code RunSummaries}). Columns
 * come from engram-core's {@code ExportLayout} and cells from its {@code ExportCsv}; {@code ReportExport} adds the
 * analysis report (analysis/). Requires the database, the experiments, the runs (read only) and the stimuli.
 * Out of scope: the routes that serve it (the scripts' API and the download are the workspace's), the analysis itself
 * (analysis/ computes it, results shows it) and changing an experiment: it only reads.
 */
package engram.export;
