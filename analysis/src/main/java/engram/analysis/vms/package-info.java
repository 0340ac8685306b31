/**
 * Visual-memory-schema maps: each image's G×G grid of box coverage on hits (true map) and false alarms (false map),
 * with exact rectangle geometry ({@link engram.analysis.vms.VmsMaps}, {@link engram.analysis.vms.RectangleUnion}).
 * Needs io and scores. Out of scope: drawing the maps (report) and their split-half consistency (consistency).
 */
package engram.analysis.vms;
