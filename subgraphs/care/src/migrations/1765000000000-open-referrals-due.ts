import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The referrals still open, by due date: the overdue indicator reads these (and those closed since the report's
 * end) instead of every referral ever due. Its predicate is spelled as the indicator's query spells it, so that
 * the planner uses it; a closed referral never reopens, so the index stays small as the years pass.
 */
export class OpenReferralsDue1765000000000 implements MigrationInterface {
  name = "OpenReferralsDue1765000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX referral_open_due_idx ON referral (due_date)
       WHERE status NOT IN ('COMPLETED', 'DECLINED', 'CANCELLED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX referral_open_due_idx`);
  }
}
