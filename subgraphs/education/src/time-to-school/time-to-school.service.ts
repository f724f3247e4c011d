import { suppressCount, suppressCounts, suppressStatistic } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { TimeToSchool } from "./time-to-school.types";

/** The bands of days waited, inclusive. */
export const TIME_TO_SCHOOL_BANDS: readonly { label: string; from: number; to: number }[] = [
  { label: "0-7", from: 0, to: 7 },
  { label: "8-14", from: 8, to: 14 },
  { label: "15-30", from: 15, to: 30 },
  { label: "over 30", from: 31, to: Number.POSITIVE_INFINITY },
];

/** The median of sorted numbers (the mean of the two middle ones for an even count); null for none. */
export function median(sorted: readonly number[]): number | null {
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Days waited by the children whose first school day fell in [from, to] and
 * who got a place (a waiting-list entry counts once promoted, with the days
 * to its moved first day; one left without a place never counts); `among`, when given, keeps only some of them (a
 * site's arrivals, asked of housing).
 */
export async function timeToSchool(
  dataSource: DataSource,
  from: string,
  to: string,
  among: ((personIds: string[]) => Promise<string[]>) | null,
): Promise<TimeToSchool> {
  let rows: { person_id: string; days: number }[] = await dataSource.query(
    `SELECT person_id, days_to_school AS days FROM enrolment
     WHERE days_to_school IS NOT NULL AND enrolled_at IS NOT NULL AND start_date BETWEEN $1 AND $2
     ORDER BY days_to_school`,
    [from, to],
  );
  if (among) {
    const kept = new Set(await among(rows.map((r) => r.person_id)));
    rows = rows.filter((r) => kept.has(r.person_id));
  }
  const days = rows.map((r) => Number(r.days));
  const counts = TIME_TO_SCHOOL_BANDS.map((b) => days.filter((d) => d >= b.from && d <= b.to).length);
  const cells = suppressCounts(counts);
  const mid = suppressStatistic(median(days), days.length);
  return {
    children: suppressCount(days.length),
    median: mid.value,
    medianSuppressed: mid.suppressed,
    buckets: TIME_TO_SCHOOL_BANDS.map((b, i) => ({
      label: b.label,
      count: cells[i].value,
      suppressed: cells[i].suppressed,
    })),
  };
}

/**
 * Per calendar month of [from, to] (every month listed): the children whose
 * first school day with a place fell in it (and in the period), and the
 * median of their days to school; `among` (a site filter's residents) or
 * everyone. One aggregate.
 */
export async function timeToSchoolByMonth(
  dataSource: DataSource,
  from: string,
  to: string,
  among: string[] | null,
): Promise<{ month: string; children: number; median: number | null }[]> {
  return dataSource.query(
    `WITH months AS (
       SELECT generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month')::date AS m
     )
     SELECT to_char(months.m, 'YYYY-MM') AS month, count(e.id)::int AS children,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY e.days_to_school)::float AS median
     FROM months
     LEFT JOIN enrolment e ON e.days_to_school IS NOT NULL AND e.enrolled_at IS NOT NULL
       AND e.start_date BETWEEN $1::date AND $2::date
       AND e.start_date >= months.m AND e.start_date < (months.m + interval '1 month')
       AND ($3::uuid[] IS NULL OR e.person_id = ANY($3::uuid[]))
     GROUP BY months.m ORDER BY months.m`,
    [from, to, among],
  );
}
