import { MigrationInterface, QueryRunner } from "typeorm";

export class People1763900100000 implements MigrationInterface {
  name = "People1763900100000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        household_id uuid NOT NULL REFERENCES household(id),
        given_name text NOT NULL CHECK (btrim(given_name) <> ''),
        family_name text NOT NULL CHECK (btrim(family_name) <> ''),
        birth_date date,
        birth_year int CHECK (birth_year BETWEEN 1900 AND 2200),
        sex text NOT NULL CHECK (sex IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
        languages text[] NOT NULL DEFAULT '{}',
        certificate_number text CONSTRAINT person_certificate_number_key UNIQUE,
        certificate_valid_until date,
        phone text,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_household_idx ON person (household_id)`);
    await q.query(`CREATE INDEX person_registered_idx ON person (registered_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person`);
    await q.query(`DROP TABLE household`);
  }
}
