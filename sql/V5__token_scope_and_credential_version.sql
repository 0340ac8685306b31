-- engram schema, version 5: API tokens get a scope and an optional expiry; accounts get a credential version that a
-- password reset or disabling raises, which ends the account's sessions on every instance.
-- Runs unchanged on H2 2.x and PostgreSQL 13+.

-- READ: read and export only; WRITE: everything the account's role allows. Tokens made before version 5 keep what they
-- could do (WRITE) and never expire.
ALTER TABLE api_token ADD COLUMN scope VARCHAR(10) DEFAULT 'WRITE' NOT NULL;
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE api_token ADD CONSTRAINT ck_api_token_scope CHECK (scope IN ('READ', 'WRITE'));

ALTER TABLE account ADD COLUMN credential_version INTEGER DEFAULT 0 NOT NULL;
