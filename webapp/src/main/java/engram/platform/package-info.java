/**
 * The webapp's ground floor: the database (Hikari pool, Flyway, Hibernate with validate), configuration, health,
 * error mapping, body limits, bounded log text, metrics, the run-event log and the admin backup. Requires only
 * libraries and engram-core. Out of scope: features; it should import none, and the imports it still has (the
 * entity list, start-up, the admin check, run metrics) are frozen in WebappArchitectureTest until a composition root
 * above the features takes them.
 */
package engram.platform;
