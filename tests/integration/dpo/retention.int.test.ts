// Scenario: each subgraph declares which tables and date columns hold which category. On the four migrated
// databases every declared column exists and the report runs; in social, people registered long ago are
// back-dated: those past the identity period are counted with the oldest date, a shorter period set in the
// environment counts more, and nothing is deleted. A bad RETENTION_<CATEGORY>_DAYS is refused naming it.
import { DEFAULT_RETENTION_DAYS, retentionPeriods, summariseRetention } from "@reception-graph/kit";
import { formatRetention, retentionOfGraph } from "../../../scripts/retention";
import { ALL_SUBGRAPHS } from "../../../scripts/subgraphs";
import { migratedDatabase, TestDatabase } from "../../support/db";

const dbs: Record<string, TestDatabase> = {};
const AS_OF = new Date("2030-06-15T12:00:00Z");
const daysBefore = (days: number) => new Date(AS_OF.getTime() - days * 86_400_000).toISOString();

beforeAll(async () => {
  for (const module of ALL_SUBGRAPHS) dbs[module.name] = await migratedDatabase(module);
  const social = dbs.social.dataSource;
  const [household] = await social.query(`INSERT INTO household DEFAULT VALUES RETURNING id`);
  for (const [name, age] of [
    ["Old", 4000],
    ["Older", 5000],
    ["Recent", 100],
  ] as const) {
    await social.query(
      `INSERT INTO person (household_id, given_name, family_name, sex, registered_at) VALUES ($1, $2, 'Retention', 'FEMALE', $3)`,
      [household.id, name, daysBefore(age)],
    );
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(Object.values(dbs).map((d) => d.close()));
});

test("every subgraph declares its categories, on columns that exist, and the audit trail is reported for each", async () => {
  for (const module of ALL_SUBGRAPHS) {
    expect({ module: module.name, declared: (module.retention ?? []).length > 0 }).toEqual({
      module: module.name,
      declared: true,
    });
    for (const d of module.retention ?? []) {
      const found = await dbs[module.name].dataSource.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`,
        [d.table, d.dateColumn],
      );
      expect({ table: `${module.name}.${d.table}.${d.dateColumn}`, exists: found.length === 1 }).toEqual({
        table: `${module.name}.${d.table}.${d.dateColumn}`,
        exists: true,
      });
    }
  }
  const report = await retentionOfGraph((m) => dbs[m.name].url, retentionPeriods({}), AS_OF);
  expect(report.map((r) => r.subgraph)).toEqual(["social", "housing", "care", "education"]);
  for (const r of report) expect(r.rows.some((row) => row.category === "AUDIT_TRAIL")).toBe(true);
  const care = summariseRetention(report.find((r) => r.subgraph === "care")!.rows).map((s) => s.category);
  expect(care).toEqual(expect.arrayContaining(["HEALTH", "REFERRAL", "PROTECTION", "ANONYMOUS_FEEDBACK"]));
});

test("back-dated people past the identity period are counted with the oldest date; nothing is deleted", async () => {
  const identity = async (env: NodeJS.ProcessEnv) => {
    const [social] = await retentionOfGraph(
      (m) => dbs[m.name].url,
      retentionPeriods(env),
      AS_OF,
      ALL_SUBGRAPHS.filter((m) => m.name === "social"),
    );
    return summariseRetention(social.rows).find((s) => s.category === "IDENTITY_BASIC")!;
  };
  const byDefault = await identity({});
  expect(byDefault).toMatchObject({
    periodDays: DEFAULT_RETENTION_DAYS.IDENTITY_BASIC,
    pastPeriod: 2,
    oldest: daysBefore(5000).slice(0, 10),
  });
  expect(await identity({ RETENTION_IDENTITY_BASIC_DAYS: "30" })).toMatchObject({ periodDays: 30, pastPeriod: 3 });
  expect(await identity({ RETENTION_IDENTITY_BASIC_DAYS: "6000" })).toMatchObject({ pastPeriod: 0, oldest: null });
  const [{ n }] = await dbs.social.dataSource.query(`SELECT count(*)::int AS n FROM person`);
  expect(n).toBe(3);
  const text = formatRetention(
    [{ subgraph: "social", rows: [{ ...byDefault, table: "person", dateColumn: "registered_at", description: "" }] }],
    AS_OF,
  );
  expect(text).toMatch(/social\tIDENTITY_BASIC\t3650\t2\t/);
});

test("a retention setting that is not a whole number of days is refused naming the variable and the value", () => {
  for (const bad of ["0", "ten", "-5", "3.5"]) {
    expect(() => retentionPeriods({ RETENTION_HEALTH_DAYS: bad })).toThrow(
      new RegExp(`RETENTION_HEALTH_DAYS=${JSON.stringify(bad).replace(/[.]/g, "\\.")}`),
    );
  }
  expect(retentionPeriods({ RETENTION_HEALTH_DAYS: "7300" }).HEALTH).toBe(7300);
});
