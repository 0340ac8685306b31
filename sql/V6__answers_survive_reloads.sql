-- Issue 10: answers survive a reload; the failed-attention-check text.
-- run.page_loads counts the page loads of a run (1 at the start, +1 on each resume); a trial stores the load it ran in.
ALTER TABLE run ADD COLUMN page_loads INTEGER DEFAULT 1 NOT NULL;
-- page_load: the run's page load the image was shown in (empty for trials stored before this column existed).
ALTER TABLE trial ADD COLUMN page_load INTEGER;
-- interrupted: where a reload cut the trial (display, isi or boxes); empty when it ran to its end.
ALTER TABLE trial ADD COLUMN interrupted VARCHAR(16);
-- extra_showings: how many more times than the design says the participant saw this image by this trial.
ALTER TABLE trial ADD COLUMN extra_showings INTEGER DEFAULT 0 NOT NULL;
-- The experimenter's text for a run that fails the attention check (Markdown; empty = the built-in default).
ALTER TABLE experiment ADD COLUMN failed_check_md VARCHAR(100000) DEFAULT '' NOT NULL;
