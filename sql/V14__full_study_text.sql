-- engram schema, version 14: the text participants read when the study is full (issue 12).
-- Runs unchanged on H2 2.x and PostgreSQL 13+.

-- Markdown; empty means engram's built-in text (FullStudyText.DEFAULT_MARKDOWN), as for failed_check_md.
ALTER TABLE experiment ADD COLUMN full_md VARCHAR(100000) DEFAULT '' NOT NULL;
