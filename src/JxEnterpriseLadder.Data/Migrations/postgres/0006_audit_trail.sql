-- 0006 audit trail: every change to an enterprise, its dated records, a status or a parameter, appended with who, when,
-- what (before and after, as JSON) and why. Append-only: the app has no statement that updates or deletes a row, and
-- the database refuses one (the trigger below). No foreign key: the trail outlives what it describes.
-- Keep in step with the other dialect's file and data-dictionary/fields.json.
CREATE TABLE audit_trail (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    changed_at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    subject TEXT NOT NULL,
    credit_code TEXT NULL,
    subject_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'replace', 'confirm', 'reject', 'load')),
    before_value TEXT NULL,
    after_value TEXT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX ix_audit_trail_enterprise ON audit_trail(credit_code, id);
CREATE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_trail is append-only';
END;
$$;
CREATE TRIGGER audit_trail_no_update BEFORE UPDATE OR DELETE ON audit_trail FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();
