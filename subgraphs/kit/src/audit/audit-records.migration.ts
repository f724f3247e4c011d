import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Key of the transaction-level advisory lock the chain trigger takes: inserts
 * into audit_log are chained one after the other, so two concurrent requests
 * never link to the same previous record.
 */
export const AUDIT_CHAIN_LOCK_KEY = 7513_0001;

/**
 * The text a record's hash covers, in the column order of the design (see
 * auditRowHash for the same formula in Node). One function, used by the chain
 * trigger and by the conversion below, so the two cannot drift apart.
 */
const CANONICAL_FUNCTION = `
  CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT concat_ws(E'\\x1f', r.id, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      r.request_id, r.subject, r.organisation, array_to_string(r.roles, ','), coalesce(r.on_behalf_of, ''),
      coalesce(r.purpose, ''), r.operation, array_to_string(r.person_ids, ','), r.entries::text, r.refused::text)
  $$`;

/**
 * Replaces the one-row-per-person-and-category audit_log (1.6 million rows for
 * a benchmark against 1,015 people) by one compact record per request (or per
 * write transaction), hash-chained in insertion order. Existing lines become
 * one record per request ID, in their old order; `down` expands the records
 * into the old lines again.
 */
export class AuditRecords1764950000000 implements MigrationInterface {
  name = "AuditRecords1764950000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log RENAME TO audit_log_lines`);
    await q.query(`ALTER SEQUENCE audit_log_id_seq RENAME TO audit_log_lines_id_seq`);
    await q.query(`ALTER INDEX audit_log_pkey RENAME TO audit_log_lines_pkey`);
    await q.query(`DROP INDEX audit_log_person_idx`);
    await q.query(`DROP INDEX audit_log_subject_idx`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        request_id text NOT NULL,
        subject text NOT NULL,
        organisation text NOT NULL,
        roles text[] NOT NULL,
        on_behalf_of text,
        purpose text,
        operation text NOT NULL,
        person_ids uuid[] NOT NULL,
        entries jsonb NOT NULL,
        refused boolean NOT NULL,
        prev_hash bytea NOT NULL,
        hash bytea NOT NULL
      )`);
    await q.query(`CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id`);
    await q.query(CANONICAL_FUNCTION);
    await this.convertLines(q);
    await q.query(`DROP TABLE audit_log_lines`);

    await q.query(`CREATE INDEX audit_log_person_ids_idx ON audit_log USING gin (person_ids)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at)`);
    await q.query(`CREATE INDEX audit_log_subject_at_idx ON audit_log (subject, at)`);
    await q.query(`CREATE INDEX audit_log_organisation_at_idx ON audit_log (organisation, at)`);
    await q.query(`CREATE INDEX audit_log_purpose_at_idx ON audit_log (purpose, at)`);
    await q.query(`CREATE INDEX audit_log_refused_at_idx ON audit_log (at) WHERE refused`);

    // The database, not the application, numbers, dates and chains each record: a client cannot pick its place.
    await q.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_hash bytea;
      BEGIN
        PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY});
        SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
        NEW.id := nextval('audit_log_id_seq');
        NEW.at := clock_timestamp();
        NEW.prev_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
        NEW.hash := sha256(NEW.prev_hash || convert_to(audit_log_canonical(NEW), 'UTF8'));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  /** One record per old request ID, in the order of its first line; then the chain over them, in id order. */
  private async convertLines(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH lines AS (
        SELECT l.*, array_to_string(ARRAY(SELECT unnest(l.fields) ORDER BY 1), E'\\x1e') AS field_key
        FROM audit_log_lines l
      ),
      requests AS (
        SELECT request_id, min(id) AS first_id, min(at) AS at,
               coalesce(array_agg(DISTINCT person_id ORDER BY person_id) FILTER (WHERE person_id IS NOT NULL),
                        '{}') AS person_ids,
               string_agg(DISTINCT operation, ' ') AS operation,
               bool_or(outcome = 'REFUSED') AS refused
        FROM lines GROUP BY request_id
      ),
      entries AS (
        SELECT l.request_id, min(l.id) AS first_id,
               jsonb_strip_nulls(jsonb_build_object(
                 'c', l.category,
                 'f', to_jsonb(CASE WHEN l.field_key = '' THEN '{}'::text[]
                                    ELSE string_to_array(l.field_key, E'\\x1e') END),
                 'a', CASE l.action WHEN 'READ' THEN 'R' ELSE 'W' END,
                 'o', CASE l.outcome WHEN 'ALLOWED' THEN 'A' ELSE 'R' END,
                 'r', l.reason,
                 'p', CASE WHEN bool_and(l.person_id IS NULL) THEN NULL
                           ELSE to_jsonb(array_agg(DISTINCT array_position(r.person_ids, l.person_id) - 1)) END
               )) AS entry
        FROM lines l JOIN requests r USING (request_id)
        GROUP BY l.request_id, l.category, l.field_key, l.action, l.outcome, l.reason, (l.person_id IS NULL)
      ),
      request_entries AS (
        SELECT request_id, jsonb_agg(entry ORDER BY first_id) AS entries FROM entries GROUP BY request_id
      )
      INSERT INTO audit_log (id, at, request_id, subject, organisation, roles, purpose, operation,
                             person_ids, entries, refused, prev_hash, hash)
      SELECT nextval('audit_log_id_seq'), r.at, r.request_id, f.subject, f.organisation, f.roles, f.purpose,
             r.operation, r.person_ids, e.entries, r.refused, '\\x'::bytea, '\\x'::bytea
      FROM requests r
      JOIN request_entries e USING (request_id)
      JOIN audit_log_lines f ON f.id = r.first_id
      ORDER BY r.first_id`);
    await q.query(`
      DO $$
      DECLARE
        previous bytea := decode(repeat('00', 32), 'hex');
        rec audit_log;
      BEGIN
        FOR rec IN SELECT * FROM audit_log ORDER BY id LOOP
          rec.prev_hash := previous;
          previous := sha256(previous || convert_to(audit_log_canonical(rec), 'UTF8'));
          UPDATE audit_log SET prev_hash = rec.prev_hash, hash = previous WHERE id = rec.id;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log RENAME TO audit_log_records`);
    await q.query(`ALTER SEQUENCE audit_log_id_seq RENAME TO audit_log_records_id_seq`);
    await q.query(`ALTER INDEX audit_log_pkey RENAME TO audit_log_records_pkey`);
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
    await q.query(`
      INSERT INTO audit_log (at, subject, organisation, roles, person_id, category, fields, operation, action,
                             purpose, outcome, reason, request_id)
      SELECT r.at, r.subject, r.organisation, r.roles,
             CASE WHEN p.i IS NULL THEN NULL ELSE r.person_ids[p.i + 1] END,
             e.value->>'c', ARRAY(SELECT jsonb_array_elements_text(e.value->'f')), r.operation,
             CASE e.value->>'a' WHEN 'R' THEN 'READ' ELSE 'WRITE' END, r.purpose,
             CASE e.value->>'o' WHEN 'A' THEN 'ALLOWED' ELSE 'REFUSED' END, e.value->>'r', r.request_id
      FROM audit_log_records r
      CROSS JOIN LATERAL jsonb_array_elements(r.entries) WITH ORDINALITY AS e(value, n)
      LEFT JOIN LATERAL (SELECT x::int AS i, k FROM jsonb_array_elements_text(e.value->'p') WITH ORDINALITY AS t(x, k)) p
        ON true
      ORDER BY r.id, e.n, p.k`);
    // The canonical function takes the records' row type, which is now audit_log_records.
    await q.query(`DROP FUNCTION audit_log_canonical(audit_log_records)`);
    await q.query(`DROP TABLE audit_log_records`);
    await q.query(`DROP FUNCTION audit_log_chain()`);
    await q.query(`CREATE INDEX audit_log_person_idx ON audit_log (person_id, at)`);
    await q.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject, at)`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }
}
