import { AgeBand, Sex } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { HouseholdComposition } from "./indicators.entity";

/**
 * Who is counted: persons registered on or before `to` (a Brussels day), and
 * when the report is narrowed to sites only those among `among` (the site's
 * residents, asked of housing). null = everyone, with no ID list at all, so
 * the unfiltered report stays one aggregate per field group at any scale.
 */
const SERVED = `p.registered_at < (($1::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels')
  AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[]))`;

/**
 * Age bands on `to` by comparing the birth date with the band's cut-off day
 * (born after `to` minus 5 years: under 5), else by the age reached that year
 * from the birth year; null when neither is known. Comparisons of dates, not
 * age() per person: the unfiltered report reads every person served.
 */
const cutoff = (years: number) => `($1::date - interval '${years} years')::date`;
const YEAR = `date_part('year', $1::date)::int`;
const BAND = `CASE WHEN p.birth_date IS NOT NULL THEN
    CASE WHEN p.birth_date > ${cutoff(5)} THEN 'AGE_0_4' WHEN p.birth_date > ${cutoff(12)} THEN 'AGE_5_11'
         WHEN p.birth_date > ${cutoff(18)} THEN 'AGE_12_17' WHEN p.birth_date > ${cutoff(60)} THEN 'AGE_18_59'
         ELSE 'AGE_60_PLUS' END
  WHEN p.birth_year IS NOT NULL THEN
    CASE WHEN ${YEAR} - p.birth_year < 5 THEN 'AGE_0_4' WHEN ${YEAR} - p.birth_year < 12 THEN 'AGE_5_11'
         WHEN ${YEAR} - p.birth_year < 18 THEN 'AGE_12_17' WHEN ${YEAR} - p.birth_year < 60 THEN 'AGE_18_59'
         ELSE 'AGE_60_PLUS' END END`;
/** Under 18 on `to` (unknown age counts as adult). */
const MINOR = `(p.birth_date > ${cutoff(18)} OR (p.birth_date IS NULL AND ${YEAR} - p.birth_year < 18))`;
/** Aged 5–17 on `to`. */
const SCHOOL_AGE = `(CASE WHEN p.birth_date IS NOT NULL THEN p.birth_date <= ${cutoff(5)} AND p.birth_date > ${cutoff(18)}
  ELSE ${YEAR} - p.birth_year BETWEEN 5 AND 17 END)`;

export const AGE_BANDS: (AgeBand | null)[] = [
  AgeBand.AGE_0_4,
  AgeBand.AGE_5_11,
  AgeBand.AGE_12_17,
  AgeBand.AGE_18_59,
  AgeBand.AGE_60_PLUS,
  null,
];
export const SEXES: Sex[] = Object.values(Sex);

export interface PeopleFigures {
  /** Every (age band, sex) cell in AGE_BANDS × SEXES order. */
  cells: { ageBand: AgeBand | null; sex: Sex; count: number }[];
  total: number;
  insured: number;
}

/** Persons served by age band and sex, and those with health insurance in effect on `to`: one aggregate. */
export async function peopleFigures(ds: DataSource, to: string, among: string[] | null): Promise<PeopleFigures> {
  const rows: { band: AgeBand | null; sex: Sex; n: number; insured: number }[] = await ds.query(
    // The insured are joined as one set (hashed), not looked up person by person.
    `SELECT ${BAND} AS band, p.sex, count(*)::int AS n, count(i.person_id)::int AS insured
     FROM person p
     LEFT JOIN (SELECT DISTINCT h.person_id FROM health_insurance h
                WHERE h.status = 'REGISTERED' AND h.status_date <= $1::date) i ON i.person_id = p.id
     WHERE ${SERVED}
     GROUP BY 1, 2`,
    [to, among],
  );
  const cells = AGE_BANDS.flatMap((ageBand) =>
    SEXES.map((sex) => ({
      ageBand,
      sex,
      count: rows.find((r) => r.band === ageBand && r.sex === sex)?.n ?? 0,
    })),
  );
  return {
    cells,
    total: rows.reduce((n, r) => n + r.n, 0),
    insured: rows.reduce((n, r) => n + r.insured, 0),
  };
}

