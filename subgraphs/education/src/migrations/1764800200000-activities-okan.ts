import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Activities at the sites (attendance counted by age band and sex, no names),
 * and the database's own guarantee that an OKAN class is never over capacity:
 * `school.okan_enrolled` is kept by a trigger on every enrolment change and
 * checked against `okan_capacity`. The school-row lock in code orders the
 * waiting list; this check holds even for a write that forgets the lock.
 */
export class ActivitiesOkan1764800200000 implements MigrationInterface {
  name = "ActivitiesOkan1764800200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL,
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SPORT', 'GAMES', 'CULTURE', 'ART', 'LANGUAGE_CAFE', 'OTHER')),
        title text CHECK (title IS NULL OR (btrim(title) <> '' AND length(title) <= 200)),
        organiser text NOT NULL CHECK (btrim(organiser) <> '' AND length(organiser) <= 200),
        school_id uuid REFERENCES school(id),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX activity_site_date_idx ON activity (site_id, date DESC, id)`);
    await q.query(`CREATE INDEX activity_date_idx ON activity (date DESC, id)`);
    // One row per age band and sex: counts only, never who came.
    await q.query(`
      CREATE TABLE activity_attendance (
        activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
        age_band text NOT NULL CHECK (age_band IN ('AGE_0_4', 'AGE_5_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS')),
        sex text NOT NULL CHECK (sex IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
        count int NOT NULL CHECK (count >= 0),
        PRIMARY KEY (activity_id, age_band, sex)
      )`);

    await q.query(`ALTER TABLE school ADD COLUMN okan_enrolled int NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE school s SET okan_enrolled = (
        SELECT count(*) FROM enrolment e WHERE e.school_id = s.id AND e.programme = 'OKAN' AND e.status = 'ENROLLED')`);
    await q.query(`
      ALTER TABLE school ADD CONSTRAINT school_okan_within_capacity
        CHECK (okan_enrolled >= 0 AND okan_enrolled <= okan_capacity)`);
    // Row-level, in the writing transaction: the counter moves with the enrolment, or neither does.
    await q.query(`
      CREATE FUNCTION enrolment_count_okan() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.programme = 'OKAN' AND OLD.status = 'ENROLLED' THEN
          UPDATE school SET okan_enrolled = okan_enrolled - 1 WHERE id = OLD.school_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.programme = 'OKAN' AND NEW.status = 'ENROLLED' THEN
          UPDATE school SET okan_enrolled = okan_enrolled + 1 WHERE id = NEW.school_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER enrolment_count_okan AFTER INSERT OR UPDATE OF status, programme, school_id OR DELETE
      ON enrolment FOR EACH ROW EXECUTE FUNCTION enrolment_count_okan()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER enrolment_count_okan ON enrolment`);
    await q.query(`DROP FUNCTION enrolment_count_okan()`);
    await q.query(`ALTER TABLE school DROP CONSTRAINT school_okan_within_capacity`);
    await q.query(`ALTER TABLE school DROP COLUMN okan_enrolled`);
    await q.query(`DROP TABLE activity_attendance`);
    await q.query(`DROP TABLE activity`);
  }
}
