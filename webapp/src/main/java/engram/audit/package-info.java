/**
 * The audit log: who changed what and when, per experiment. Requires the database and the current account.
 * Out of scope: deciding what is audited (the controls that make changes call it) and the run-event log
 * ({@code engram.platform.EventLog}).
 */
package engram.audit;
