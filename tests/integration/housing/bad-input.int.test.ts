// Bad input found in review: taken offer references, unknown or malformed sites and NIS codes in queries and filters, stock overflow, over-long text, duplicate CSV columns, line numbers after blank lines, odd site claims in tokens: clear errors (never INTERNAL), nothing written.
import { errorCodes } from "../../support/graphql";
import { household, HousingWorld, ok, REGISTER_SITE, siteWithRooms, startHousing } from "./housing-test-kit";

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing(true);
});
afterAll(() => world?.stop());

const UNKNOWN = "00000000-0000-0000-0000-000000000000";
const count = async (sql: string, params: unknown[] = []) =>
  (await world.housing.db.dataSource.query(sql, params))[0].n as number;

test("registerSite with an offer reference already taken is CONFLICT, and writes no site", async () => {
  const input = {
    name: "Ref holder",
    kind: "COLLECTIVE_HOUSING",
    operator: "City",
    nisCode: "44021",
    address: "Street 1, Gent",
    sustainable: true,
    offerReference: "WA-REVIEW-1",
  };
  ok(await world.query(REGISTER_SITE, { input }));
  const sites = await count(`SELECT COUNT(*)::int AS n FROM site`);
  const again = await world.query(REGISTER_SITE, { input: { ...input, name: "Second site" } });
  expect(errorCodes(again)).toEqual(["CONFLICT"]);
  expect(again.errors![0].message).toContain("WA-REVIEW-1");
  expect(await count(`SELECT COUNT(*)::int AS n FROM site`)).toBe(sites);
});

const SERIES = `query O($siteId: ID, $nis: ID) { occupancySeries(from: "2022-05-01", to: "2022-05-02", siteId: $siteId, nisCode: $nis) { date places } }`;

test("occupancySeries: an unknown site is NOT_FOUND, a malformed or unknown NIS code is BAD_USER_INPUT", async () => {
  expect(errorCodes(await world.query(SERIES, { siteId: UNKNOWN }))).toEqual(["NOT_FOUND"]);
  for (const nis of ["abc", "99999", ""]) {
    const res = await world.query(SERIES, { nis });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe("nisCode");
  }
  expect(ok(await world.query(SERIES, { nis: "44021" })).occupancySeries).toHaveLength(2);
});

test("chargeRent for an unknown site is NOT_FOUND", async () => {
  const res = await world.query(`mutation C($input: ChargeRentInput!) { chargeRent(input: $input) { id } }`, {
    input: { month: "2022-05", siteId: UNKNOWN },
  });
  expect(errorCodes(res)).toEqual(["NOT_FOUND"]);
});

test("stock: a delivery beyond what can be counted is BAD_USER_INPUT; issuing on an unknown site is NOT_FOUND naming the site", async () => {
  const { siteId } = await siteWithRooms(world, "Overflow stock", [1]);
  const RECEIVE = `mutation R($input: StockInput!) { receiveStock(input: $input) { quantity } }`;
  ok(await world.query(RECEIVE, { input: { siteId, item: "soap", quantity: 5 } }));
  await world.housing.db.dataSource.query(
    `UPDATE stock_level SET quantity = 2147000000 WHERE site_id = $1 AND item = 'soap'`,
    [siteId],
  );
  const res = await world.query(RECEIVE, { input: { siteId, item: "soap", quantity: 1_000_000 } });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.quantity");
  expect(await count(`SELECT quantity AS n FROM stock_level WHERE site_id = $1 AND item = 'soap'`, [siteId])).toBe(
    2147000000,
  );
  const issue = await world.query(`mutation I($input: IssueStockInput!) { issueStock(input: $input) { quantity } }`, {
    input: { siteId: UNKNOWN, item: "soap", quantity: 1 },
  });
  expect(errorCodes(issue)).toEqual(["NOT_FOUND"]);
  expect(issue.errors![0].message).toContain(`Site "${UNKNOWN}"`);
});

test("a committee member's role is short text", async () => {
  const { siteId } = await siteWithRooms(world, "Committee roles", [1]);
  const h = await household(world, 1, "Role");
  ok(
    await world.query(`mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`, {
      input: { householdId: h.householdId, siteId, moveInDate: "2022-05-02" },
    }),
  );
  const res = await world.query(`mutation E($input: ElectCommitteeInput!) { electCommittee(input: $input) { id } }`, {
    input: {
      siteId,
      termStart: "2022-06-01",
      termEnd: "2022-12-31",
      members: [{ personId: h.memberIds[0], role: "x".repeat(5000) }],
    },
  });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.members[0].role");
  expect(await count(`SELECT COUNT(*)::int AS n FROM residents_committee WHERE site_id = $1`, [siteId])).toBe(0);
});

