import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Site assignments: the city (housing coordinator) or the OCMW (social worker)
 * hands a household over to a site before its coordinator may place it. The
 * members named at assignment are the site coordinator's "own" until the
 * household is placed or the assignment withdrawn.
 */
export class SiteAssignments1763900200004 implements MigrationInterface {
  name = "SiteAssignments1763900200004";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE site_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL,
        site_id uuid NOT NULL REFERENCES site(id),
        person_ids uuid[] NOT NULL CHECK (cardinality(person_ids) > 0),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PLACED', 'WITHDRAWN')),
        note text CHECK (note IS NULL OR length(note) <= 500),
        assigned_by text NOT NULL,
        assigned_by_role text NOT NULL CHECK (assigned_by_role IN ('HOUSING_COORDINATOR', 'SOCIAL_WORKER')),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        closed_by text,
        CHECK ((status = 'OPEN') = (closed_at IS NULL))
      )`);
    // One open hand-over per household: a second one must withdraw the first.
    await q.query(
      `CREATE UNIQUE INDEX site_assignment_one_open ON site_assignment (household_id) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX site_assignment_open_by_site ON site_assignment (site_id) WHERE status = 'OPEN'`);
    await q.query(
      `CREATE INDEX site_assignment_people ON site_assignment USING gin (person_ids) WHERE status = 'OPEN'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE site_assignment`);
  }
}
