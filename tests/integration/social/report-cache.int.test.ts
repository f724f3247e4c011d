// Scenario: a reporting officer reloads the dashboard all afternoon while the cell keeps registering people.
// The indicators over everyone served come from social's report cache while nothing changes, and a change
// (a household registered, an insurance registered) is in the very next report, never a stale figure; a
// write that is rolled back changes nothing. The cache's migration goes down and comes back up.
import { createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { createDatabase, undoThrough } from "../../support/db";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { TokenClaims } from "../../support/tokens";
import { ok, OCMW_ADMIN } from "./social-fixtures";

const ANALYST: TokenClaims = { sub: "analyst-cache", roles: ["ANALYST"] };
const REPORT = `query R($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport {
  personsServed { value suppressed } healthInsuredPct { numerator denominator } } } }`;
const KEY = { __typename: "IndicatorReport", from: "2026-06-01", to: "2026-06-30", siteId: null };

let sg: RunningSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
});
afterAll(async () => {
  await sg?.stop();
});

async function report() {
  return ok(await sg.query(REPORT, { reps: [KEY] }, ANALYST, "REPORTING"))._entities[0];
}

async function register(family: string, size: number): Promise<string[]> {
  const members = Array.from({ length: size }, (_, i) => ({
    givenName: `${family}${"abcdefgh"[i]}`,
    familyName: family,
    birthDate: "1990-03-03",
    sex: "FEMALE",
  }));
  const h = ok(
    await sg.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id } } }`,
      { input: { members, registeredOn: "2026-06-10" } },
      OCMW_ADMIN,
    ),
  ).registerHousehold;
  return h.members.map((m: { id: string }) => m.id);
}

const cached = async () =>
  Number((await sg.db.dataSource.query(`SELECT count(*) AS n FROM report_cache WHERE kind = 'people'`))[0].n);

test("figures come from the cache until the data changes, and every change is in the next report", async () => {
  const first = await register("Kovalenko", 6);
  expect((await report()).personsServed).toEqual({ value: 6, suppressed: false });
  expect(await cached()).toBe(1);
  const version = async () => Number((await sg.db.dataSource.query(`SELECT v FROM report_data_version`))[0].v);
  const before = await version();
  // Nothing changed: the same figures, the version unmoved (read from the cache).
  expect((await report()).personsServed).toEqual({ value: 6, suppressed: false });
  expect(await version()).toBe(before);
  // A household of five: 11 served, in the very next report.
  await register("Bondarenko", 5);
  expect(await version()).toBe(before + 1);
  expect((await report()).personsServed).toEqual({ value: 11, suppressed: false });
  // Five insurances registered: the share moves at once (0 of 11 → 5 of 11).
  expect((await report()).healthInsuredPct).toEqual({ numerator: 0, denominator: 11 });
  for (const personId of first.slice(0, 5)) {
    ok(
      await sg.query(
        `mutation I($input: RegisterHealthInsuranceInput!) { registerHealthInsurance(input: $input) { id } }`,
        { input: { personId, fund: "CM", status: "REGISTERED", date: "2026-06-12" } },
      ),
    );
  }
  expect((await report()).healthInsuredPct).toEqual({ numerator: 5, denominator: 11 });
});

test("a change rolled back leaves the version and the figures as they were", async () => {
  const served = (await report()).personsServed.value;
  const version = Number((await sg.db.dataSource.query(`SELECT v FROM report_data_version`))[0].v);
  await expect(
    sg.db.dataSource.transaction(async (m) => {
      await m.query(`UPDATE person SET given_name = given_name WHERE true`);
      throw new Error("rolled back on purpose");
    }),
  ).rejects.toThrow("rolled back on purpose");
  expect(Number((await sg.db.dataSource.query(`SELECT v FROM report_data_version`))[0].v)).toBe(version);
  expect((await report()).personsServed.value).toBe(served);
});

test("the report cache's migration goes down and comes back up", async () => {
  const db = await createDatabase("test_social_report_cache_migration");
  const dataSource = await openDatabase(createSubgraphDataSource(socialSubgraph, db.ownerUrl));
  const tables = async () =>
    (
      await dataSource.query(
        `SELECT tablename FROM pg_tables WHERE tablename IN ('report_cache', 'report_data_version') ORDER BY 1`,
      )
    ).map((r: { tablename: string }) => r.tablename);
  try {
    expect(await tables()).toEqual(["report_cache", "report_data_version"]);
    await undoThrough(dataSource, "ReportCache1764900200000");
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(["report_cache", "report_data_version"]);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
