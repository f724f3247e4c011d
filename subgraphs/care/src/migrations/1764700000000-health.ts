import { MigrationInterface, QueryRunner } from "typeorm";

const CONTACT_KINDS = `'CHECK_UP', 'FIRST_AID', 'VACCINATION', 'MEDICAL_INTAKE', 'MENTAL_HEALTH', 'OTHER'`;
const PLAN_STATUSES = `'ACTIVE', 'PAUSED', 'CLOSED'`;
const LEGAL_TOPICS = `'TEMPORARY_PROTECTION', 'RESIDENCE', 'EMPLOYMENT', 'FAMILY', 'HOUSING', 'OTHER'`;
const ORGANISATION = `'^[A-Z][A-Z0-9_]{1,59}$'`;

/** Health contacts, MHPSS support plans and legal sessions: the special-category part of care. */
export class Health1764700000000 implements MigrationInterface {
  name = "Health1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE care_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        site_id uuid NOT NULL,
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN (${CONTACT_KINDS})),
        outcome text NOT NULL CHECK (btrim(outcome) <> ''),
        recorded_by text NOT NULL,
        organisation text NOT NULL CHECK (organisation ~ ${ORGANISATION}),
        referral_id uuid REFERENCES referral(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX care_contact_person_idx ON care_contact (person_id, date DESC, created_at DESC)`);

    await q.query(`
      CREATE TABLE support_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE,
        organisation text NOT NULL CHECK (organisation ~ ${ORGANISATION}),
        goals text[] NOT NULL CHECK (cardinality(goals) > 0),
        status text NOT NULL CHECK (status IN (${PLAN_STATUSES})),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE TABLE support_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES support_plan(id),
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('INDIVIDUAL', 'GROUP')),
        attended boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX support_session_plan_idx ON support_session (plan_id, date, created_at)`);
    // The plan as it stood after each change, with who made it: never updated, only appended.
    await q.query(`
      CREATE TABLE support_plan_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES support_plan(id),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        by_subject text NOT NULL,
        by_organisation text NOT NULL,
        goals text[] NOT NULL,
        status text NOT NULL CHECK (status IN (${PLAN_STATUSES})),
        sessions_added integer NOT NULL CHECK (sessions_added >= 0)
      )`);
    await q.query(`CREATE INDEX support_plan_change_plan_idx ON support_plan_change (plan_id, id)`);

    await q.query(`
      CREATE TABLE legal_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        organisation text NOT NULL CHECK (organisation ~ ${ORGANISATION}),
        topic text NOT NULL CHECK (topic IN (${LEGAL_TOPICS})),
        date date NOT NULL,
        outcome text NOT NULL CHECK (btrim(outcome) <> ''),
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX legal_session_person_idx ON legal_session (person_id, date DESC)`);
    // Group sessions name nobody: attendees are counts by age band and sex only.
    await q.query(`
      CREATE TABLE group_legal_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        organisation text NOT NULL CHECK (organisation ~ ${ORGANISATION}),
        topic text NOT NULL CHECK (topic IN (${LEGAL_TOPICS})),
        date date NOT NULL,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX group_legal_session_date_idx ON group_legal_session (date DESC, id)`);
    await q.query(`
      CREATE TABLE group_legal_attendance (
        session_id uuid NOT NULL REFERENCES group_legal_session(id),
        age_band text NOT NULL CHECK (age_band IN ('AGE_0_4', 'AGE_5_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS')),
        sex text NOT NULL CHECK (sex IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (session_id, age_band, sex)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE group_legal_attendance`);
    await q.query(`DROP TABLE group_legal_session`);
    await q.query(`DROP TABLE legal_session`);
    await q.query(`DROP TABLE support_plan_change`);
    await q.query(`DROP TABLE support_session`);
    await q.query(`DROP TABLE support_plan`);
    await q.query(`DROP TABLE care_contact`);
  }
}
