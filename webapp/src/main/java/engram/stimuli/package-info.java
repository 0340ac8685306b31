/**
 * Stimulus sets: importing a set (zip upload or server folder, read with engram-core's manifest reader), images and
 * thumbnails served by content hash, and a set's filtered, paged images. Requires the database, the accounts
 * (who owns a set) and the audit log (imports are audited).
 * Out of scope: making stimuli (generator/) and choosing which a participant sees (experiment, run).
 */
package engram.stimuli;
