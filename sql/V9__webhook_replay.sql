-- engram schema, version 9: Prolific webhook events are also kept by a digest of what Prolific signs (timestamp + body),
-- so a captured request re-sent with a fresh X-Event-ID (which Prolific does not sign) is recognised as a replay.
-- Runs unchanged on H2 2.x and PostgreSQL 13+. Events stored before V9 have no digest (NULL; unique ignores NULLs).
ALTER TABLE prolific_event ADD COLUMN signed_digest VARCHAR(64);
CREATE UNIQUE INDEX uq_prolific_event_signed ON prolific_event (signed_digest);
