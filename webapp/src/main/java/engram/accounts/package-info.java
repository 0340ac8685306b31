/**
 * Accounts and roles (admin, experimenter, analyst) with PBKDF2 hashes, the first admin, form login with a rate
 * limit, personal API tokens and HTTP Basic/Bearer for the API. Requires the platform (database, client address,
 * error mapping). Out of scope: who may see which experiment ({@code engram.experiment}) and participants, who
 * have no account.
 */
package engram.accounts;
