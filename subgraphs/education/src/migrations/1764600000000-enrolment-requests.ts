import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Enrolment requests: the hand-over of a child to a school. A social worker, the
 * child's site coordinator or the city's education service names the school;
 * only then may that school's staff enrol (or assess) the child.
 */
export class EnrolmentRequests1764600000000 implements MigrationInterface {
  name = "EnrolmentRequests1764600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enrolment_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        school_id uuid NOT NULL REFERENCES school(id),
        programme text CHECK (programme IN ('KINDERGARTEN', 'PRIMARY', 'OKAN', 'SECONDARY')),
        requested_by text NOT NULL,
        requested_by_role text NOT NULL
          CHECK (requested_by_role IN ('SOCIAL_WORKER', 'SITE_COORDINATOR', 'CITY_EDUCATION_SERVICE')),
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'FULFILLED', 'WITHDRAWN')),
        note text CHECK (note IS NULL OR length(note) <= 500),
        enrolment_id uuid REFERENCES enrolment(id),
        closed_by text,
        closed_at timestamptz,
        CONSTRAINT enrolment_request_fulfilled_has_enrolment CHECK (status <> 'FULFILLED' OR enrolment_id IS NOT NULL),
        CONSTRAINT enrolment_request_closed_when_not_open CHECK ((status = 'OPEN') = (closed_at IS NULL))
      )`);
    // One open request per child and school: a second one is a CONFLICT, not a duplicate hand-over.
    await q.query(`
      CREATE UNIQUE INDEX enrolment_request_one_open
      ON enrolment_request (person_id, school_id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX enrolment_request_school_status_idx ON enrolment_request (school_id, status)`);
    await q.query(`CREATE INDEX enrolment_request_person_idx ON enrolment_request (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enrolment_request`);
  }
}
