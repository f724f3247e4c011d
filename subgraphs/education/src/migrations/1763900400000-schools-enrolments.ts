import { MigrationInterface, QueryRunner } from "typeorm";

export class SchoolsEnrolments1763900400000 implements MigrationInterface {
  name = "SchoolsEnrolments1763900400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        nis_code text NOT NULL,
        offers_okan boolean NOT NULL,
        okan_capacity int NOT NULL DEFAULT 0 CHECK (okan_capacity >= 0)
      )`);
    await q.query(`
      CREATE TABLE enrolment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        school_id uuid NOT NULL REFERENCES school(id),
        programme text NOT NULL CHECK (programme IN ('KINDERGARTEN', 'PRIMARY', 'OKAN', 'SECONDARY')),
        status text NOT NULL CHECK (status IN ('ENROLLED', 'WAITLISTED', 'LEFT')),
        start_date date,
        end_date date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX enrolment_person_idx ON enrolment (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enrolment`);
    await q.query(`DROP TABLE school`);
  }
}
