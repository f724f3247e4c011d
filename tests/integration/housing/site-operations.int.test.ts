// Running a site: occupancy per day (validated capacity only), stock that never goes negative with low-stock warnings, and residents' committees of residents only.
import { todayInBrussels } from "@reception-graph/kit";
import { errorCodes } from "../../support/graphql";
import {
  CHANGE_STATUS,
  household,
  HousingWorld,
  ok,
  siteCoordinator,
  siteWithRooms,
  startHousing,
} from "./housing-test-kit";
import { AUDIT_LINES } from "../../support/audit";

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing(true);
});
afterAll(() => world?.stop());

const PLACE = `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id person { id } } }`;
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

test("occupancySeries per day: places, validated places, occupied, available, per site and municipality", async () => {
  const today = todayInBrussels();
  const nis = "44083"; // Zelzate: used by this test only
  const reg = (name: string) =>
    world
      .query(`mutation R($input: RegisterSiteInput!) { registerSite(input: $input) { id offer { id } } }`, {
        input: { name, kind: "COLLECTIVE_HOUSING", operator: "City", nisCode: nis, address: "x", sustainable: true },
      })
      .then((r) => ok(r).registerSite);
  const a = await reg("Series A");
  const b = await reg("Series B");
  for (const [s, beds] of [
    [a, 4],
    [b, 3],
  ] as const)
    ok(
      await world.query(`mutation A($input: AddRoomInput!) { addRoom(input: $input) { id } }`, {
        input: { siteId: s.id, label: "1", beds, floorAreaM2: 20 },
      }),
    );
  ok(
    await world.query(
      `mutation C($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { id } }`,
      { input: { offerId: a.offer.id, status: "VALIDATED" } },
    ),
  );
  const h = await household(world, 3, "Series");
  ok(await world.query(PLACE, { input: { householdId: h.householdId, siteId: a.id, moveInDate: today } }));
  const Q = `query O($from: Date!, $to: Date!, $siteId: ID, $nis: ID) { occupancySeries(from: $from, to: $to, siteId: $siteId, nisCode: $nis) {
    date places validatedPlaces occupied { value suppressed } available sites } }`;
  const byNis = ok(await world.query(Q, { from: addDays(today, -1), to: addDays(today, 1), nis })).occupancySeries;
  const zero = { value: 0, suppressed: false };
  // 3 residents: suppressed (1–4 people), and available (4 - 3 = 1) with it.
  const hidden = { value: null, suppressed: true };
  expect(byNis).toEqual([
    { date: addDays(today, -1), places: 0, validatedPlaces: 0, occupied: zero, available: 0, sites: 0 },
    { date: today, places: 7, validatedPlaces: 4, occupied: hidden, available: null, sites: 2 },
    { date: addDays(today, 1), places: 7, validatedPlaces: 4, occupied: hidden, available: null, sites: 2 },
  ]);
  const bySite = ok(await world.query(Q, { from: today, to: today, siteId: b.id })).occupancySeries;
  expect(bySite).toEqual([{ date: today, places: 3, validatedPlaces: 0, occupied: zero, available: 0, sites: 1 }]);
  expect(errorCodes(await world.query(Q, { from: today, to: addDays(today, -3) }))).toEqual(["BAD_USER_INPUT"]);
});

const RECEIVE = `mutation R($input: StockInput!) { receiveStock(input: $input) { item quantity lowStockThreshold low site { id } } }`;
const ISSUE = `mutation I($input: IssueStockInput!) { issueStock(input: $input) { item quantity low } }`;

test("stock: receive, issue a hygiene kit to a resident, never below zero, low-stock list", async () => {
  const { siteId } = await siteWithRooms(world, "Stocked", [2]);
  const other = await siteWithRooms(world, "Other stock", [1]);
  const coord = siteCoordinator(siteId);
  expect(
    ok(
      await world.query(RECEIVE, { input: { siteId, item: "Hygiene  Kit", quantity: 3, lowStockThreshold: 2 } }, coord),
    ).receiveStock,
  ).toEqual({ item: "hygiene kit", quantity: 3, lowStockThreshold: 2, low: false, site: { id: siteId } });
  ok(await world.query(RECEIVE, { input: { siteId, item: "bedding set", quantity: 10, lowStockThreshold: 4 } }, coord));
  const h = await household(world, 1, "Stock");
  const [p] = ok(
    await world.query(PLACE, { input: { householdId: h.householdId, siteId, moveInDate: "2022-04-10" } }),
  ).placeHousehold;
  expect(
    ok(await world.query(ISSUE, { input: { siteId, item: "hygiene kit", quantity: 2, personId: p.person.id } }, coord))
      .issueStock,
  ).toEqual({ item: "hygiene kit", quantity: 1, low: true });
  const tooMany = await world.query(ISSUE, { input: { siteId, item: "hygiene kit", quantity: 2 } }, coord);
  expect(errorCodes(tooMany)).toEqual(["CONFLICT"]);
  expect(tooMany.errors![0].message).toContain("Only 1 hygiene kit");
  const low = ok(
    await world.query(`query L($s: ID) { lowStock(siteId: $s) { item quantity lowStockThreshold } }`, { s: siteId }),
  ).lowStock;
  expect(low).toEqual([{ item: "hygiene kit", quantity: 1, lowStockThreshold: 2 }]);
  // Handing to someone who does not live there, or on another site, is refused.
  const stranger = await household(world, 1, "Stranger");
  const notResident = await world.query(ISSUE, {
    input: { siteId, item: "bedding set", quantity: 1, personId: stranger.memberIds[0] },
  });
  expect(errorCodes(notResident)).toEqual(["BAD_USER_INPUT"]);
  expect(
    errorCodes(await world.query(RECEIVE, { input: { siteId: other.siteId, item: "soap", quantity: 1 } }, coord)),
  ).toEqual(["FORBIDDEN"]);
  const movements = await world.housing.db.dataSource.query(
    `SELECT delta, person_id FROM stock_movement m JOIN stock_level l ON l.id = m.stock_level_id WHERE l.site_id = $1 AND l.item = 'hygiene kit' ORDER BY m.at`,
    [siteId],
  );
  expect(movements).toEqual([
    { delta: 3, person_id: null },
    { delta: -2, person_id: p.person.id },
  ]);
  const site = ok(
    await world.query(`query S($id: ID!) { site(id: $id) { stock { item quantity low } } }`, { id: siteId }),
  ).site;
  expect(site.stock).toEqual([
    { item: "bedding set", quantity: 10, low: false },
    { item: "hygiene kit", quantity: 1, low: true },
  ]);
});

