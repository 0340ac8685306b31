/**
 * The participant side: the run page (/run/{slug}), the participant JSON API, consent, idempotent trial saves,
 * completion, least-filled counterbalancing capped by the target per sequence, attention checks and the Prolific
 * webhooks. Requires the experiment, its built sequences and how full they are ({@code engram.experiment}), the
 * protocol version a new run starts under ({@code engram.archive}), the stimuli it shows and the platform (database,
 * body limits, event log). Out of scope: anything the experimenter sees; this package never
 * imports {@code engram.workspace}, and the workspace never imports it (WebappArchitectureTest).
 */
package engram.run;
