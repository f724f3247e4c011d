import { MigrationInterface, QueryRunner } from "typeorm";

export class ServicesReferrals1763900300000 implements MigrationInterface {
  name = "ServicesReferrals1763900300000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        organisation text NOT NULL,
        type text NOT NULL,
        languages text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        service_id uuid NOT NULL REFERENCES service(id),
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_person_idx ON referral (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral`);
    await q.query(`DROP TABLE service`);
  }
}
