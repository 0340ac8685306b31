/**
 * The results of study and test phases (issue #14): old/new d′, c and confidence-ROC AUC, old/similar/new LDI and REC,
 * 2AFC proportion correct, per condition, lure type and delay, with tests across them and the VMS maps of test trials
 * ({@link engram.analysis.recognition.Recognition}). Needs io, stats and vms. Out of scope: the continuous game's
 * scores (scores) and writing the files (report).
 */
package engram.analysis.recognition;
