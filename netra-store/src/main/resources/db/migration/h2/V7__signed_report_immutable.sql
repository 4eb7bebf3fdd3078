-- A signed report never changes: UPDATE and DELETE on it are refused by the database itself (an amendment is a
-- new version, a new row).
CREATE TRIGGER signed_report_no_update BEFORE UPDATE ON signed_report FOR EACH ROW CALL "org.netra.store.report.SignedReportImmutableTrigger";
CREATE TRIGGER signed_report_no_delete BEFORE DELETE ON signed_report FOR EACH ROW CALL "org.netra.store.report.SignedReportImmutableTrigger";
