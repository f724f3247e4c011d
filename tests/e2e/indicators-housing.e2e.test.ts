// Scenario: through the gateway, the city registers four sites (two IOM centres in Gent validated since
// 1 January 2022, a collective site in Antwerpen validated with effect from 15 June 2022, a centre in Gent still
// to validate), places three households in May 2022 and records five move-outs. A reporting officer (ANALYST,
// purpose REPORTING) reads housing's indicators for May (all sites and one site), the coordination series with
// each filter and occupancy per day; the other subgraphs' way in (housing's internal _siteResidents and
// _operationalCentres, called exactly as the kit's SitesPeer does) and the report's _entities on housing directly.
// Every figure is hand-computed below; the analyst is refused personal housing data.
import { Province, SitesPeer, todayInBrussels, ValidationStatus } from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { errorCodes, postGraphql } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { HOUSING, ok, registerHousehold } from "../support/fixtures";
import { internalToken, TokenClaims } from "../support/tokens";

const ANALYST: TokenClaims = { sub: "analyst-1", org: "IOM", roles: ["ANALYST"] };

let graph: RunningGraph;
// Alfa, Bravo: IOM centres in Gent (8 and 3 beds), validated from 2022-01-01. Charlie: collective housing in
// Antwerpen (2 beds), validated with effect from 2022-06-15. Delta: a centre in Gent (2 beds), TO_VALIDATE.
const site: Record<"alfa" | "bravo" | "charlie" | "delta", string> = { alfa: "", bravo: "", charlie: "", delta: "" };
// Alfa: Echo's household (4) and Foxtrot's (3), in on 2022-05-02; Foxtrot's three out on 2022-05-12 (10 days each).
// Bravo: Golf's household (3), in on 2022-05-03; two of them out on 2022-05-23 (20 days each).
let echo: string[];
let foxtrot: string[];
let golf: string[];

async function registerSite(
  name: string,
  kind: string,
  nisCode: string,
  beds: number[],
  effectiveOn: string | null,
): Promise<string> {
  const s = ok(
    await graph.query(
      `mutation S($input: RegisterSiteInput!) { registerSite(input: $input) { id offer { id } } }`,
      { input: { name, kind, operator: "IOM", nisCode, address: `${name} 1`, sustainable: true } },
      HOUSING,
      "PLACEMENT",
    ),
  ).registerSite;
  for (const [i, b] of beds.entries())
    ok(
      await graph.query(
        `mutation R($input: AddRoomInput!) { addRoom(input: $input) { id } }`,
        { input: { siteId: s.id, label: `K${i + 1}`, beds: b, floorAreaM2: 4 * b + 2 } },
        HOUSING,
        "PLACEMENT",
      ),
    );
  if (effectiveOn)
    ok(
      await graph.query(
        `mutation V($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`,
        { input: { offerId: s.offer.id, status: "VALIDATED", note: "inspected", effectiveOn } },
        HOUSING,
        "PLACEMENT",
      ),
    );
  return s.id;
}

async function placeOn(householdId: string, siteId: string, moveInDate: string): Promise<Map<string, string>> {
  const placed = ok(
    await graph.query(
      `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id person { id } } }`,
      { input: { householdId, siteId, moveInDate } },
      HOUSING,
      "PLACEMENT",
    ),
  ).placeHousehold;
  return new Map(placed.map((p: any) => [p.person.id, p.id]));
}

async function moveOut(placementId: string, date: string) {
  ok(
    await graph.query(
      `mutation M($input: MoveOutInput!) { moveOut(input: $input) { id } }`,
      { input: { placementId, date, reason: "own flat" } },
      HOUSING,
      "PLACEMENT",
    ),
  );
}

beforeAll(async () => {
  graph = await startGraph();
  site.alfa = await registerSite("Alfa", "RECEPTION_CENTRE", "44021", [4, 4], "2022-01-01");
  site.bravo = await registerSite("Bravo", "RECEPTION_CENTRE", "44021", [3], "2022-01-01");
  site.charlie = await registerSite("Charlie", "COLLECTIVE_HOUSING", "11002", [2], "2022-06-15");
  site.delta = await registerSite("Delta", "RECEPTION_CENTRE", "44021", [2], null);
  const e = await registerHousehold(graph, 4, "Echo");
  const f = await registerHousehold(graph, 3, "Foxtrot");
  const g = await registerHousehold(graph, 3, "Golf");
  [echo, foxtrot, golf] = [e.memberIds, f.memberIds, g.memberIds];
  await placeOn(e.householdId, site.alfa, "2022-05-02");
  const fp = await placeOn(f.householdId, site.alfa, "2022-05-02");
  const gp = await placeOn(g.householdId, site.bravo, "2022-05-03");
  for (const id of foxtrot) await moveOut(fp.get(id)!, "2022-05-12");
  for (const id of golf.slice(0, 2)) await moveOut(gp.get(id)!, "2022-05-23");
}, 120_000);
afterAll(() => graph?.stop());

