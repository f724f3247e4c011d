import { MigrationInterface, QueryRunner } from "typeorm";

const INCIDENT_TYPES = `'GBV', 'TRAFFICKING', 'VIOLENCE', 'THEFT', 'HEALTH_EMERGENCY', 'CONFLICT_BETWEEN_RESIDENTS', 'OTHER'`;
const INCIDENT_STATUSES = `'OPEN', 'IN_FOLLOW_UP', 'CLOSED'`;

/** Protection incidents with follow-up actions and history, staff trainings, and the living-conditions survey. */
export class ProtectionTrainingSurvey1764700100000 implements MigrationInterface {
  name = "ProtectionTrainingSurvey1764700100000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        occurred_on date NOT NULL,
        type text NOT NULL CHECK (type IN (${INCIDENT_TYPES})),
        severity text NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        summary text NOT NULL CHECK (btrim(summary) <> ''),
        person_ids uuid[] NOT NULL DEFAULT '{}',
        organisations text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN (${INCIDENT_STATUSES})),
        reported_by text NOT NULL,
        reporting_organisation text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX incident_site_idx ON incident (site_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX incident_created_idx ON incident (created_at DESC, id)`);
    await q.query(`CREATE INDEX incident_organisations_idx ON incident USING gin (organisations)`);
    await q.query(`CREATE INDEX incident_people_idx ON incident USING gin (person_ids)`);
    // Every status an incident went through, with who and when: never updated, only appended.
    await q.query(`
      CREATE TABLE incident_transition (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident(id),
        from_status text CHECK (from_status IN (${INCIDENT_STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${INCIDENT_STATUSES})),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        by_subject text NOT NULL,
        by_organisation text NOT NULL,
        note text
      )`);
    await q.query(`CREATE INDEX incident_transition_incident_idx ON incident_transition (incident_id, id)`);
    await q.query(`
      CREATE TABLE incident_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES incident(id),
        description text NOT NULL CHECK (btrim(description) <> ''),
        due_date date NOT NULL,
        done_on date,
        added_by text NOT NULL,
        added_by_organisation text NOT NULL,
        done_by text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT incident_action_done_by CHECK ((done_on IS NULL) = (done_by IS NULL))
      )`);
    await q.query(`CREATE INDEX incident_action_incident_idx ON incident_action (incident_id, created_at, id)`);
    await q.query(`
      CREATE TABLE training (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_name text NOT NULL CHECK (btrim(staff_name) <> ''),
        staff_key text NOT NULL,
        organisation text NOT NULL CHECK (organisation ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        topic text NOT NULL CHECK (topic IN ('PSEA', 'MHPSS_PFA')),
        trained_on date NOT NULL,
        site_id uuid NOT NULL,
        recorded_by text NOT NULL,
        recorded_by_organisation text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // The same session entered twice is one training; a refresher on another day is another.
    await q.query(
      `CREATE UNIQUE INDEX training_once_key ON training (organisation, staff_key, topic, trained_on, site_id)`,
    );
    await q.query(`CREATE INDEX training_topic_site_idx ON training (topic, site_id)`);
    await q.query(`
      CREATE TABLE living_conditions_survey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        site_id uuid NOT NULL,
        answered_on date NOT NULL,
        answer text NOT NULL CHECK (answer IN ('IMPROVED', 'NOT_IMPROVED', 'NO_ANSWER')),
        recorded_by text NOT NULL,
        recorded_by_organisation text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT living_conditions_once_a_day UNIQUE (person_id, answered_on)
      )`);
    await q.query(`CREATE INDEX living_conditions_site_idx ON living_conditions_survey (site_id, answered_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE living_conditions_survey`);
    await q.query(`DROP TABLE training`);
    await q.query(`DROP TABLE incident_action`);
    await q.query(`DROP TABLE incident_transition`);
    await q.query(`DROP TABLE incident`);
  }
}
