import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The audit table every subgraph carries. Append-only is enforced by the
 * database (a trigger refuses UPDATE, DELETE and TRUNCATE), not by convention.
 */
export class AuditLog1763900000000 implements MigrationInterface {
  name = "AuditLog1763900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        subject text NOT NULL,
        organisation text NOT NULL,
        roles text[] NOT NULL,
        person_id uuid,
        category text NOT NULL,
        fields text[] NOT NULL,
        operation text NOT NULL,
        action text NOT NULL CHECK (action IN ('READ', 'WRITE')),
        purpose text,
        outcome text NOT NULL CHECK (outcome IN ('ALLOWED', 'REFUSED')),
        reason text,
        request_id text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_person_idx ON audit_log (person_id, at)`);
    await q.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject, at)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
