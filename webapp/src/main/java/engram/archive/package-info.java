/**
 * Study archives and protocol versions: an experiment's canonical protocol and its hash, one zip holding a whole
 * study, importing such a zip (all or nothing) as a new draft, and the protocol versions: frozen when an experiment
 * goes live or a live one changes ({@code ProtocolFreezer}, the experiment steps' {@code ProtocolFreeze}), and the one
 * each run starts under (docs/archive-format.md). Requires experiments, stimuli, engram-core's export cells, accounts,
 * the audit log and the database. Out of scope: the routes that serve an archive for download (the scripts' API, in the
 * workspace), the export zip for analysis ({@code engram.export}) and running a study.
 */
package engram.archive;
