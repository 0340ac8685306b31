-- Issue 9 (uploads): find the stimuli that use an image quickly, so that the images an unfinished import left behind
-- (no stimulus refers to them) can be found and deleted at start-up and after a failed import.
CREATE INDEX ix_stimulus_sha256 ON stimulus (sha256);
