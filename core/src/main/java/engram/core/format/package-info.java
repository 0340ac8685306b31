/**
 * engram's file formats, one class each (docs/data-formats.md): the stimulus-set manifest ({@link
 * engram.core.format.ManifestRow}, {@link engram.core.format.ManifestReader} with every rule and problem,
 * {@link engram.core.format.ManifestWriter}), sequences.csv ({@link engram.core.format.Sequence},
 * {@link engram.core.format.Position}, {@link engram.core.format.Kind}, {@link engram.core.format.SequencesCsv}) and the
 * export's files and columns ({@link engram.core.format.ExportLayout}) and cells ({@link engram.core.format.ExportCsv}).
 * Needs engram.core.csv only. Out of scope: how a design is built (engram.core.design) and how files are stored or
 * served.
 */
package engram.core.format;
