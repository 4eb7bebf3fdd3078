-- A stamp per scope of records (one patient's records: 'patient/<id>'; every record of a kind: 'kind/<kind>'),
-- replaced by a new random value in the same transaction as every change of a record in that scope. A node
-- that keeps what it parsed checks the stamp (one primary-key read) and reads the records again only when it
-- moved, so a change committed on another node is seen by the next read on this one.
-- The same statements run on H2 and PostgreSQL.
CREATE TABLE change_stamp (
    scope  VARCHAR(256) PRIMARY KEY,
    stamp  BIGINT       NOT NULL
);
INSERT INTO change_stamp (scope, stamp)
    SELECT DISTINCT 'patient/' || patient_id, 0 FROM clinical_record WHERE patient_id IS NOT NULL;
INSERT INTO change_stamp (scope, stamp)
    SELECT DISTINCT 'kind/' || kind, 0 FROM clinical_record;
