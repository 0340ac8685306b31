-- engram schema, version 8: balance by usable runs (issue 10).
-- Runs unchanged on H2 2.x and PostgreSQL 13+.

-- Whether completed runs that failed the attention checks count towards the target per sequence. Off by default:
-- a failed run releases its place, so every sequence fills up with the same number of usable participants.
ALTER TABLE experiment ADD COLUMN count_failed_runs BOOLEAN DEFAULT FALSE NOT NULL;