test("a CSV whose header names a column twice is refused in the report, nothing written", async () => {
  const csv =
    "reference,provider,nis_code,places,kind,sustainable,places\nWA-DUP-1,Stad Gent,44021,3,HOST_FAMILY,yes,4\n";
  const report = ok(
    await world.query(
      `mutation I($input: ImportHousingOffersInput!) { importHousingOffers(input: $input) { written created rejected { row column reason } } }`,
      { input: { csv, mode: "ACCEPTED_ROWS_ONLY" } },
    ),
  ).importHousingOffers;
  expect(report.written).toBe(false);
  expect(report.created).toBe(0);
  expect(report.rejected).toEqual([{ row: 1, column: "places", reason: expect.stringContaining("places") }]);
  expect(await count(`SELECT COUNT(*)::int AS n FROM housing_offer WHERE reference = 'WA-DUP-1'`)).toBe(0);
});

test("import rows are numbered by their line in the file, also after blank lines", async () => {
  const csv = [
    "reference,provider,nis_code,places,kind,sustainable",
    "WA-LINE-1,Stad Gent,44021,3,HOST_FAMILY,yes",
    "",
    "WA-LINE-2,Stad Gent,99999,3,HOST_FAMILY,yes",
    "",
    "",
    "WA-LINE-3,Stad Gent,44021,3,HOST_FAMILY,yes",
  ].join("\r\n");
  const report = ok(
    await world.query(
      `mutation I($input: ImportHousingOffersInput!) { importHousingOffers(input: $input) { totalRows accepted { row reference } rejected { row column } } }`,
      { input: { csv } },
    ),
  ).importHousingOffers;
  expect(report.totalRows).toBe(3);
  expect(report.rejected).toEqual([{ row: 4, column: "nis_code" }]);
  expect(report.accepted).toEqual([
    { row: 2, reference: "WA-LINE-1" },
    { row: 7, reference: "WA-LINE-3" },
  ]);
});

test("municipality(nisCode) with a malformed code is BAD_USER_INPUT; an unknown one is null", async () => {
  const bad = await world.query(`{ municipality(nisCode: "Gent") { name } }`);
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("nisCode");
  expect(ok(await world.query(`{ municipality(nisCode: "99999") { name } }`)).municipality).toBeNull();
});

test("a site coordinator whose token names a site that is not an ID gets an answer for their real sites, not an internal error", async () => {
  const { siteId } = await siteWithRooms(world, "Token sites", [1]);
  const coord = {
    sub: "iom-token",
    org: "IOM",
    roles: ["SITE_COORDINATOR" as const],
    sites: ["SCHOONMEERSEN", siteId],
  };
  expect(
    ok(await world.query(`{ moveOuts(from: "2022-01-01", to: "2022-12-31") { id } }`, {}, coord)).moveOuts,
  ).toEqual([]);
  expect(
    ok(
      await world.query(
        `mutation C($input: ChargeRentInput!) { chargeRent(input: $input) { id } }`,
        { input: { month: "2022-05" } },
        coord,
      ),
    ).chargeRent,
  ).toEqual([]);
});

test("list filters: a malformed NIS code is BAD_USER_INPUT naming the filter field", async () => {
  for (const q of [
    `{ sites(filter: { nisCode: "Gent" }) { id } }`,
    `{ housingOffers(filter: { nisCode: "Gent" }) { totalCount } }`,
  ]) {
    const res = await world.query(q);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe("filter.nisCode");
  }
  expect(ok(await world.query(`{ sites(filter: { nisCode: "99999" }) { id } }`)).sites).toEqual([]);
});

test("rooms with the same label added at the same moment: one is added, the others are BAD_USER_INPUT", async () => {
  const { siteId } = await siteWithRooms(world, "Label race", []);
  const results = await Promise.all(
    Array.from({ length: 6 }, () =>
      world.query(`mutation A($input: AddRoomInput!) { addRoom(input: $input) { id } }`, {
        input: { siteId, label: "A.1", beds: 1, floorAreaM2: 10 },
      }),
    ),
  );
  expect(results.filter((r) => !r.errors)).toHaveLength(1);
  for (const r of results.filter((x) => x.errors)) {
    expect(errorCodes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].extensions!.field).toBe("input.label");
  }
  expect(await count(`SELECT capacity AS n FROM site WHERE id = $1`, [siteId])).toBe(1);
  // The constraint addRoom turns into BAD_USER_INPUT when two requests pass the label check together.
  expect(await count(`SELECT COUNT(*)::int AS n FROM pg_constraint WHERE conname = 'room_site_id_label_key'`)).toBe(1);
});

test("an import row's provider is held to the same length as registerHousingOffer's", async () => {
  const csv = `reference,provider,nis_code,places,kind,sustainable\nWA-LONG-1,${"p".repeat(201)},44021,3,HOST_FAMILY,yes\n`;
  const report = ok(
    await world.query(
      `mutation I($input: ImportHousingOffersInput!) { importHousingOffers(input: $input) { written rejected { row column } } }`,
      { input: { csv, mode: "ACCEPTED_ROWS_ONLY" } },
    ),
  ).importHousingOffers;
  expect(report).toEqual({ written: false, rejected: [{ row: 2, column: "provider" }] });
});
