/**
 * The webapp's ground floor: the database (Hikari pool, Flyway, Hibernate with validate; the entity list comes from
 * the composition root through {@code EntityList}), configuration, health, error mapping and form errors
 * ({@code ClientError}, {@code FieldError}, {@code FieldErrors}), body limits, bounded log text, the pool's metrics,
 * the run-event log and the H2 backup. Requires only libraries and engram-core. Out of scope: features; it imports
 * none (WebappArchitectureTest).
 */
package engram.platform;
