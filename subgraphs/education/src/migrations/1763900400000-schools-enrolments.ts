import { MigrationInterface, QueryRunner } from "typeorm";

export class SchoolsEnrolments1763900400000 implements MigrationInterface {
  name = "SchoolsEnrolments1763900400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        nis_code text NOT NULL CHECK (nis_code ~ '^[0-9]{5}$'),
        offers_okan boolean NOT NULL,
        okan_capacity int NOT NULL DEFAULT 0 CHECK (okan_capacity >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT school_okan_capacity_only_with_okan CHECK (offers_okan OR okan_capacity = 0)
      )`);
    await q.query(`CREATE INDEX school_nis_code_idx ON school (nis_code)`);
    // seq is taken while the school row is locked, so it is the first-come-first-served order of the waiting list.
    await q.query(`
      CREATE TABLE enrolment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        person_id uuid NOT NULL,
        school_id uuid NOT NULL REFERENCES school(id),
        programme text NOT NULL CHECK (programme IN ('KINDERGARTEN', 'PRIMARY', 'OKAN', 'SECONDARY')),
        status text NOT NULL CHECK (status IN ('ENROLLED', 'WAITLISTED', 'LEFT')),
        start_date date NOT NULL,
        end_date date,
        enrolled_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT enrolment_no_end_while_enrolled CHECK (end_date IS NULL OR status <> 'ENROLLED'),
        CONSTRAINT enrolment_waitlist_only_okan CHECK (status <> 'WAITLISTED' OR programme = 'OKAN')
      )`);
    await q.query(`CREATE INDEX enrolment_person_idx ON enrolment (person_id)`);
    await q.query(`CREATE INDEX enrolment_school_status_idx ON enrolment (school_id, status, seq)`);
    // A child is enrolled in (or waiting for) one school at a time.
    await q.query(`
      CREATE UNIQUE INDEX enrolment_one_active_per_person
      ON enrolment (person_id) WHERE status IN ('ENROLLED', 'WAITLISTED')`);
    await q.query(`
      CREATE TABLE education_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        prior_schooling_years int NOT NULL CHECK (prior_schooling_years BETWEEN 0 AND 15),
        last_grade text,
        languages text[] NOT NULL DEFAULT '{}',
        recommended_level text NOT NULL CHECK (recommended_level IN ('KINDERGARTEN', 'PRIMARY', 'OKAN', 'SECONDARY')),
        date date NOT NULL,
        school_id uuid REFERENCES school(id),
        assessed_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX education_assessment_person_idx ON education_assessment (person_id, date DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE education_assessment`);
    await q.query(`DROP TABLE enrolment`);
    await q.query(`DROP TABLE school`);
  }
}
