-- SPEC §10: audit entries are never edited. The database itself refuses UPDATE, DELETE and
-- TRUNCATE on the audit tables, whoever connects; archiving old rows needs the trigger dropped
-- deliberately by the database owner (docs/operations.md).
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER login_attempts_append_only BEFORE UPDATE OR DELETE ON login_attempts FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER login_attempts_no_truncate BEFORE TRUNCATE ON login_attempts FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