test("the database keeps stock at zero or more even under concurrent issues", async () => {
  const { siteId } = await siteWithRooms(world, "Last kits", [1]);
  ok(await world.query(RECEIVE, { input: { siteId, item: "soap", quantity: 5 } }));
  const results = await Promise.all(
    Array.from({ length: 10 }, () => world.query(ISSUE, { input: { siteId, item: "soap", quantity: 1 } })),
  );
  expect(results.filter((r) => !r.errors)).toHaveLength(5);
  expect(results.filter((r) => r.errors).every((r) => errorCodes(r).join() === "CONFLICT")).toBe(true);
  const [{ quantity }] = await world.housing.db.dataSource.query(
    `SELECT quantity FROM stock_level WHERE site_id = $1`,
    [siteId],
  );
  expect(quantity).toBe(0);
});

const ELECT = `mutation E($input: ElectCommitteeInput!) { electCommittee(input: $input) { id termStart termEnd site { id } members { role person { id } } } }`;

test("a residents' committee: members must live at the site, with a term", async () => {
  const { siteId } = await siteWithRooms(world, "Committee site", [3, 2]);
  const h1 = await household(world, 3, "Voice");
  const h2 = await household(world, 2, "Choice");
  const p1 = ok(
    await world.query(PLACE, { input: { householdId: h1.householdId, siteId, moveInDate: "2022-04-10" } }),
  ).placeHousehold;
  const p2 = ok(
    await world.query(PLACE, { input: { householdId: h2.householdId, siteId, moveInDate: "2022-04-10" } }),
  ).placeHousehold;
  const coord = siteCoordinator(siteId);
  const input = {
    siteId,
    termStart: "2022-06-01",
    termEnd: "2022-11-30",
    members: [
      { personId: p1[0].person.id, role: "chair" },
      { personId: p2[0].person.id, role: "secretary" },
    ],
  };
  const c = ok(await world.query(ELECT, { input }, coord)).electCommittee;
  expect(c.members).toHaveLength(2);
  expect(c.members).toContainEqual({ role: "chair", person: { id: p1[0].person.id } });
  const site = ok(
    await world.query(`query S($id: ID!) { site(id: $id) { committee { id termEnd } } }`, { id: siteId }, coord),
  ).site;
  expect(site.committee).toEqual({ id: c.id, termEnd: "2022-11-30" });
  const outsider = await household(world, 1, "Outsider");
  const bad = await world.query(ELECT, { input: { ...input, members: [{ personId: outsider.memberIds[0] }] } });
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.members[0].personId");
  const term = await world.query(ELECT, { input: { ...input, termEnd: "2022-05-01" } });
  expect(bad.errors![0].extensions!.field).toBeDefined();
  expect(term.errors![0].extensions!.field).toBe("input.termEnd");
  const otherCoord = siteCoordinator("00000000-0000-4000-8000-00000000abcd");
  expect(errorCodes(await world.query(ELECT, { input }, otherCoord))).toEqual(["FORBIDDEN"]);
});