const REPORT = `query I($from: Date!, $to: Date!, $siteId: ID) { indicators(from: $from, to: $to, siteId: $siteId) {
  from to siteId
  centresOperational { code level unit value numerator denominator suppressed baseline target met }
  placesTotal
  placesOccupied { value suppressed }
  occupancyRate { value numerator denominator suppressed }
  moveOuts { value suppressed }
  averageStayDays { value basis suppressed } } }`;

const asAnalyst = (query: string, variables: Record<string, unknown> = {}) =>
  graph.query(query, variables, ANALYST, "REPORTING");

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

test("May 2022, all sites: every housing figure, the centres against the results matrix's target", async () => {
  const r = ok(await asAnalyst(REPORT, { from: "2022-05-01", to: "2022-05-31" })).indicators;
  expect(r).toEqual({
    from: "2022-05-01",
    to: "2022-05-31",
    siteId: null,
    // Alfa and Bravo are centres VALIDATED on 31 May; Charlie is not a centre (nor validated until 15 June),
    // Delta is not validated: 2, the target (2) is met.
    centresOperational: {
      code: "OUTPUT_1_1",
      level: "Output 1.1",
      unit: "COUNT",
      value: 2,
      numerator: null,
      denominator: null,
      suppressed: false,
      baseline: 0,
      target: 2,
      met: true,
    },
    // Beds VALIDATED on 31 May: Alfa 8 + Bravo 3 = 11 (Charlie from 15 June, Delta never).
    placesTotal: 11,
    // End of 31 May: Alfa 4 (Echo) + Bravo 1 (the last of Golf's) = 5: shown.
    placesOccupied: shown(5),
    // 5 / 11 = 45.45… → 45.5.
    occupancyRate: { value: 45.5, numerator: 5, denominator: 11, suppressed: false },
    // Foxtrot's 3 on 12 May + 2 of Golf's on 23 May = 5.
    moveOuts: shown(5),
    // (3 × 10 + 2 × 20) / 5 = 70 / 5 = 14.
    averageStayDays: { value: 14, basis: 5, suppressed: false },
  });
});

test("one site: people suppressed (placesOccupied, occupancyRate, moveOuts, averageStayDays), places and centres shown", async () => {
  const alfa = ok(await asAnalyst(REPORT, { from: "2022-05-01", to: "2022-05-31", siteId: site.alfa })).indicators;
  expect(alfa).toMatchObject({
    siteId: site.alfa,
    // One centre out of the target of two: not met.
    centresOperational: { value: 1, target: 2, met: false, suppressed: false },
    placesTotal: 8,
    // 4 people (Echo's household): 1–4, suppressed; the rate built on it too.
    placesOccupied: hidden,
    occupancyRate: { value: null, numerator: null, denominator: null, suppressed: true },
    // Foxtrot's 3 moved out: suppressed, and the average over them.
    moveOuts: hidden,
    averageStayDays: { value: null, basis: null, suppressed: true },
  });
  // Delta (never validated, nobody placed): every count is a 0 shown as 0.
  const delta = ok(await asAnalyst(REPORT, { from: "2022-05-01", to: "2022-05-31", siteId: site.delta })).indicators;
  expect(delta).toMatchObject({
    centresOperational: { value: 0, met: false, suppressed: false },
    placesTotal: 0,
    placesOccupied: shown(0),
    occupancyRate: { value: null, numerator: 0, denominator: 0, suppressed: false },
    moveOuts: shown(0),
    averageStayDays: { value: null, basis: 0, suppressed: false },
  });
  // Charlie in June: its VALIDATED status takes effect on 15 June, so its 2 beds count on 30 June; not a centre.
  const charlie = ok(
    await asAnalyst(REPORT, { from: "2022-06-01", to: "2022-06-30", siteId: site.charlie }),
  ).indicators;
  expect(charlie).toMatchObject({ centresOperational: { value: 0 }, placesTotal: 2, placesOccupied: shown(0) });
});

