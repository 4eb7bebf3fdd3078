-- The audit trail can only grow: UPDATE and DELETE on it are refused by the database itself.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW CALL "org.netra.store.audit.AppendOnlyTrigger";
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW CALL "org.netra.store.audit.AppendOnlyTrigger";