/** Households with at least one person served, by composition of their members served on `to`. */
export async function householdFigures(
  ds: DataSource,
  to: string,
  among: string[] | null,
): Promise<Map<HouseholdComposition, number>> {
  const rows: { composition: HouseholdComposition; n: number }[] = await ds.query(
    `SELECT CASE WHEN h.adults = 0 THEN 'MINORS_ONLY'
                 WHEN h.minors > 0 THEN 'ADULTS_WITH_CHILDREN'
                 WHEN h.adults = 1 AND h.women = 1 THEN 'SINGLE_WOMAN'
                 WHEN h.adults = 1 AND h.men = 1 THEN 'SINGLE_MAN'
                 WHEN h.adults = 1 THEN 'SINGLE_ADULT_OTHER'
                 ELSE 'ADULTS_ONLY' END AS composition, count(*)::int AS n
     FROM (SELECT count(*) FILTER (WHERE NOT a.minor) AS adults,
                  count(*) FILTER (WHERE a.minor) AS minors,
                  count(*) FILTER (WHERE NOT a.minor AND a.sex = 'FEMALE') AS women,
                  count(*) FILTER (WHERE NOT a.minor AND a.sex = 'MALE') AS men
           FROM (SELECT p.household_id, p.sex, coalesce(${MINOR}, false) AS minor FROM person p WHERE ${SERVED}) a
           GROUP BY a.household_id) h
     GROUP BY 1`,
    [to, among],
  );
  return new Map(rows.map((r) => [r.composition, r.n]));
}

export interface CaseFileFigures {
  open: number;
  opened: number;
  closed: number;
  maxCaseload: number;
  averageCaseload: number | null;
}

/**
 * Case files in scope (all, or those of households with a member among the
 * residents): open at the end of `to`, opened and closed in [from, to], and
 * the caseload of each social worker at the end of `to` (the worker the
 * file's history names after its last step on or before `to`).
 */
export async function caseFileFigures(
  ds: DataSource,
  from: string,
  to: string,
  among: string[] | null,
): Promise<CaseFileFigures> {
  const [row] = await ds.query(
    `WITH scoped AS (
       SELECT c.* FROM case_file c
       WHERE $3::uuid[] IS NULL
          OR c.household_id IN (SELECT p.household_id FROM person p WHERE p.id = ANY($3::uuid[]))
     ), open_then AS (
       SELECT s.id,
              (SELECT e.social_worker_id FROM case_file_event e WHERE e.case_file_id = s.id AND e.date <= $2::date
               ORDER BY e.date DESC, e.seq DESC LIMIT 1) AS worker
       FROM scoped s WHERE s.opened_on <= $2::date AND (s.ended_on IS NULL OR s.ended_on > $2::date)
     ), loads AS (
       SELECT worker, count(*)::int AS n FROM open_then WHERE worker IS NOT NULL GROUP BY worker
     )
     SELECT (SELECT count(*)::int FROM open_then) AS open,
            (SELECT count(*)::int FROM scoped WHERE opened_on BETWEEN $1::date AND $2::date) AS opened,
            (SELECT count(*)::int FROM scoped WHERE status = 'CLOSED' AND ended_on BETWEEN $1::date AND $2::date) AS closed,
            (SELECT coalesce(max(n), 0)::int FROM loads) AS max_caseload,
            (SELECT round(avg(n), 1)::float FROM loads) AS average_caseload`,
    [from, to, among],
  );
  return {
    open: row.open,
    opened: row.opened,
    closed: row.closed,
    maxCaseload: row.max_caseload,
    averageCaseload: row.average_caseload,
  };
}

/**
 * Education's school-age figures: persons served aged 5–17 on `to`, and how
 * many of them are among `given` (education's enrolled children). Counts only.
 */
export async function schoolAgeFigures(
  ds: DataSource,
  to: string,
  among: string[] | null,
  given: string | null,
): Promise<{ schoolAge: number; schoolAgeAmongGiven: number }> {
  const [row] = await ds.query(
    // The given IDs are joined (hashed) rather than searched per person: tens of thousands on both sides.
    `SELECT count(*)::int AS school_age, count(g.id)::int AS among_given
     FROM person p
     LEFT JOIN (SELECT DISTINCT unnest(string_to_array($3::text, ','))::uuid AS id) g ON g.id = p.id
     WHERE ${SERVED} AND ${SCHOOL_AGE}`,
    [to, among, given ?? ""],
  );
  return { schoolAge: row.school_age, schoolAgeAmongGiven: row.among_given };
}
