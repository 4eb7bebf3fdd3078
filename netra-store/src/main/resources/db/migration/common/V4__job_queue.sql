-- The background job queue (dosimetry jobs), shared by every node. A node claims a job for a lease it renews
-- while the job runs; a job whose lease ran out (its node was killed or restarted) is claimed again by any
-- node, so a job is resumed or, after too many attempts, failed with a reason: never silently gone.
-- Claiming is one UPDATE ... WHERE (state = 'QUEUED' OR lease ran out), the same SQL on H2 and PostgreSQL.
CREATE TABLE job_queue (
    id            VARCHAR(64)  PRIMARY KEY,
    kind          VARCHAR(32)  NOT NULL,
    params        VARCHAR      NOT NULL,
    owner_user    VARCHAR(128) NOT NULL,
    label         VARCHAR(512) NOT NULL,
    dose_method   VARCHAR(64)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    percent_done  INTEGER      NOT NULL,
    step          VARCHAR(512) NOT NULL,
    failure       VARCHAR      NOT NULL,
    submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts      INTEGER      NOT NULL,
    lease_owner   VARCHAR(128),
    lease_until   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX job_queue_state ON job_queue (state, submitted_at);
