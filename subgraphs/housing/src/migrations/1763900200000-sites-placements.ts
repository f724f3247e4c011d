import { MigrationInterface, QueryRunner } from "typeorm";

export class SitesPlacements1763900200000 implements MigrationInterface {
  name = "SitesPlacements1763900200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RECEPTION_CENTRE', 'COLLECTIVE_HOUSING', 'EMERGENCY_VILLAGE', 'HOST_FAMILY', 'SOCIAL_HOUSING')),
        operator text NOT NULL,
        nis_code text NOT NULL,
        address text NOT NULL,
        sustainable boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE placement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        household_id uuid NOT NULL,
        site_id uuid NOT NULL REFERENCES site(id),
        move_in_date date NOT NULL,
        move_out_date date,
        CHECK (move_out_date IS NULL OR move_out_date >= move_in_date)
      )`);
    await q.query(`CREATE INDEX placement_person_idx ON placement (person_id)`);
    await q.query(`CREATE INDEX placement_site_idx ON placement (site_id) WHERE move_out_date IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE placement`);
    await q.query(`DROP TABLE site`);
  }
}
