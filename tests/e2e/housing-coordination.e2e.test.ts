// Through the gateway: the city's coordination (offers, import, validation, spreading key, allocations, occupancy) and a centre's daily work (stock, committee) as partner apps use them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { todayInBrussels } from "@reception-graph/kit";
import { errorCodes } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, validatedSite } from "../support/fixtures";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const q = (query: string, variables: Record<string, unknown> = {}, as = HOUSING) =>
  graph.query(query, variables, as, "PLACEMENT");

test("offers: register, import a CSV with a bad row, validate; only validated places count for the municipality", async () => {
  const offer = ok(
    await q(
      `mutation O($input: RegisterHousingOfferInput!) { registerHousingOffer(input: $input) { id status reference municipality { name } } }`,
      {
        input: {
          reference: "WA-E2E-1",
          provider: "Stad Gent",
          nisCode: "44021",
          places: 30,
          kind: "COLLECTIVE_HOUSING",
          sustainable: true,
          availableFrom: "2022-04-01",
        },
      },
    ),
  ).registerHousingOffer;
  expect(offer).toMatchObject({ status: "TO_VALIDATE", reference: "WA-E2E-1", municipality: { name: "Gent" } });
  const before = ok(await q(`{ municipality(nisCode: "44021") { validatedPlaces } }`)).municipality.validatedPlaces;
  const validated = ok(
    await q(
      `mutation V($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status history { status by note } } }`,
      {
        input: { offerId: offer.id, status: "VALIDATED", note: "visited 2022-03-30", effectiveOn: "2022-03-30" },
      },
    ),
  ).changeValidationStatus;
  expect(validated.history.map((h: any) => h.status)).toEqual(["TO_VALIDATE", "VALIDATED"]);
  const back = await q(
    `mutation V($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`,
    {
      input: { offerId: offer.id, status: "IN_PREPARATION" },
    },
  );
  expect(errorCodes(back)).toEqual(["CONFLICT"]);
  const after = ok(
    await q(`{ municipality(nisCode: "44021") { validatedPlaces targetPlaces(regionalTarget: 30000) } }`),
  ).municipality;
  expect(after.validatedPlaces).toBe(before + 30);
  expect(after.targetPlaces).toBe(1223);

  const bad = readFileSync(
    join(__dirname, "..", "..", "subgraphs", "housing", "data", "sample-housing-offers-with-errors.csv"),
    "utf8",
  );
  const report = ok(
    await q(
      `mutation I($input: ImportHousingOffersInput!) { importHousingOffers(input: $input) { written created rejected { row column reason } } }`,
      {
        input: { csv: bad },
      },
    ),
  ).importHousingOffers;
  expect(report.written).toBe(false);
  expect(report.created).toBe(0);
  expect(report.rejected[0]).toEqual({
    row: 3,
    column: "nis_code",
    reason: "nis_code 99999 is not a known Flemish municipality.",
  });
  const list = ok(
    await q(
      `{ housingOffers(first: 10, filter: { status: TO_VALIDATE }) { totalCount edges { node { reference } } } }`,
    ),
  ).housingOffers;
  expect(list.edges.map((e: any) => e.node.reference)).not.toContain("WA-2022-0101");
});

test("allocations per province per day, with the cumulative Totaal", async () => {
  const rec = (date: string, nisCode: string, persons: number) =>
    q(`mutation A($input: RecordAllocationInput!) { recordAllocation(input: $input) { id } }`, {
      input: { date, nisCode, persons },
    }).then(ok);
  await rec("2022-04-04", "44021", 14);
  await rec("2022-04-05", "11002", 9);
  await rec("2022-04-05", "44021", 2);
  const t = ok(
    await q(
      `{ allocationsByProvince(from: "2022-04-05", to: "2022-04-05") { dates rows { province perDay total cumulative } totals grandTotal cumulativeGrandTotal } }`,
    ),
  ).allocationsByProvince;
  expect(t.dates).toEqual(["2022-04-05"]);
  expect(t.rows.find((r: any) => r.province === "OOST_VLAANDEREN")).toEqual({
    province: "OOST_VLAANDEREN",
    perDay: [2],
    total: 2,
    cumulative: 16,
  });
  expect(t.rows.find((r: any) => r.province === "ANTWERPEN")).toEqual({
    province: "ANTWERPEN",
    perDay: [9],
    total: 9,
    cumulative: 9,
  });
  expect([t.totals, t.grandTotal, t.cumulativeGrandTotal]).toEqual([[11], 11, 25]);
});

test("a centre's day: occupancy series, hygiene kit on arrival, low stock, residents' committee", async () => {
  const siteId = await validatedSite(graph, "Day centre", [4, 2]);
  const coord = siteCoordinator(siteId);
  const today = todayInBrussels();
  const family = await registerHousehold(graph, 4, "Boyko");
  ok(
    await graph.query(
      `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`,
      { input: { householdId: family.householdId, siteId, moveInDate: today } },
      HOUSING,
      "PLACEMENT",
    ),
  );
  const series = ok(
    await q(
      `query S($d: Date!, $s: ID) { occupancySeries(from: $d, to: $d, siteId: $s) { places validatedPlaces occupied { value suppressed } available } }`,
      { d: today, s: siteId },
    ),
  ).occupancySeries;
  // 4 residents are 1–4 people: suppressed, and available (6 - 4) withheld so it does not give them back.
  expect(series).toEqual([
    { places: 6, validatedPlaces: 6, occupied: { value: null, suppressed: true }, available: null },
  ]);
  ok(
    await q(
      `mutation R($input: StockInput!) { receiveStock(input: $input) { quantity } }`,
      { input: { siteId, item: "hygiene kit", quantity: 5, lowStockThreshold: 3 } },
      coord,
    ),
  );
  const issued = ok(
    await q(
      `mutation I($input: IssueStockInput!) { issueStock(input: $input) { quantity low } }`,
      {
        input: { siteId, item: "hygiene kit", quantity: 4, personId: family.memberIds[0], note: "arrival" },
      },
      coord,
    ),
  ).issueStock;
  expect(issued).toEqual({ quantity: 1, low: true });
  const none = await q(
    `mutation I($input: IssueStockInput!) { issueStock(input: $input) { quantity } }`,
    { input: { siteId, item: "hygiene kit", quantity: 2 } },
    coord,
  );
  expect(errorCodes(none)).toEqual(["CONFLICT"]);
  expect(ok(await q(`query L($s: ID) { lowStock(siteId: $s) { item quantity } }`, { s: siteId })).lowStock).toEqual([
    { item: "hygiene kit", quantity: 1 },
  ]);
  const committee = ok(
    await q(
      `mutation E($input: ElectCommitteeInput!) { electCommittee(input: $input) { id members { role person { id givenName } } } }`,
      {
        input: {
          siteId,
          termStart: "2022-06-01",
          termEnd: "2022-12-31",
          members: [{ personId: family.memberIds[0], role: "chair" }],
        },
      },
      coord,
    ),
  ).electCommittee;
  expect(committee.members).toEqual([{ role: "chair", person: { id: family.memberIds[0], givenName: "Boykoa" } }]);
  const stranger = await registerHousehold(graph, 1, "Stranger");
  const refused = await q(`mutation E($input: ElectCommitteeInput!) { electCommittee(input: $input) { id } }`, {
    input: { siteId, termStart: "2022-06-01", termEnd: "2022-12-31", members: [{ personId: stranger.memberIds[0] }] },
  });
  expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
  expect(ok(await place(graph, stranger.householdId, siteId)).placeHousehold).toHaveLength(1);
});