test("indicators: a bad period is BAD_USER_INPUT naming the field, an unknown site NOT_FOUND", async () => {
  const back = await asAnalyst(REPORT, { from: "2022-05-31", to: "2022-05-01" });
  expect(errorCodes(back)).toEqual(["BAD_USER_INPUT"]);
  expect(back.errors![0].extensions!.field).toBe("to");
  const long = await asAnalyst(REPORT, { from: "2022-01-01", to: "2023-01-02" });
  expect(errorCodes(long)).toEqual(["BAD_USER_INPUT"]);
  expect(errorCodes(await asAnalyst(REPORT, { from: "2022-05-01", to: "2022-05-31", siteId: "x" }))).toEqual([
    "BAD_USER_INPUT",
  ]);
  expect(errorCodes(await asAnalyst(REPORT, { from: "2022-05-01", to: "2022-05-31", siteId: randomUUID() }))).toEqual([
    "NOT_FOUND",
  ]);
});

test("sitesByMunicipality and sitesByProvince with each filter", async () => {
  const Q = `query S($f: CoordinationFilter) {
    sitesByMunicipality(filter: $f) { municipality { nisCode name } province sites places }
    sitesByProvince(filter: $f) { province sites places } }`;
  const run = async (f: Record<string, unknown> | null) => ok(await asAnalyst(Q, { f }));
  const antwerpen = { municipality: { nisCode: "11002", name: "Antwerpen" }, province: "ANTWERPEN" };
  const gent = { municipality: { nisCode: "44021", name: "Gent" }, province: "OOST_VLAANDEREN" };
  const provinces = (a: [number, number], o: [number, number]) => [
    { province: "ANTWERPEN", sites: a[0], places: a[1] },
    { province: "LIMBURG", sites: 0, places: 0 },
    { province: "OOST_VLAANDEREN", sites: o[0], places: o[1] },
    { province: "VLAAMS_BRABANT", sites: 0, places: 0 },
    { province: "WEST_VLAANDEREN", sites: 0, places: 0 },
  ];
  // No filter: Antwerpen Charlie (2 beds); Gent Alfa 8 + Bravo 3 + Delta 2 = 13 beds on 3 sites.
  const all = await run(null);
  expect(all.sitesByMunicipality).toEqual([
    { ...antwerpen, sites: 1, places: 2 },
    { ...gent, sites: 3, places: 13 },
  ]);
  expect(all.sitesByProvince).toEqual(provinces([1, 2], [3, 13]));
  expect((await run({ province: "OOST_VLAANDEREN" })).sitesByMunicipality).toEqual([{ ...gent, sites: 3, places: 13 }]);
  expect((await run({ nisCode: "11002" })).sitesByProvince).toEqual(provinces([1, 2], [0, 0]));
  expect((await run({ siteId: site.bravo })).sitesByMunicipality).toEqual([{ ...gent, sites: 1, places: 3 }]);
  // Status in effect today: Charlie is VALIDATED now (since 15 June 2022), Delta still TO_VALIDATE.
  expect((await run({ validationStatus: "VALIDATED" })).sitesByProvince).toEqual(provinces([1, 2], [2, 11]));
  expect((await run({ validationStatus: "TO_VALIDATE" })).sitesByMunicipality).toEqual([
    { ...gent, sites: 1, places: 2 },
  ]);
  // Registration day: Alfa and Bravo count from 1 January 2022 (their validation took effect then, recorded
  // today), Charlie from 15 June 2022, Delta from today.
  expect((await run({ createdTo: "2022-03-01" })).sitesByMunicipality).toEqual([{ ...gent, sites: 2, places: 11 }]);
  expect((await run({ createdFrom: "2022-06-01", createdTo: "2022-12-31" })).sitesByMunicipality).toEqual([
    { ...antwerpen, sites: 1, places: 2 },
  ]);
  expect((await run({ createdFrom: todayInBrussels() })).sitesByProvince).toEqual(provinces([0, 0], [1, 2]));
  // Together: Gent's validated sites registered by March.
  expect(
    (await run({ nisCode: "44021", validationStatus: "VALIDATED", createdTo: "2022-03-01" })).sitesByProvince,
  ).toEqual(provinces([0, 0], [2, 11]));
  // Unknown site or municipality: BAD_USER_INPUT naming the filter's field, not an empty table.
  for (const [f, field] of [
    [{ siteId: randomUUID() }, "filter.siteId"],
    [{ nisCode: "99999" }, "filter.nisCode"],
    [{ createdFrom: "2022-06-01", createdTo: "2022-05-01" }, "filter.createdTo"],
  ] as const) {
    const raw = await asAnalyst(Q, { f });
    expect(errorCodes(raw)).toEqual(["BAD_USER_INPUT"]);
    expect(raw.errors![0].extensions!.field).toBe(field);
  }
});

