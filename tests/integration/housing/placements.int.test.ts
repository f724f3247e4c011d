// Placement: whole rooms per household by composition, beds never exceeded (also in the database and under concurrency), move-outs as events, and site coordinators limited to their own sites' residents.
import { todayInBrussels } from "@reception-graph/kit";
import { errorCodes } from "../../support/graphql";
import {
  household,
  HOUSING_COORDINATOR,
  HousingWorld,
  ok,
  siteCoordinator,
  siteWithRooms,
  startHousing,
} from "./housing-test-kit";
import { letters } from "../../support/names";
import { AUDIT_LINES } from "../../support/audit";

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing(true);
});
afterAll(() => world?.stop());

const PLACE = `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) {
  id person { id } household { id } site { id } room { id label } moveInDate moveOutDate } }`;
const MOVE_OUT = `mutation M($input: MoveOutInput!) { moveOut(input: $input) { id moveOutDate moveOutReason } }`;
const place = (householdId: string, siteId: string, as = undefined as any, extra: Record<string, unknown> = {}) =>
  world.query(PLACE, { input: { householdId, siteId, moveInDate: "2022-04-10", ...extra } }, as);

test("a family gets the smallest room that holds it, a bed each; occupancy follows", async () => {
  const { siteId } = await siteWithRooms(world, "Family site", [2, 4, 6]);
  const h = await household(world, 4);
  const placements = ok(await place(h.householdId, siteId)).placeHousehold;
  expect(placements).toHaveLength(4);
  expect(new Set(placements.map((p: any) => p.room.label))).toEqual(new Set(["R2"]));
  expect(placements.map((p: any) => p.person.id).sort()).toEqual([...h.memberIds].sort());
  expect(placements.every((p: any) => p.household.id === h.householdId && p.moveInDate === "2022-04-10")).toBe(true);
  const site = ok(
    await world.query(
      `query S($id: ID!) { site(id: $id) { occupancy { places occupied available } rooms { label occupied } } }`,
      { id: siteId },
    ),
  ).site;
  expect(site.occupancy).toEqual({ places: 12, occupied: 4, available: 8 });
  expect(site.rooms).toEqual([
    { label: "R1", occupied: 0 },
    { label: "R2", occupied: 4 },
    { label: "R3", occupied: 0 },
  ]);
});

test("a household never shares a room: one free bed in a taken room is no place", async () => {
  const { siteId } = await siteWithRooms(world, "Shared?", [2]);
  const a = await household(world, 1, "Bondarenko");
  const b = await household(world, 1, "Kovalenko");
  ok(await place(a.householdId, siteId));
  const res = await place(b.householdId, siteId);
  expect(errorCodes(res)).toEqual(["CAPACITY_EXCEEDED"]);
  expect(res.errors![0].message).toContain("without sharing a room");
});

test("a big household spans rooms with mother and children together", async () => {
  const { siteId, roomIds } = await siteWithRooms(world, "Two rooms", [3, 3]);
  // Members: woman (1988), children (2013, 2014, 2015), man (1986).
  const h = await household(world, 5, "Melnyk");
  const placements = ok(await place(h.householdId, siteId)).placeHousehold;
  const roomOf = new Map(placements.map((p: any) => [p.person.id, p.room.id]));
  const [woman, c1, c2, c3, man] = h.memberIds;
  expect(roomOf.get(woman)).toBe(roomOf.get(c1));
  expect(roomOf.get(c1)).toBe(roomOf.get(c2));
  expect(roomOf.get(c3)).toBe(roomOf.get(man));
  expect(new Set(roomOf.values())).toEqual(new Set(roomIds));
});

test("not validated, not enough beds, already placed: refused and nothing written", async () => {
  const pending = await siteWithRooms(world, "Pending", [4], false);
  const h = await household(world, 2, "Tkachenko");
  const res = await place(h.householdId, pending.siteId);
  expect(errorCodes(res)).toEqual(["CAPACITY_EXCEEDED"]);
  expect(res.errors![0].message).toContain("not validated");
  const small = await siteWithRooms(world, "Small", [1]);
  expect(errorCodes(await place(h.householdId, small.siteId))).toEqual(["CAPACITY_EXCEEDED"]);
  const [{ n }] = await world.housing.db.dataSource.query(
    `SELECT COUNT(*)::int AS n FROM placement WHERE household_id = $1`,
    [h.householdId],
  );
  expect(n).toBe(0);
  const ok1 = await siteWithRooms(world, "Roomy", [2]);
  ok(await place(h.householdId, ok1.siteId));
  const again = await place(h.householdId, small.siteId);
  expect(errorCodes(again)).toEqual(["CONFLICT"]);
  expect(errorCodes(await place("00000000-0000-4000-8000-000000000000", ok1.siteId))).toEqual(["NOT_FOUND"]);
  expect(errorCodes(await place(h.householdId, "not-an-id"))).toEqual(["BAD_USER_INPUT"]);
});

