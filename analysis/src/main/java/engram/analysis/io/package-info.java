/**
 * Reads an export zip or its CSV files into a {@link engram.analysis.io.Study}: manifest, responses, boxes,
 * participants, sessions and experiment.json, each bad row refused with file, line and column
 * ({@link engram.analysis.io.StudyReader}). Needs engram-core's CSV reader and ExportLayout, and Jackson for
 * experiment.json. Out of scope: scoring and every computation on the data.
 */
package engram.analysis.io;