test("occupancySeries over a site's history: before registration, before validation, with residents, after a move-out", async () => {
  const { siteId, offerId } = await siteWithRooms(world, "Series history", [2, 1], false);
  // The site was registered on 1 April 2022; its validation, recorded today, took effect on 10 April.
  const ds = world.housing.db.dataSource;
  await ds.query(`UPDATE site SET created_at = '2022-04-01T10:00:00+02:00' WHERE id = $1`, [siteId]);
  ok(await world.query(CHANGE_STATUS, { input: { offerId, status: "VALIDATED", effectiveOn: "2022-04-10" } }));
  const h = await household(world, 2, "History");
  const placed = ok(
    await world.query(PLACE, { input: { householdId: h.householdId, siteId, moveInDate: "2022-04-12" } }),
  ).placeHousehold;
  for (const p of placed)
    ok(
      await world.query(`mutation M($input: MoveOutInput!) { moveOut(input: $input) { id } }`, {
        input: { placementId: p.id, date: "2022-04-20", reason: "own flat" },
      }),
    );
  const series = ok(
    await world.query(
      `query O($s: ID) { occupancySeries(from: "2022-03-31", to: "2022-04-21", siteId: $s) { date places validatedPlaces occupied { value suppressed } available sites } }`,
      { s: siteId },
    ),
  ).occupancySeries;
  expect(series).toHaveLength(22);
  const on = (date: string) => series.find((p: any) => p.date === date);
  // 2 residents are 1–4 people: suppressed, and available (validated places - occupied) withheld with them.
  const point = (date: string, places: number, validatedPlaces: number, occupied: number, sites: number) => ({
    date,
    places,
    validatedPlaces,
    occupied: occupied === 0 ? { value: 0, suppressed: false } : { value: null, suppressed: true },
    available: occupied === 0 ? validatedPlaces : null,
    sites,
  });
  expect(on("2022-03-31")).toEqual(point("2022-03-31", 0, 0, 0, 0));
  expect(on("2022-04-01")).toEqual(point("2022-04-01", 3, 0, 0, 1));
  expect(on("2022-04-09")).toEqual(point("2022-04-09", 3, 0, 0, 1));
  expect(on("2022-04-10")).toEqual(point("2022-04-10", 3, 3, 0, 1));
  expect(on("2022-04-12")).toEqual(point("2022-04-12", 3, 3, 2, 1));
  expect(on("2022-04-19")).toEqual(point("2022-04-19", 3, 3, 2, 1));
  // Moved out on the 20th: the beds are free at the end of that day.
  expect(on("2022-04-20")).toEqual(point("2022-04-20", 3, 3, 0, 1));
  expect(on("2022-04-21")).toEqual(point("2022-04-21", 3, 3, 0, 1));
});

test("who sits on a committee says who lives at the site: housing data, scoped and audited", async () => {
  const { siteId } = await siteWithRooms(world, "Committee privacy", [1]);
  const h = await household(world, 1, "Member");
  ok(await world.query(PLACE, { input: { householdId: h.householdId, siteId, moveInDate: "2022-04-10" } }));
  const personId = h.memberIds[0];
  ok(
    await world.query(
      ELECT,
      { input: { siteId, termStart: "2022-06-01", termEnd: "2022-11-30", members: [{ personId, role: "chair" }] } },
      siteCoordinator(siteId),
    ),
  );
  const READ = `query S($id: ID!) { site(id: $id) { committee { members { role person { id } } } } }`;
  const analyst = { sub: "analyst-1", org: "CITY_GHENT", roles: ["ANALYST"] } as const;
  const otherCoord = siteCoordinator("00000000-0000-4000-8000-00000000abce");
  for (const [as, purpose] of [
    [analyst, "REPORTING"],
    [otherCoord, "PLACEMENT"],
  ] as const) {
    const res = await world.query(READ, { id: siteId }, { ...as, roles: [...as.roles] }, purpose);
    // Every member field refuses on its own (role and person), each FORBIDDEN.
    expect(errorCodes(res).length).toBeGreaterThan(0);
    expect([...new Set(errorCodes(res))]).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(res.data ?? null)).not.toContain(personId);
  }
  const noPurpose = await world.query(READ, { id: siteId }, siteCoordinator(siteId), null);
  expect(errorCodes(noPurpose)).toEqual(["PURPOSE_REQUIRED"]);
  const own = ok(await world.query(READ, { id: siteId }, siteCoordinator(siteId))).site;
  expect(own.committee.members).toEqual([{ role: "chair", person: { id: personId } }]);
  const audit = await world.housing.db.dataSource.query(
    `SELECT subject, outcome, reason FROM ${AUDIT_LINES} WHERE person_id = $1 AND 'CommitteeMember.person' = ANY(fields) ORDER BY at`,
    [personId],
  );
  expect(audit).toEqual([
    // electCommittee's own answer lists the members: an allowed read by the site's coordinator.
    { subject: siteCoordinator(siteId).sub, outcome: "ALLOWED", reason: null },
    { subject: otherCoord.sub, outcome: "REFUSED", reason: "FORBIDDEN" },
    { subject: siteCoordinator(siteId).sub, outcome: "ALLOWED", reason: null },
  ]);
  // Refused before any member was read (no housing grant, no purpose): recorded on the committee field.
  const early = await world.housing.db.dataSource.query(
    `SELECT subject, outcome, reason FROM ${AUDIT_LINES} WHERE 'Site.committee' = ANY(fields) AND outcome = 'REFUSED' ORDER BY at`,
  );
  expect(early).toEqual([
    { subject: "analyst-1", outcome: "REFUSED", reason: "FORBIDDEN" },
    { subject: siteCoordinator(siteId).sub, outcome: "REFUSED", reason: "PURPOSE_REQUIRED" },
  ]);
});
