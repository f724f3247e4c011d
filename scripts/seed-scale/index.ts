import { SubgraphDatabaseUrls, SubgraphName, SUBGRAPH_NAMES } from "@reception-graph/kit";
import { Client } from "pg";
import { performance } from "node:perf_hooks";
import { careTables } from "./care";
import { educationTables } from "./education";
import { housingTables, Municipality } from "./housing";
import { dayOf, idMaker, isoDate, Random } from "./random";
import { generatePeople, LivingWageRate, socialTables, Timeline } from "./social";
import { insertRows, TableRows } from "./tables";

/**
 * Tables that are not the seeded domain: the migrations' bookkeeping, the audit log (append-only,
 * never touched here), idempotency keys and report cache (operational state), and the reference data
 * the migrations load (municipalities, living-wage rates, qualifying diplomas, the cell's settings).
 */
const NOT_DOMAIN = new Set([
  "migrations",
  "audit_log",
  "idempotency_key",
  "report_cache",
  "report_data_version",
  "municipality",
  "living_wage_rate",
  "qualifying_diploma",
  "social_setting",
  // Kept by person's triggers (its TRUNCATE included): derived, never seeded or emptied by hand.
  "person_total",
  "name_word",
  "person_name_word",
]);
/** Emptied by --reset besides the domain tables: stale once the domain rows are gone. */
const RESET_ALSO = ["idempotency_key", "report_cache", "person_name_word"];

export interface SeedProgress {
  subgraph: SubgraphName | "all";
  stage: string;
  rows: Record<string, number>;
  seconds: number;
}