test("placeHousehold is repeat-safe with an idempotencyKey", async () => {
  const { siteId } = await siteWithRooms(world, "Idempotent", [3, 3]);
  const h = await household(world, 3, "Savchenko");
  const first = ok(await place(h.householdId, siteId, undefined, { idempotencyKey: "place-1" })).placeHousehold;
  const second = ok(await place(h.householdId, siteId, undefined, { idempotencyKey: "place-1" })).placeHousehold;
  expect(second.map((p: any) => p.id).sort()).toEqual(first.map((p: any) => p.id).sort());
});

test("the database refuses more people than beds and a second household in a room, whatever the application does", async () => {
  const { siteId, roomIds } = await siteWithRooms(world, "DB guard", [1, 1]);
  const ds = world.housing.db.dataSource;
  const ins = (person: string, household: string, room: string) =>
    ds.query(
      `INSERT INTO placement (person_id, household_id, site_id, room_id, move_in_date, created_by)
       VALUES ($1, $2, $3, $4, '2022-04-01', 'test')`,
      [person, household, siteId, room],
    );
  const hh = "11111111-1111-4111-8111-111111111111";
  await ins("21111111-1111-4111-8111-111111111111", hh, roomIds[0]);
  await expect(ins("31111111-1111-4111-8111-111111111111", hh, roomIds[0])).rejects.toThrow(/room_beds_not_exceeded/);
  await expect(
    ins("41111111-1111-4111-8111-111111111111", "51111111-1111-4111-8111-111111111111", roomIds[0]),
  ).rejects.toThrow(/room_one_household|room/);
  const pending = await siteWithRooms(world, "DB guard pending", [2], false);
  await expect(
    ds.query(
      `INSERT INTO placement (person_id, household_id, site_id, room_id, move_in_date, created_by)
       VALUES ('61111111-1111-4111-8111-111111111111', $1, $2, $3, '2022-04-01', 'test')`,
      [hh, pending.siteId, pending.roomIds[0]],
    ),
  ).rejects.toThrow(/site_occupied_only_when_validated/);
});

test("20 concurrent placements on a site with 10 beds never exceed them", async () => {
  const { siteId } = await siteWithRooms(world, "Rush", [1, 1, 2, 2, 4]);
  const households = [];
  for (let i = 0; i < 20; i++) households.push(await household(world, 1 + (i % 4), `Rush${letters(i)}`));
  const results = await Promise.all(households.map((h) => place(h.householdId, siteId)));
  const placed = results.filter((r) => !r.errors).reduce((s, r) => s + r.data.placeHousehold.length, 0);
  const refused = results.filter((r) => r.errors);
  expect(refused.every((r) => errorCodes(r).join() === "CAPACITY_EXCEEDED")).toBe(true);
  expect(placed).toBeLessThanOrEqual(10);
  const [site] = await world.housing.db.dataSource.query(
    `SELECT capacity, occupied, (SELECT COUNT(*)::int FROM placement p WHERE p.site_id = s.id AND move_out_date IS NULL) AS open
     FROM site s WHERE id = $1`,
    [siteId],
  );
  expect(site).toEqual({ capacity: 10, occupied: placed, open: placed });
});

test("moveOut ends a placement, frees the bed and is listed in moveOuts", async () => {
  const { siteId } = await siteWithRooms(world, "Leaving", [1]);
  const h = await household(world, 1, "Lysenko");
  const [p] = ok(await place(h.householdId, siteId)).placeHousehold;
  const early = await world.query(MOVE_OUT, { input: { placementId: p.id, date: "2022-04-01", reason: "x" } });
  expect(errorCodes(early)).toEqual(["BAD_USER_INPUT"]);
  const out = ok(
    await world.query(MOVE_OUT, { input: { placementId: p.id, date: "2022-05-02", reason: "own housing found" } }),
  ).moveOut;
  expect(out).toEqual({ id: p.id, moveOutDate: "2022-05-02", moveOutReason: "own housing found" });
  expect(
    errorCodes(await world.query(MOVE_OUT, { input: { placementId: p.id, date: "2022-05-03", reason: "again" } })),
  ).toEqual(["CONFLICT"]);
  const site = ok(
    await world.query(`query S($id: ID!) { site(id: $id) { occupancy { occupied available } } }`, { id: siteId }),
  ).site;
  expect(site.occupancy).toEqual({ occupied: 0, available: 1 });
  const list = ok(
    await world.query(
      `{ moveOuts(from: "2022-05-01", to: "2022-05-31") { date reason person { id } site { id } placement { id } } }`,
    ),
  ).moveOuts;
  expect(list).toContainEqual({
    date: "2022-05-02",
    reason: "own housing found",
    person: { id: h.memberIds[0] },
    site: { id: siteId },
    placement: { id: p.id },
  });
  // The freed room takes the next household.
  const next = await household(world, 1, "Next");
  ok(await place(next.householdId, siteId));
});

