import { DataSource } from "typeorm";
import { brusselsDayStart, STATUSES } from "../referrals/referral-flow.service";
import { CLOSED } from "../referrals/lifecycle";
import { ReferralStatus } from "../referrals/referral.entity";

/**
 * Care's indicator SQL: one aggregate statement per group of fields, whatever
 * the number of persons. `people` (residents of the report's site, from
 * housing) narrows person-based figures; null counts everyone and sends no
 * list of IDs.
 */

/** The closed statuses as SQL literals, as referral_open_due_idx's predicate spells them (the planner matches it). */
const CLOSED_SQL = CLOSED.map((status) => `'${status}'`).join(", ");

export interface ReferralFigures {
  /** Referrals made in the period, by their status at the end of `to`, in STATUSES order. */
  byStatus: number[];
  overdue: number;
}

/**
 * A referral is made when it is sent (its one transition into SENT: at
 * creation with consent, or a DRAFT sent later); a DRAFT never sent was
 * never made. Its status at the end of `to` is its last transition by then.
 * Overdue at the end of `to` is care's notion (lifecycle.isOverdue) on that
 * day: a referral sent by then, its due date before `to`, not COMPLETED,
 * DECLINED or CANCELLED by then, whenever it was made.
 */
export async function referralFigures(
  dataSource: DataSource,
  from: string,
  to: string,
  people: string[] | null,
): Promise<ReferralFigures> {
  // Made: the referrals sent in the period, each by its status at the end of `to` (its last transition by then,
  // index on (referral_id, id)). Overdue: counted apart, with no status looked up per referral. A closed referral
  // never reopens (lifecycle.NEXT), so one open at the end of `to` is open now, or was closed only after that;
  // with "sent by then", that is all. Looking up each due referral's status instead cost a second per report at
  // national scale (91,781 of 100,000 referrals due, two lookups each).
  const rows: { status: ReferralStatus | null; made: number; overdue: number }[] = await dataSource.query(
    `WITH bounds AS (
       SELECT ${brusselsDayStart("$1")} AS t0, ${brusselsDayStart("($2::date + 1)")} AS t1
     ), made AS (
       SELECT last.to_status AS status, count(*)::int AS made, 0 AS overdue
       FROM referral_transition s CROSS JOIN bounds b JOIN referral r ON r.id = s.referral_id
       CROSS JOIN LATERAL (
         SELECT t.to_status FROM referral_transition t WHERE t.referral_id = s.referral_id AND t.at < b.t1
         ORDER BY t.id DESC LIMIT 1
       ) last
       WHERE s.to_status = 'SENT' AND s.at >= b.t0 AND s.at < b.t1
         AND ($3::uuid[] IS NULL OR r.person_id = ANY($3::uuid[]))
       GROUP BY last.to_status
     ), overdue AS (
       -- Open now (referral_open_due_idx), or closed since the end of the period (one closing transition each).
       SELECT NULL::text AS status, 0 AS made, count(*)::int AS overdue
       FROM (
         SELECT r.id, r.person_id FROM referral r WHERE r.due_date < $2::date AND r.status NOT IN (${CLOSED_SQL})
         UNION ALL
         SELECT r.id, r.person_id FROM referral_transition c CROSS JOIN bounds b JOIN referral r ON r.id = c.referral_id
         WHERE c.to_status IN (${CLOSED_SQL}) AND c.at >= b.t1 AND r.due_date < $2::date
       ) due CROSS JOIN bounds b
       WHERE ($3::uuid[] IS NULL OR due.person_id = ANY($3::uuid[]))
         AND EXISTS (SELECT 1 FROM referral_transition t
                     WHERE t.referral_id = due.id AND t.to_status = 'SENT' AND t.at < b.t1)
     )
     SELECT * FROM made UNION ALL SELECT * FROM overdue`,
    [from, to, people],
  );
  return {
    byStatus: STATUSES.map((status) => rows.find((r) => r.status === status)?.made ?? 0),
    overdue: rows.reduce((n, r) => n + r.overdue, 0),
  };
}

export interface FeedbackFigures {
  received: number;
  closed: number;
  /** Median days from receipt to answer of those closed in the period; null when none. */
  medianDays: number | null;
}

/** Submissions received and answered in [from, to], at one site or all (feedback is about a site). */
export async function feedbackFigures(
  dataSource: DataSource,
  from: string,
  to: string,
  siteId: string | null,
): Promise<FeedbackFigures> {
  const [row]: { received: number; closed: number; median_days: string | number | null }[] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE received_on BETWEEN $1 AND $2)::int AS received,
            count(*) FILTER (WHERE responded_on BETWEEN $1 AND $2)::int AS closed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY responded_on - received_on)
              FILTER (WHERE responded_on BETWEEN $1 AND $2) AS median_days
     FROM feedback
     WHERE (received_on BETWEEN $1 AND $2 OR responded_on BETWEEN $1 AND $2)
       AND ($3::uuid IS NULL OR site_id = $3)`,
    [from, to, siteId],
  );
  return {
    received: row.received,
    closed: row.closed,
    medianDays: row.median_days === null ? null : Number(row.median_days),
  };
}

/** Distinct staff (organisation + normalised name, as trainedStaff counts them) trained on or before `to`. */
export async function trainedFigures(
  dataSource: DataSource,
  to: string,
  siteId: string | null,
): Promise<{ psea: number; mhpss: number }> {
  const person = `organisation || '|' || staff_key`;
  const [row] = await dataSource.query(
    `SELECT count(DISTINCT ${person}) FILTER (WHERE topic = 'PSEA')::int AS psea,
            count(DISTINCT ${person}) FILTER (WHERE topic = 'MHPSS_PFA')::int AS mhpss
     FROM training WHERE trained_on <= $1 AND ($2::uuid IS NULL OR site_id = $2)`,
    [to, siteId],
  );
  return { psea: row.psea, mhpss: row.mhpss };
}

/**
 * Feedback channels of each of these sites (0 for a site without any). Asked also for no sites, so that a
 * month without an operational centre costs the statements any other month does.
 */
export async function channelsPerSite(dataSource: DataSource, siteIds: string[]): Promise<number[]> {
  const rows: { site_id: string; n: number }[] = await dataSource.query(
    `SELECT site_id::text AS site_id, count(*)::int AS n FROM feedback_channel WHERE site_id = ANY($1::uuid[])
     GROUP BY site_id`,
    [siteIds],
  );
  return siteIds.map((id) => rows.find((r) => r.site_id === id)?.n ?? 0);
}
