// Municipalities reference data (300 loaded at first start, ADMIN upsert), the spreading key, and allocations per province per day with totals.
import { errorCodes } from "../../support/graphql";
import { ADMIN, HousingWorld, ok, siteCoordinator, startHousing } from "./housing-test-kit";

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing();
});
afterAll(() => world?.stop());

test("all 300 Flemish municipalities with their 2022 population are there from the first start", async () => {
  const all = ok(await world.query(`{ municipalities { nisCode province inhabitants } }`)).municipalities;
  expect(all).toHaveLength(300);
  expect(all.reduce((s: number, m: any) => s + m.inhabitants, 0)).toBe(6698876);
  const byProvince = ok(await world.query(`{ municipalities(province: LIMBURG) { nisCode } }`)).municipalities;
  expect(byProvince).toHaveLength(42);
  const gent = ok(await world.query(`{ municipality(nisCode: "44021") { name province inhabitants } }`)).municipality;
  expect(gent).toEqual({ name: "Gent", province: "OOST_VLAANDEREN", inhabitants: 265086 });
});

test("targetPlaces spreads a regional target by inhabitants over 6.5 million, rounded down", async () => {
  const q = `{ municipality(nisCode: "44021") { t6: targetPlaces(regionalTarget: 6000) t18: targetPlaces(regionalTarget: 18000)
    t30: targetPlaces(regionalTarget: 30000) t60: targetPlaces(regionalTarget: 60000) } }`;
  // 265,086 × 30,000 / 6,500,000 = 1,223.47… → 1,223
  expect(ok(await world.query(q)).municipality).toEqual({ t6: 244, t18: 734, t30: 1223, t60: 2446 });
  const bad = await world.query(`{ municipality(nisCode: "44021") { targetPlaces(regionalTarget: -1) } }`);
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
});

test("upsertMunicipality is ADMIN only and corrects reference data", async () => {
  const input = { nisCode: "44021", name: "Gent", province: "OOST_VLAANDEREN", inhabitants: 265500 };
  const M = `mutation U($input: MunicipalityInput!) { upsertMunicipality(input: $input) { nisCode inhabitants } }`;
  expect(errorCodes(await world.query(M, { input }))).toEqual(["FORBIDDEN"]);
  expect(ok(await world.query(M, { input }, ADMIN)).upsertMunicipality).toEqual({
    nisCode: "44021",
    inhabitants: 265500,
  });
  const added = ok(
    await world.query(
      M,
      { input: { nisCode: "46030", name: "Test", province: "OOST_VLAANDEREN", inhabitants: 10 } },
      ADMIN,
    ),
  );
  expect(added.upsertMunicipality.nisCode).toBe("46030");
  const bad = await world.query(M, { input: { ...input, nisCode: "4402" } }, ADMIN);
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.nisCode");
  ok(await world.query(M, { input: { ...input, inhabitants: 265086 } }, ADMIN));
});

const RECORD = `mutation A($input: RecordAllocationInput!) { recordAllocation(input: $input) { id date persons municipality { name } } }`;
const TABLE = `query T($from: Date!, $to: Date!) { allocationsByProvince(from: $from, to: $to) {
  dates rows { province perDay total cumulative firstAllocation } totals grandTotal cumulativeGrandTotal } }`;