export interface SeedScaleOptions {
  /** Each subgraph's database; the seeder writes as the owner role (`migration`), as bulk loading does. */
  urls: Record<SubgraphName, Pick<SubgraphDatabaseUrls, "migration">>;
  persons: number;
  seed?: number;
  /** The last day of the two years (YYYY-MM-DD, default today in UTC): same seed and day, same data. */
  until?: string;
  /** Empty the domain tables first (as the owner role); without it a non-empty database is refused. */
  reset?: boolean;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedScaleResult {
  seconds: number;
  rows: Record<SubgraphName, Record<string, number>>;
}

/** Refused before anything is written: code CONFLICT (the kit's code for "the data as it is forbids it"). */
export class SeedRefusedError extends Error {
  readonly code = "CONFLICT";
}

async function nonEmpty(client: Client, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const sql = tables.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM ${t})`).join(" UNION ALL ");
  return ((await client.query(sql)).rows as { t: string }[]).map((r) => r.t);
}

function since(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10;
}

/**
 * Seeds the four databases with a national-scale synthetic data set (README, "Seeding national-scale data", has
 * the profile). Persons, households, sites and stays are planned first from a seeded PRNG (one
 * stream per subgraph), with IDs derived from the seed; each stage's rows are then made just before
 * they are written, with bulk INSERT … SELECT FROM unnest(…) as the owner role: one
 * transaction per stage per database, the four databases in parallel. Every constraint and trigger
 * applies (none is disabled): the occupancy, validation and OKAN-capacity triggers count each row.
 * No audit record is written (the records describe requests; a bulk load is none).
 */
export async function seedScale(options: SeedScaleOptions): Promise<SeedScaleResult> {
  const { persons, seed = 1, reset = false } = options;
  if (!Number.isInteger(persons) || persons < 200)
    throw new Error(
      `persons must be a whole number of at least 200 (the profile needs some households), not ${persons}.`,
    );
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed must be a whole number of at least 0, not ${seed}.`);
  const untilIso = options.until ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(untilIso) || Number.isNaN(dayOf(untilIso)))
    throw new Error(`until must be a day (YYYY-MM-DD), not ${JSON.stringify(untilIso)}.`);
  const report = options.onProgress ?? (() => {});
  const began = performance.now();
  const clients = {} as Record<SubgraphName, Client>;
  try {
    for (const name of SUBGRAPH_NAMES) {
      clients[name] = new Client({ connectionString: options.urls[name].migration, application_name: "seed-scale" });
      await clients[name].connect();
    }
    // Every database is checked before any is emptied or written: a refusal leaves all four as they were.
    let t0 = performance.now();
    const found = {} as Record<SubgraphName, { db: string; tables: string[]; filled: string[]; present: Set<string> }>;
    for (const name of SUBGRAPH_NAMES) {
      const c = clients[name];
      const db = (await c.query("SELECT current_database() AS d")).rows[0].d as string;
      const present = new Set(
        (
          (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows as { tablename: string }[]
        ).map((r) => r.tablename),
      );
      const tables = [...present].filter((n) => !NOT_DOMAIN.has(n)).sort();
      if (tables.length === 0)
        throw new SeedRefusedError(
          `Database ${db} has no ${name} tables: start the ${name} subgraph once so it migrates.`,
        );
      found[name] = { db, tables, filled: await nonEmpty(c, tables), present };
    }
    const full = SUBGRAPH_NAMES.find((name) => found[name].filled.length > 0);
    if (full && !reset) {
      const { db, filled } = found[full];
      throw new SeedRefusedError(
        `Database ${db} (${full}) already holds data (${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""}): ` +
          `seed:scale writes only into empty databases; add --reset to empty them first.`,
      );
    }
    const emptied: Record<string, number> = {};
    for (const name of SUBGRAPH_NAMES) {
      const { tables, filled, present } = found[name];
      if (!reset || filled.length === 0) continue;
      await clients[name].query(
        `TRUNCATE ${[...tables, ...RESET_ALSO.filter((t) => present.has(t))].join(", ")} RESTART IDENTITY`,
      );
      emptied[name] = tables.length;
    }
    if (reset) report({ subgraph: "all", stage: "reset", rows: emptied, seconds: since(t0) });

    // Reference data the migrations loaded: municipalities (Statbel 2022) and the living-wage rates.
    const municipalities: Municipality[] = (
      await clients.housing.query(`SELECT nis_code, name, inhabitants FROM municipality ORDER BY nis_code`)
    ).rows.map((r: { nis_code: string; name: string; inhabitants: number }) => ({
      nisCode: r.nis_code,
      name: r.name,
      inhabitants: r.inhabitants,
    }));
    const rates: LivingWageRate[] = (
      await clients.social.query(
        `SELECT category, to_char(effective_from, 'YYYY-MM-DD') AS f, monthly_amount::text AS a FROM living_wage_rate ORDER BY 1, 2`,
      )
    ).rows.map((r: { category: string; f: string; a: string }) => ({
      category: r.category,
      effectiveFrom: r.f,
      monthlyAmount: r.a,
    }));
    if (municipalities.length === 0)
      throw new SeedRefusedError("The housing database has no municipalities: its migrations did not run.");

    t0 = performance.now();
    const until = dayOf(untilIso);
    const timeline: Timeline = { start: until - 730, until };
    const id = idMaker(seed);
    const people = generatePeople(new Random(seed, "people"), id, persons, timeline);
    const tables: Record<SubgraphName, { stages: (() => TableRows[])[]; names: string[] }> = {} as never;
    tables.social = {
      stages: socialTables(new Random(seed, "social"), id, people, timeline, rates),
      names: [
        "people and households",
        "staff and case files",
        "support decisions and payments",
        "insurance and intake",
      ],
    };
    const housing = housingTables(
      new Random(seed, "housing"),
      id,
      people,
      timeline,
      municipalities,
      Math.min(1000, Math.max(10, Math.round(persons / 80))),
    );
    tables.housing = {
      stages: housing.tables.map((stage) => () => stage),
      names: ["sites, offers and rooms", "placements", "allocations"],
    };
    tables.care = {
      stages: careTables(
        new Random(seed, "care"),
        id,
        people,
        timeline,
        housing.sites,
        housing.stays,
        Math.round(persons * 1.25),
      ),
      names: ["referrals", "care records", "feedback and trainings"],
    };
    tables.education = {
      stages: educationTables(
        new Random(seed, "education"),
        id,
        people,
        timeline,
        municipalities,
        housing.sites,
        housing.stays,
        Math.round(persons / 4),
      ).map((stage) => () => stage),
      names: ["schools, assessments and enrolments", "adult courses", "activities"],
    };
    report({
      subgraph: "all",
      stage: `planned (seed ${seed}, ${isoDate(timeline.start)} to ${untilIso})`,
      rows: { persons: people.persons.length, households: people.households.length },
      seconds: since(t0),
    });

    const rows = {} as Record<SubgraphName, Record<string, number>>;
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const c = clients[name];
        rows[name] = {};
        for (const [i, stage] of tables[name].stages.entries()) {
          const s = performance.now();
          const counts: Record<string, number> = {};
          await c.query("BEGIN");
          try {
            // Social's and care's stages make their rows here, while the other databases are being written.
            for (const t of stage()) {
              counts[t.table] = await insertRows(c, t);
              // Written rows are not needed again: let them go while the other databases are still being written.
              t.rows.length = 0;
            }
            await c.query("COMMIT");
          } catch (e) {
            await c.query("ROLLBACK").catch(() => {});
            throw new Error(`Seeding ${name} (${tables[name].names[i]}) failed: ${(e as Error).message}`);
          }
          Object.assign(rows[name], counts);
          report({ subgraph: name, stage: tables[name].names[i], rows: counts, seconds: since(s) });
        }
        const s = performance.now();
        // Fresh statistics, so the first queries over the new rows are planned for their size; and vacuumed, as
        // autovacuum would leave a database that has run a while: with the visibility map set, a count over an
        // index reads the index only (a count of 80,000 persons took 54 ms without it).
        await c.query("VACUUM (ANALYZE)");
        report({ subgraph: name, stage: "vacuum and analyze", rows: {}, seconds: since(s) });
      }),
    );
    return { seconds: since(began), rows };
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.end().catch(() => {})));
  }
}
