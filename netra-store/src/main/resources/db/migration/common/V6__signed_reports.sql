-- A dosimetry report a physicist approved and signed: the exact PDF bytes (base64, so the same TEXT column works
-- on H2 and PostgreSQL), who signed it, in which role and when, and the dose figures it showed (JSON) so that an
-- amendment can say what changed. Rows are only ever inserted: the primary key refuses a second signature of the
-- same version, and the triggers of V7 (per database) refuse any UPDATE or DELETE.
CREATE TABLE signed_report (
    patient_id      VARCHAR(128) NOT NULL,
    cycle           INTEGER      NOT NULL,
    report_version  INTEGER      NOT NULL,
    signed_by       VARCHAR(128) NOT NULL,
    signer_name     VARCHAR(256) NOT NULL,
    signer_role     VARCHAR(64)  NOT NULL,
    signed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reason          VARCHAR(2000),
    figures         TEXT         NOT NULL,
    pdf_sha256      VARCHAR(64)  NOT NULL,
    pdf_base64      TEXT         NOT NULL,
    PRIMARY KEY (patient_id, cycle, report_version)
);
