-- engram schema, version 7: what participants see (stimulus size, card calibration), the browser check with the
-- experimenter's device rules, the warm-up before the first onset, and the practice pass mark (issue 10, items 4 and 6).
-- Runs unchanged on H2 2.x and PostgreSQL 13+.

-- Stimulus size: NATURAL (the image's own size, shrunk to fit), PIXELS (CSS px), SCREEN_FRACTION (of the screen's
-- shorter side) or DEGREES (of visual angle, after card calibration). The size is the image's longer side.
ALTER TABLE experiment ADD COLUMN stimulus_size_mode VARCHAR(16) DEFAULT 'NATURAL' NOT NULL;
ALTER TABLE experiment ADD COLUMN stimulus_size DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE experiment ADD COLUMN viewing_distance_cm DOUBLE PRECISION DEFAULT 57 NOT NULL;
ALTER TABLE experiment ADD COLUMN ask_viewing_distance BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE experiment ADD COLUMN annotation_scale DOUBLE PRECISION DEFAULT 1 NOT NULL;
ALTER TABLE experiment ADD COLUMN warmup_frames INTEGER DEFAULT 30 NOT NULL;
-- Device rules (0 = no rule).
ALTER TABLE experiment ADD COLUMN min_refresh_hz DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE experiment ADD COLUMN min_window_width INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE experiment ADD COLUMN min_window_height INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE experiment ADD COLUMN allow_phones BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE experiment ADD COLUMN require_fullscreen BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE experiment ADD COLUMN code_no_device VARCHAR(64) DEFAULT '' NOT NULL;
-- Practice pass mark: the fraction of practice images answered correctly (0 = no pass mark), up to practice_repeats
-- repeats, then CONTINUE or END (with code_practice_failed).
ALTER TABLE experiment ADD COLUMN practice_pass_mark DOUBLE PRECISION DEFAULT 0 NOT NULL;
ALTER TABLE experiment ADD COLUMN practice_repeats INTEGER DEFAULT 2 NOT NULL;
ALTER TABLE experiment ADD COLUMN practice_fail_action VARCHAR(16) DEFAULT 'CONTINUE' NOT NULL;
ALTER TABLE experiment ADD COLUMN code_practice_failed VARCHAR(64) DEFAULT '' NOT NULL;
-- Existing experiments get codes of their own, taken from the random part of their public id (hex digits, uppercase).
UPDATE experiment SET code_no_device = UPPER(SUBSTRING(public_id FROM 29 FOR 8)),
    code_practice_failed = UPPER(SUBSTRING(public_id FROM 20 FOR 4) || SUBSTRING(public_id FROM 25 FOR 4));

-- What the browser check measured, the calibration, and the practice outcome of each run.
ALTER TABLE run ADD COLUMN user_agent VARCHAR(512);
ALTER TABLE run ADD COLUMN browser VARCHAR(64);
ALTER TABLE run ADD COLUMN os VARCHAR(64);
ALTER TABLE run ADD COLUMN screen_size VARCHAR(32);
ALTER TABLE run ADD COLUMN window_size VARCHAR(32);
ALTER TABLE run ADD COLUMN refresh_hz DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN dpr DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN touch BOOLEAN;
ALTER TABLE run ADD COLUMN device_rule VARCHAR(32);
ALTER TABLE run ADD COLUMN card_width_px DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN viewing_distance_cm DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN px_per_degree DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN stimulus_size_px DOUBLE PRECISION;
ALTER TABLE run ADD COLUMN practice_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE run ADD COLUMN practice_passed BOOLEAN;