test("allocationsByProvince: rows per province, columns per day with allocations, totals and cumulative totals", async () => {
  const rec = (date: string, nisCode: string, persons: number) =>
    world.query(RECORD, { input: { date, nisCode, persons } }).then(ok);
  await rec("2022-03-28", "44021", 10); // Gent, Oost-Vlaanderen (before the period)
  await rec("2022-04-01", "44021", 12);
  await rec("2022-04-01", "41002", 3); // Aalst, Oost-Vlaanderen
  await rec("2022-04-01", "11002", 20); // Antwerpen
  await rec("2022-04-03", "71022", 7); // Hasselt, Limburg
  await rec("2022-04-03", "31005", 5); // Brugge, West-Vlaanderen
  await rec("2022-04-09", "24062", 4); // Leuven, after the period
  const t = ok(await world.query(TABLE, { from: "2022-04-01", to: "2022-04-05" })).allocationsByProvince;
  expect(t.dates).toEqual(["2022-04-01", "2022-04-03"]);
  expect(t.rows).toEqual([
    { province: "ANTWERPEN", perDay: [20, 0], total: 20, cumulative: 20, firstAllocation: "2022-04-01" },
    { province: "LIMBURG", perDay: [0, 7], total: 7, cumulative: 7, firstAllocation: "2022-04-03" },
    { province: "OOST_VLAANDEREN", perDay: [15, 0], total: 15, cumulative: 25, firstAllocation: "2022-03-28" },
    { province: "VLAAMS_BRABANT", perDay: [0, 0], total: 0, cumulative: 0, firstAllocation: null },
    { province: "WEST_VLAANDEREN", perDay: [0, 5], total: 5, cumulative: 5, firstAllocation: "2022-04-03" },
  ]);
  expect(t.totals).toEqual([35, 12]);
  expect(t.grandTotal).toBe(47);
  expect(t.cumulativeGrandTotal).toBe(57);
  const gent = ok(await world.query(`{ municipality(nisCode: "44021") { allocatedPersons } }`)).municipality;
  expect(gent.allocatedPersons).toBe(22);
  // The dashboards' filter: Oost-Vlaanderen only (Gent 12 + Aalst 3 on 1 April; Gent's 10 in March cumulate),
  // then Aalst only; a site filter is refused, since allocations go to municipalities.
  const FILTERED = `query T($from: Date!, $to: Date!, $filter: CoordinationFilter) {
    allocationsByProvince(from: $from, to: $to, filter: $filter) { dates rows { province total cumulative } grandTotal } }`;
  const east = ok(
    await world.query(FILTERED, { from: "2022-04-01", to: "2022-04-05", filter: { province: "OOST_VLAANDEREN" } }),
  ).allocationsByProvince;
  expect(east.dates).toEqual(["2022-04-01"]);
  expect(east.rows.find((r: { province: string }) => r.province === "OOST_VLAANDEREN")).toEqual({
    province: "OOST_VLAANDEREN",
    total: 15,
    cumulative: 25,
  });
  expect(east.grandTotal).toBe(15);
  const aalst = ok(
    await world.query(FILTERED, { from: "2022-04-01", to: "2022-04-05", filter: { nisCode: "41002" } }),
  ).allocationsByProvince;
  expect([aalst.grandTotal, aalst.rows.map((r: { total: number }) => r.total)]).toEqual([3, [0, 0, 3, 0, 0]]);
  const bySite = await world.query(FILTERED, {
    from: "2022-04-01",
    to: "2022-04-05",
    filter: { siteId: "00000000-0000-4000-8000-000000000001" },
  });
  expect(errorCodes(bySite)).toEqual(["BAD_USER_INPUT"]);
  expect(bySite.errors![0].extensions!.field).toBe("filter.siteId");
  const unknown = await world.query(FILTERED, { from: "2022-04-01", to: "2022-04-05", filter: { nisCode: "12345" } });
  expect(unknown.errors![0].extensions!.field).toBe("filter.nisCode");
});

test("recordAllocation checks its input and role", async () => {
  const bad = await world.query(RECORD, { input: { date: "2022-04-01", nisCode: "44021", persons: 0 } });
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.persons");
  const unknown = await world.query(RECORD, { input: { date: "2022-04-01", nisCode: "12345", persons: 2 } });
  expect(unknown.errors![0].extensions!.field).toBe("input.nisCode");
  const forbidden = await world.query(
    RECORD,
    { input: { date: "2022-04-01", nisCode: "44021", persons: 2 } },
    siteCoordinator("x"),
  );
  expect(errorCodes(forbidden)).toEqual(["FORBIDDEN"]);
  const reversed = await world.query(TABLE, { from: "2022-04-05", to: "2022-04-01" });
  expect(errorCodes(reversed)).toEqual(["BAD_USER_INPUT"]);
});

test("municipality fields are batched: many municipalities, a fixed number of queries", async () => {
  const { queryCount } = await import("@reception-graph/kit");
  const q = `{ municipalities(province: ANTWERPEN) { nisCode validatedPlaces allocatedPersons siteCount sites { id } } }`;
  const before = queryCount(world.housing.db.dataSource);
  const res = ok(await world.query(q));
  expect(res.municipalities).toHaveLength(69);
  expect(queryCount(world.housing.db.dataSource) - before).toBeLessThanOrEqual(4);
});
