-- Issue 12: experiments have an owner and optional collaborators; thumbnails are cached per image content hash.
-- Runs unchanged on H2 2.x and PostgreSQL 13+.

-- The owner: whoever created the experiment. Experiments from before this migration go to the first admin account
-- (the lowest id with the ADMIN role); with no admin yet they stay without an owner, which only admins can see.
ALTER TABLE experiment ADD COLUMN owner_id BIGINT REFERENCES account (id);
UPDATE experiment SET owner_id = (SELECT MIN(a.id) FROM account a WHERE a.role = 'ADMIN');
CREATE INDEX ix_experiment_owner ON experiment (owner_id);

-- Collaborators see the experiment and, with the experimenter role, change it (as the owner may).
CREATE TABLE experiment_collaborator (
    experiment_id BIGINT NOT NULL REFERENCES experiment (id),
    account_id    BIGINT NOT NULL REFERENCES account (id),
    added_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (experiment_id, account_id)
);
CREATE INDEX ix_experiment_collaborator_account ON experiment_collaborator (account_id);

-- A thumbnail (JPEG, at most 256 px on its longer side) made once per image, on first request; it goes with its image.
CREATE TABLE image_thumbnail (
    sha256     VARCHAR(64) PRIMARY KEY REFERENCES image_blob (sha256) ON DELETE CASCADE,
    width      INTEGER     NOT NULL,
    height     INTEGER     NOT NULL,
    bytes      BYTEA       NOT NULL
);
