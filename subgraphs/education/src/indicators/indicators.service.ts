import { DataSource } from "typeorm";

/** The first instant after the Brussels day `$1`: what "at the end of `to`" compares timestamps with. */
const END_OF_TO = `(($1::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels')`;

/** Only among `$n` (a site's residents) when given; null = everyone, no ID list. */
const among = (n: number, column: string) => `($${n}::uuid[] IS NULL OR ${column} = ANY($${n}::uuid[]))`;

/**
 * Children assessed in [from, to] (distinct) and children on an OKAN waiting
 * list at the end of `to`: put on it on or before `to`, no place yet then
 * (none, or given one later), not taken off it by then. The waiting list is a
 * state education itself decides when it records (capacity at that moment),
 * so it is read from those moments. One aggregate.
 */
export async function assessedAndWaiting(
  ds: DataSource,
  from: string,
  to: string,
  people: string[] | null,
): Promise<{ assessed: number; waiting: number }> {
  const [row] = await ds.query(
    `SELECT (SELECT count(DISTINCT a.person_id)::int FROM education_assessment a
             WHERE a.date BETWEEN $2::date AND $1::date AND ${among(3, "a.person_id")}) AS assessed,
            (SELECT count(DISTINCT e.person_id)::int FROM enrolment e
             WHERE e.programme = 'OKAN' AND e.created_at < ${END_OF_TO}
               AND (e.enrolled_at IS NULL OR e.enrolled_at >= ${END_OF_TO})
               AND (e.end_date IS NULL OR e.end_date > $1::date) AND ${among(3, "e.person_id")}) AS waiting`,
    [to, from, people],
  );
  return { assessed: row.assessed, waiting: row.waiting };
}

/**
 * The children with a school place on `to` (a place given, first school day
 * reached, last school day not passed), as one comma-separated string for
 * social's count: built by PostgreSQL, never walked person by person here.
 * By the school days, not by when they were recorded: enrolments are often
 * entered after the fact, with the first school day they had.
 */
export async function enrolledOn(ds: DataSource, to: string, people: string[] | null): Promise<string> {
  const [row] = await ds.query(
    `SELECT coalesce(string_agg(DISTINCT e.person_id::text, ','), '') AS ids FROM enrolment e
     WHERE e.enrolled_at IS NOT NULL AND e.start_date <= $1::date
       AND (e.end_date IS NULL OR e.end_date >= $1::date) AND ${among(2, "e.person_id")}`,
    [to, people],
  );
  return row.ids;
}

/**
 * Days to school (enrolment.days_to_school, time to school's definition) of
 * the children whose first school day with a place fell in [from, to]: their
 * number and median (the mean of the middle two for an even number).
 */
export async function daysToSchool(
  ds: DataSource,
  from: string,
  to: string,
  people: string[] | null,
): Promise<{ children: number; median: number | null }> {
  const [row] = await ds.query(
    `SELECT count(*)::int AS children,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY e.days_to_school)::float AS median
     FROM enrolment e
     WHERE e.days_to_school IS NOT NULL AND e.enrolled_at IS NOT NULL
       AND e.start_date BETWEEN $2::date AND $1::date AND ${among(3, "e.person_id")}`,
    [to, from, people],
  );
  return { children: row.children, median: row.median };
}
