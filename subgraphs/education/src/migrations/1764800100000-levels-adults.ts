import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Level proposal on assessments (proposed level, Dutch yes/no, the
 * assessor's override and its reason), the days a child waited for school
 * (on the first enrolment only), and adults' Dutch courses and integration
 * programme (inburgering) with its history.
 */
export class LevelsAdults1764800100000 implements MigrationInterface {
  name = "LevelsAdults1764800100000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE education_assessment
        ADD COLUMN speaks_dutch boolean,
        ADD COLUMN proposed_level text CHECK (proposed_level IN ('KINDERGARTEN', 'PRIMARY', 'OKAN', 'SECONDARY')),
        ADD COLUMN override_reason text CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 500)`);
    // Days from registration to the first school day, on a child's first enrolment only (a derived fact).
    await q.query(`ALTER TABLE enrolment ADD COLUMN days_to_school int CHECK (days_to_school >= 0)`);
    await q.query(
      `CREATE INDEX enrolment_days_to_school_idx ON enrolment (start_date) WHERE days_to_school IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE dutch_course (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        level text NOT NULL CHECK (level IN ('A1', 'A2', 'B1', 'B2')),
        provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 120),
        start_date date NOT NULL,
        end_date date,
        status text NOT NULL CHECK (status IN ('PLANNED', 'ONGOING', 'COMPLETED', 'DROPPED')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT dutch_course_end_after_start CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX dutch_course_person_idx ON dutch_course (person_id)`);
    await q.query(`
      CREATE TABLE integration_programme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('REFERRED', 'STARTED', 'COMPLETED', 'EXEMPT')),
        status_date date NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE TABLE integration_programme_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES integration_programme(id),
        status text NOT NULL CHECK (status IN ('REFERRED', 'STARTED', 'COMPLETED', 'EXEMPT')),
        date date NOT NULL,
        note text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX integration_programme_event_idx ON integration_programme_event (programme_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integration_programme_event`);
    await q.query(`DROP TABLE integration_programme`);
    await q.query(`DROP TABLE dutch_course`);
    await q.query(`DROP INDEX enrolment_days_to_school_idx`);
    await q.query(`ALTER TABLE enrolment DROP COLUMN days_to_school`);
    await q.query(`
      ALTER TABLE education_assessment
        DROP COLUMN override_reason, DROP COLUMN proposed_level, DROP COLUMN speaks_dutch`);
  }
}
