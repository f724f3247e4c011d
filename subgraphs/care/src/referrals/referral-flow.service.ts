import { suppressCount } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { WeeklyReferrals } from "./referral-flow.entity";
import { ReferralStatus } from "./referral.entity";

/** Statuses in the enum's (lifecycle) order: every series and report lists them all, in this order. */
export const STATUSES: ReferralStatus[] = Object.values(ReferralStatus);

/**
 * The first instant of a day in Brussels, as SQL: transitions are stamped
 * with the server's clock, and a partner's day is the Belgian calendar day.
 */
export const brusselsDayStart = (param: string) => `(${param}::date)::timestamp AT TIME ZONE 'Europe/Brussels'`;

/**
 * Per ISO week overlapping [from, to]: referrals made (entered SENT; a
 * referral is sent once) and, per status, the referrals that entered it,
 * counting only days inside [from, to]. One statement; `people` narrows it
 * to some persons (residents of the filtered sites), null counts everyone.
 */
export async function referralFlow(
  dataSource: DataSource,
  from: string,
  to: string,
  people: string[] | null,
): Promise<WeeklyReferrals[]> {
  const rows: Record<string, unknown>[] = await dataSource.query(
    `WITH weeks AS (
       SELECT generate_series(date_trunc('week', $1::date), date_trunc('week', $2::date), interval '1 week')::date
         AS week_start
     ), entered AS (
       SELECT t.to_status, (t.at AT TIME ZONE 'Europe/Brussels')::date AS day
       FROM referral_transition t JOIN referral r ON r.id = t.referral_id
       WHERE t.at >= ${brusselsDayStart("$1")} AND t.at < ${brusselsDayStart("($2::date + 1)")}
         AND ($3::uuid[] IS NULL OR r.person_id = ANY($3::uuid[]))
     )
     SELECT to_char(w.week_start, 'IYYY-"W"IW') AS iso_week, w.week_start::text AS week_start,
       ${STATUSES.map((_, i) => `count(e.day) FILTER (WHERE e.to_status = $${i + 4})::int AS s${i}`).join(",\n       ")}
     FROM weeks w LEFT JOIN entered e ON e.day >= w.week_start AND e.day < w.week_start + 7
     GROUP BY w.week_start ORDER BY w.week_start`,
    [from, to, people, ...STATUSES],
  );
  const sent = STATUSES.indexOf(ReferralStatus.SENT);
  return rows.map((r) => ({
    isoWeek: r.iso_week as string,
    weekStart: r.week_start as string,
    made: suppressCount(r[`s${sent}`] as number),
    // No total of these cells is shown (one referral may enter several statuses in a week), so each is
    // suppressed on its own: there is nothing to subtract a hidden cell from.
    byStatus: STATUSES.map((status, i) => ({ status, count: suppressCount(r[`s${i}`] as number) })),
  }));
}
