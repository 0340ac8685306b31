/**
 * The composition root, the webapp's top floor: start-up (database, first admin, demo experiment), the REST
 * application (/api and its OpenAPI definition), the entity list Hibernate maps ({@code Entities}, handed to the
 * platform as its {@code EntityList} service) and the admin endpoints. Requires every feature and the platform.
 * Out of scope: anything a feature can do itself; no feature imports this package.
 */
package engram.app;
