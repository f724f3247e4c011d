import { DataSource } from "typeorm";
import { DataCategory } from "./access/access-matrix";

/**
 * Where a subgraph keeps one category's data and which date starts its retention period: the day the
 * record stopped being needed (a move-out, a decision's end), or when it was made for records that do
 * not end. Rows whose date is not set yet (an open placement) are never past their period.
 */
export interface RetentionDeclaration {
  category: Exclude<DataCategory, "AGGREGATES">;
  table: string;
  dateColumn: string;
  /** What the rows are and why this date, for the DPO reading the report. */
  description: string;
}

/**
 * Default retention periods in days, per category, until the DPO sets RETENTION_<CATEGORY>_DAYS. They are
 * starting points for the records of a reception programme, not legal advice; see the README.
 */
export const DEFAULT_RETENTION_DAYS: Record<RetentionDeclaration["category"], number> = {
  IDENTITY_BASIC: 3650,
  IDENTITY_FULL: 1825,
  HOUSING: 2555,
  SOCIAL_FINANCIAL: 3650,
  HEALTH: 3650,
  REFERRAL: 1825,
  EDUCATION: 3650,
  PROTECTION: 3650,
  ANONYMOUS_FEEDBACK: 730,
  AUDIT_TRAIL: 3650,
};

export type RetentionPeriods = Record<RetentionDeclaration["category"], number>;

/** The period of each category: RETENTION_<CATEGORY>_DAYS (a whole number of days, at least 1), else the default. */
export function retentionPeriods(env: NodeJS.ProcessEnv = process.env): RetentionPeriods {
  const periods = { ...DEFAULT_RETENTION_DAYS };
  for (const category of Object.keys(periods) as (keyof RetentionPeriods)[]) {
    const name = `RETENTION_${category}_DAYS`;
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
      throw new Error(`${name}=${JSON.stringify(raw)} is not a number of days (a whole number, at least 1).`);
    }
    periods[category] = Number(raw);
  }
  return periods;
}

/** Every subgraph's audit trail is kept for the AUDIT_TRAIL period (counted from each record's time). */
export const AUDIT_RETENTION: RetentionDeclaration = {
  category: "AUDIT_TRAIL",
  table: "audit_log",
  dateColumn: "at",
  description: "audit records, from the time of the access",
};

export interface RetentionRow {
  category: RetentionDeclaration["category"];
  table: string;
  dateColumn: string;
  description: string;
  periodDays: number;
  /** Rows whose date lies more than periodDays before `asOf`. */
  pastPeriod: number;
  /** The oldest such date (YYYY-MM-DD), or null when none. */
  oldest: string | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * What is past its retention period in one subgraph's database, per declared table, as of a day. Reads
 * only: nothing is deleted (a deletion job is a decision of its own).
 */
export async function retentionReport(
  dataSource: DataSource,
  declarations: readonly RetentionDeclaration[],
  periods: RetentionPeriods = retentionPeriods(),
  asOf: Date = new Date(),
): Promise<RetentionRow[]> {
  const rows: RetentionRow[] = [];
  for (const d of [...declarations, AUDIT_RETENTION]) {
    // Declared in code, but checked all the same: they are spliced into SQL as identifiers.
    if (!IDENTIFIER.test(d.table) || !IDENTIFIER.test(d.dateColumn)) {
      throw new Error(`Retention declaration ${d.table}.${d.dateColumn} is not a plain table and column name.`);
    }
    const periodDays = periods[d.category];
    const [r]: { past: number; oldest: string | null }[] = await dataSource.query(
      `SELECT count(*)::int AS past, min("${d.dateColumn}")::date::text AS oldest
       FROM "${d.table}"
       WHERE "${d.dateColumn}" < $1::timestamptz - make_interval(days => $2::int)`,
      [asOf.toISOString(), periodDays],
    );
    rows.push({ ...d, periodDays, pastPeriod: r.past, oldest: r.oldest });
  }
  return rows;
}

export interface RetentionSummary {
  category: RetentionDeclaration["category"];
  periodDays: number;
  pastPeriod: number;
  oldest: string | null;
  tables: string[];
}

/** One line per category: the rows of all its tables past the period, and the oldest date among them. */
export function summariseRetention(rows: readonly RetentionRow[]): RetentionSummary[] {
  const byCategory = new Map<string, RetentionSummary>();
  for (const row of rows) {
    const s = byCategory.get(row.category) ?? {
      category: row.category,
      periodDays: row.periodDays,
      pastPeriod: 0,
      oldest: null,
      tables: [],
    };
    s.pastPeriod += row.pastPeriod;
    if (row.oldest && (!s.oldest || row.oldest < s.oldest)) s.oldest = row.oldest;
    s.tables.push(`${row.table}.${row.dateColumn}`);
    byCategory.set(row.category, s);
  }
  return [...byCategory.values()];
}