const ASSIGN = `mutation A($input: AssignHouseholdToSiteInput!) { assignHouseholdToSite(input: $input) { id status } }`;
async function assign(householdId: string, siteId: string) {
  return ok(await world.query(ASSIGN, { input: { householdId, siteId } }, HOUSING_COORDINATOR)).assignHouseholdToSite;
}

test("a site coordinator places on and reads their own site only", async () => {
  const own = await siteWithRooms(world, "Coordinated", [2, 2]);
  const other = await siteWithRooms(world, "Elsewhere", [2]);
  const coord = siteCoordinator(own.siteId);
  const h = await household(world, 2, "Own");
  const otherH = await household(world, 2, "Other");
  // Handed over by the city first: a site coordinator places nothing of their own choosing.
  await assign(h.householdId, own.siteId);
  const placed = ok(await place(h.householdId, own.siteId, coord)).placeHousehold;
  expect(errorCodes(await place(otherH.householdId, other.siteId, coord))).toEqual(["FORBIDDEN"]);
  ok(await place(otherH.householdId, other.siteId));
  const RESIDENTS = `query R($id: ID!) { site(id: $id) { residents(first: 10) { totalCount edges { node { person { id } room { label } } } } } }`;
  const mine = ok(await world.query(RESIDENTS, { id: own.siteId }, coord)).site.residents;
  expect(mine.totalCount).toBe(2);
  const theirs = await world.query(RESIDENTS, { id: other.siteId }, coord);
  expect(errorCodes(theirs)).toEqual(["FORBIDDEN"]);
  const PERSON = `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id placement { site { id } } } } }`;
  const ownPerson = ok(await world.query(PERSON, { r: [{ __typename: "Person", id: placed[0].person.id }] }, coord));
  expect(ownPerson._entities[0].placement.site.id).toBe(own.siteId);
  const otherPerson = await world.query(PERSON, { r: [{ __typename: "Person", id: otherH.memberIds[0] }] }, coord);
  expect(errorCodes(otherPerson)).toEqual(["FORBIDDEN"]);
  const refusals = await world.housing.db.dataSource.query(
    `SELECT outcome, reason FROM ${AUDIT_LINES} WHERE person_id = $1 AND subject = $2`,
    [otherH.memberIds[0], coord.sub],
  );
  expect(refusals).toContainEqual({ outcome: "REFUSED", reason: "FORBIDDEN" });
  // No purpose, no personal data.
  expect(errorCodes(await world.query(RESIDENTS, { id: own.siteId }, coord, null))).toEqual(["PURPOSE_REQUIRED"]);
  // The own scope peers ask for.
  const scope = ok(
    await world.query(
      `query O($ids: [ID!]!) { _ownPeople(personIds: $ids) }`,
      { ids: [...h.memberIds, ...otherH.memberIds] },
      coord,
    ),
  );
  expect(scope._ownPeople.sort()).toEqual([...h.memberIds].sort());
});

test("residents and placements are audited reads", async () => {
  const { siteId } = await siteWithRooms(world, "Audited", [3]);
  const h = await household(world, 3, "Audit");
  ok(await place(h.householdId, siteId));
  ok(await world.query(`query R($id: ID!) { site(id: $id) { residents { edges { node { id } } } } }`, { id: siteId }));
  const rows = await world.housing.db.dataSource.query(
    `SELECT DISTINCT person_id FROM ${AUDIT_LINES} WHERE action = 'READ' AND 'Site.residents' = ANY(fields) AND person_id = ANY($1::uuid[])`,
    [h.memberIds],
  );
  expect(rows).toHaveLength(3);
});

test("a move-out is recorded once it happened: a date after today is refused and the bed stays taken", async () => {
  const { siteId } = await siteWithRooms(world, "Not yet left", [1]);
  const h = await household(world, 1, "Future");
  const [p] = ok(await place(h.householdId, siteId)).placeHousehold;
  const tomorrow = new Date(Date.parse(todayInBrussels()) + 86_400_000).toISOString().slice(0, 10);
  const res = await world.query(MOVE_OUT, { input: { placementId: p.id, date: tomorrow, reason: "leaving soon" } });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.date");
  const site = ok(
    await world.query(`query S($id: ID!) { site(id: $id) { occupancy { occupied available } } }`, { id: siteId }),
  ).site;
  expect(site.occupancy).toEqual({ occupied: 1, available: 0 });
  const [{ n }] = await world.housing.db.dataSource.query(
    `SELECT COUNT(*)::int AS n FROM move_out WHERE placement_id = $1`,
    [p.id],
  );
  expect(n).toBe(0);
  ok(await world.query(MOVE_OUT, { input: { placementId: p.id, date: todayInBrussels(), reason: "left today" } }));
});
