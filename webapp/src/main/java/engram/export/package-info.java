/**
 * The export zip of an experiment (responses, boxes, participants, sequences, manifest, experiment.json, images),
 * streamed with JDBC cursors in constant memory, and the scripts' API at /api/experiments. Columns come from
 * engram-core's {@code ExportLayout}; {@code ReportExport} adds the analysis report (analysis/). Requires the
 * database, the runs (read only), the accounts (Basic or Bearer) and experiment access.
 * Out of scope: the analysis itself (analysis/ computes it, results shows it) and changing an experiment: it only
 * reads.
 */
package engram.export;
