import { MigrationInterface, QueryRunner } from "typeorm";

const TYPES = `'HEALTH', 'MENTAL_HEALTH', 'LEGAL', 'EMPLOYMENT', 'INTEGRATION', 'HOUSING', 'PROTECTION', 'EDUCATION'`;
const STATUSES = `'DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'`;

export class ServicesReferrals1763900300000 implements MigrationInterface {
  name = "ServicesReferrals1763900300000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        organisation text NOT NULL CHECK (organisation ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        organisation_name text,
        type text NOT NULL CHECK (type IN (${TYPES})),
        languages text[] NOT NULL DEFAULT '{}',
        contact text NOT NULL,
        opening_hours text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX service_organisation_name_key ON service (organisation, lower(name))`);
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        service_id uuid NOT NULL REFERENCES service(id),
        reason text NOT NULL CHECK (reason IN (${TYPES})),
        priority text NOT NULL CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
        consent boolean NOT NULL,
        due_date date,
        note text,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        referred_by text NOT NULL,
        referring_organisation text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT referral_sent_needs_consent CHECK (status IN ('DRAFT', 'CANCELLED') OR consent)
      )`);
    await q.query(`CREATE INDEX referral_person_idx ON referral (person_id)`);
    await q.query(`CREATE INDEX referral_service_idx ON referral (service_id)`);
    await q.query(`CREATE INDEX referral_created_idx ON referral (created_at DESC, id)`);
    // Every status a referral went through, with who and when: never updated, only appended.
    await q.query(`
      CREATE TABLE referral_transition (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referral(id),
        from_status text CHECK (from_status IN (${STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        by_subject text NOT NULL,
        by_organisation text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX referral_transition_referral_idx ON referral_transition (referral_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral_transition`);
    await q.query(`DROP TABLE referral`);
    await q.query(`DROP TABLE service`);
  }
}
