-- engram schema, version 12: a measured viewing distance (the blind-spot test of the virtual chinrest, Li et al. 2020)
-- beside the experiment's own and the participant's stated one (issue 10, item 4). Runs unchanged on H2 2.x and
-- PostgreSQL 13+.

-- Where the viewing distance for sizes in degrees comes from: SET (viewing_distance_cm, for everyone), STATED (each
-- participant types theirs) or MEASURED (each participant's blind spot). Replaces V7's ask_viewing_distance flag.
ALTER TABLE experiment ADD COLUMN viewing_distance_source VARCHAR(16) DEFAULT 'SET' NOT NULL;
UPDATE experiment SET viewing_distance_source = 'STATED' WHERE ask_viewing_distance = TRUE;
ALTER TABLE experiment DROP COLUMN ask_viewing_distance;

-- Per run: where its viewing distance came from, and the blind-spot measurements (CSS px from the fixation square's
-- centre to the dot's centre at each press, in order, ';'-separated) when it was measured.
ALTER TABLE run ADD COLUMN viewing_distance_source VARCHAR(16);
ALTER TABLE run ADD COLUMN blind_spot_px VARCHAR(200);