test("occupancySeries with a filter: occupied suppressed when 1–4 and available withheld with it", async () => {
  const Q = `query O($from: Date!, $to: Date!, $f: CoordinationFilter) { occupancySeries(from: $from, to: $to, filter: $f) {
    date places validatedPlaces occupied { value suppressed } available sites } }`;
  // Alfa on 11 May: 7 people (Echo 4 + Foxtrot 3), 8 - 7 = 1 free; on 12 May Foxtrot left: 4, suppressed.
  expect(
    ok(await asAnalyst(Q, { from: "2022-05-11", to: "2022-05-12", f: { siteId: site.alfa } })).occupancySeries,
  ).toEqual([
    { date: "2022-05-11", places: 8, validatedPlaces: 8, occupied: shown(7), available: 1, sites: 1 },
    { date: "2022-05-12", places: 8, validatedPlaces: 8, occupied: hidden, available: null, sites: 1 },
  ]);
  // Validated today (Alfa, Bravo, Charlie), on 31 May: Charlie not yet in the figures (from 15 June);
  // 8 + 3 = 11 places, 4 + 1 = 5 people, (8 - 4) + (3 - 1) = 6 free.
  const may31 = { date: "2022-05-31", places: 11, validatedPlaces: 11, occupied: shown(5), available: 6, sites: 2 };
  expect(
    ok(await asAnalyst(Q, { from: "2022-05-31", to: "2022-05-31", f: { validationStatus: "VALIDATED" } }))
      .occupancySeries,
  ).toEqual([may31]);
  expect(
    ok(await asAnalyst(Q, { from: "2022-05-31", to: "2022-05-31", f: { nisCode: "44021", createdTo: "2022-03-01" } }))
      .occupancySeries,
  ).toEqual([may31]);
  // Antwerpen on 31 May: nothing yet, a 0 shown.
  expect(
    ok(await asAnalyst(Q, { from: "2022-05-31", to: "2022-05-31", f: { province: "ANTWERPEN" } })).occupancySeries,
  ).toEqual([{ date: "2022-05-31", places: 0, validatedPlaces: 0, occupied: shown(0), available: 0, sites: 0 }]);
  const unknown = await asAnalyst(Q, { from: "2022-05-31", to: "2022-05-31", f: { siteId: randomUUID() } });
  expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
});

