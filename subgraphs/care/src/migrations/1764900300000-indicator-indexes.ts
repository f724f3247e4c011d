import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Indexes for the indicators, so that a month's report reads the rows of
 * that month (and the referrals already due) rather than the whole history:
 * referrals sent in a period and the weekly flow find their transitions by
 * time; overdue referrals by due date; the survey and answered feedback by day.
 */
export class IndicatorIndexes1764900300000 implements MigrationInterface {
  name = "IndicatorIndexes1764900300000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX referral_transition_status_at_idx ON referral_transition (to_status, at)`);
    await q.query(`CREATE INDEX referral_transition_at_idx ON referral_transition (at)`);
    await q.query(`CREATE INDEX referral_due_idx ON referral (due_date) WHERE due_date IS NOT NULL`);
    await q.query(`CREATE INDEX living_conditions_answered_idx ON living_conditions_survey (answered_on)`);
    await q.query(`CREATE INDEX feedback_responded_idx ON feedback (responded_on) WHERE responded_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX feedback_responded_idx`);
    await q.query(`DROP INDEX living_conditions_answered_idx`);
    await q.query(`DROP INDEX referral_due_idx`);
    await q.query(`DROP INDEX referral_transition_at_idx`);
    await q.query(`DROP INDEX referral_transition_status_at_idx`);
  }
}
