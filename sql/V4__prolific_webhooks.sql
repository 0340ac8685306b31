-- engram schema, version 4: Prolific webhooks (submission status changes release the slot of a returned or timed-out run).
-- Runs unchanged on H2 2.x and PostgreSQL 13+.

-- The secret Prolific signs its webhook requests with (the workspace's hook secret); '' = webhooks off.
ALTER TABLE experiment ADD COLUMN prolific_webhook_secret VARCHAR(200) DEFAULT '' NOT NULL;

-- Every webhook event accepted once, keyed by Prolific's event id (X-Event-ID), so a redelivery or replay does nothing.
CREATE TABLE prolific_event (
    event_id      VARCHAR(100) PRIMARY KEY,
    experiment_id BIGINT       NOT NULL REFERENCES experiment (id),
    event_type    VARCHAR(100) NOT NULL,
    resource_id   VARCHAR(100) NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    outcome       VARCHAR(32)  NOT NULL,
    received_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- A submission's run is found by its Prolific submission id (SESSION_ID).
CREATE INDEX ix_run_session ON run (experiment_id, session_id);