describe("the internal queries, called as the kit's SitesPeer calls them", () => {
  const peerAs = async (claims: TokenClaims, purpose: "REPORTING" | "CARE" | "CASE_MANAGEMENT") =>
    new SitesPeer({
      peers: { urls: { housing: graph.subgraphUrls.housing } },
      token: await internalToken(claims, purpose, ["housing"]),
      requestId: randomUUID(),
    });
  const sorted = (ids: Iterable<string>) => [...ids].sort();

  test.each([
    [ANALYST, "REPORTING"],
    [{ sub: "caw-1", org: "CAW", roles: ["CARE_WORKER"], organisations: ["CAW_OOST_VLAANDEREN"] }, "CARE"],
    [{ sub: "sw-2", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] }, "CASE_MANAGEMENT"],
  ] as const)("%j with purpose %s: residents and operational centres (keys only)", async (claims, purpose) => {
    const peer = await peerAs(claims as TokenClaims, purpose);
    // Alfa in May: Echo's 4 and Foxtrot's 3.
    expect(sorted(await peer.residents({ siteId: site.alfa }, "2022-05-01", "2022-05-31"))).toEqual(
      sorted([...echo, ...foxtrot]),
    );
    // From 13 May Foxtrot's household had left (out on the 12th).
    expect(sorted(await peer.residents({ siteId: site.alfa }, "2022-05-13", "2022-05-31"))).toEqual(sorted(echo));
    // Oost-Vlaanderen: Alfa's 7 and Bravo's 3 (two of Golf's left on the 23rd, within the period).
    expect(sorted(await peer.residents({ province: Province.OOST_VLAANDEREN }, "2022-05-01", "2022-05-31"))).toEqual(
      sorted([...echo, ...foxtrot, ...golf]),
    );
    // Delta, still to validate: nobody.
    expect([
      ...(await peer.residents({ validationStatus: ValidationStatus.TO_VALIDATE }, "2022-05-01", "2022-05-31")),
    ]).toEqual([]);
    expect(sorted(await peer.operationalCentres("2022-05-01", "2022-05-31", null))).toEqual(
      sorted([site.alfa, site.bravo]),
    );
    expect(await peer.operationalCentres("2022-05-01", "2022-05-31", site.alfa)).toEqual([site.alfa]);
    expect(await peer.operationalCentres("2022-06-01", "2022-06-30", site.charlie)).toEqual([]);
  });

  test("refused: an empty filter (everyone's IDs), a bad period, an unknown site; hidden from the gateway", async () => {
    const peer = await peerAs(ANALYST, "REPORTING");
    await expect(peer.residents({}, "2022-05-01", "2022-05-31")).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
    await expect(peer.residents({ siteId: site.alfa }, "2022-05-31", "2022-05-01")).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
    await expect(peer.residents({ siteId: randomUUID() }, "2022-05-01", "2022-05-31")).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
    await expect(peer.operationalCentres("2022-05-01", "2022-05-31", randomUUID())).rejects.toMatchObject({
      extensions: { code: "NOT_FOUND" },
    });
    const viaGateway = await asAnalyst(
      `{ _siteResidents(filter: { siteId: "${site.alfa}" }, from: "2022-05-01", to: "2022-05-31") }`,
    );
    // Not part of the public graph: the gateway does not know the field.
    expect(errorCodes(viaGateway)).toEqual(["BAD_USER_INPUT"]);
    expect(viaGateway.errors![0].message).toMatch(/Cannot query field "_siteResidents" on type "Query"/);
  });
});

test("_entities for IndicatorReport on housing directly (ANALYST, REPORTING)", async () => {
  const Q = `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport {
    from to siteId placesTotal placesOccupied { value suppressed } centresOperational { value met } } } }`;
  const headers = { authorization: `Bearer ${await internalToken(ANALYST, "REPORTING", ["housing"])}` };
  const res = await postGraphql(
    graph.subgraphUrls.housing,
    Q,
    {
      reps: [
        { __typename: "IndicatorReport", from: "2022-05-01", to: "2022-05-31", siteId: null },
        { __typename: "IndicatorReport", from: "2022-05-01", to: "2022-05-31", siteId: site.bravo },
      ],
    },
    headers,
  );
  expect(ok(res)._entities).toEqual([
    {
      from: "2022-05-01",
      to: "2022-05-31",
      siteId: null,
      placesTotal: 11,
      placesOccupied: shown(5),
      centresOperational: { value: 2, met: true },
    },
    // Bravo: 3 beds, 1 person left at the end of May (suppressed), one centre.
    {
      from: "2022-05-01",
      to: "2022-05-31",
      siteId: site.bravo,
      placesTotal: 3,
      placesOccupied: hidden,
      centresOperational: { value: 1, met: false },
    },
  ]);
  const bad = await postGraphql(
    graph.subgraphUrls.housing,
    Q,
    { reps: [{ __typename: "IndicatorReport", from: "2022-05-31", to: "2022-05-01", siteId: null }] },
    { authorization: `Bearer ${await internalToken(ANALYST, "REPORTING", ["housing"])}` },
  );
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
});

test("ANALYST reads the aggregates above but is refused personal housing data", async () => {
  const moveOuts = await asAnalyst(`{ moveOuts(from: "2022-05-01", to: "2022-05-31") { id date reason } }`);
  expect(errorCodes(moveOuts)).toEqual(["FORBIDDEN"]);
  const residents = await asAnalyst(`query R($id: ID!) { site(id: $id) { name residents { totalCount } } }`, {
    id: site.alfa,
  });
  expect(errorCodes(residents)).toEqual(["FORBIDDEN"]);
});
