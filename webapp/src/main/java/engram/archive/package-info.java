/**
 * Study archives and protocol versions: an experiment's canonical protocol and its hash, one zip holding a whole
 * study, importing such a zip (all or nothing) as a new draft, and the protocol version each run was started under
 * (docs/archive-format.md). Requires experiments, stimuli, the export's CSV writing, accounts, the audit log and the
 * database. Out of scope: the export zip for analysis ({@code engram.export}) and running a study.
 */
package engram.archive;
