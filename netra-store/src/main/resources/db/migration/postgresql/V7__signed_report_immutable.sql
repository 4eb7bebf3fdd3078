-- A signed report never changes: UPDATE and DELETE on it are refused by the database itself (an amendment is a
-- new version, a new row).
CREATE FUNCTION netra_signed_report_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a signed report cannot be changed (% refused); sign an amended version instead', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER signed_report_immutable
    BEFORE UPDATE OR DELETE ON signed_report
    FOR EACH ROW EXECUTE FUNCTION netra_signed_report_immutable();
