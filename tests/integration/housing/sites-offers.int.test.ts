// Sites, rooms and housing offers: floor-area rule, capacity from beds, the validation status machine with history, and non-validated capacity counting nowhere.
import { errorCodes } from "../../support/graphql";
import {
  ADD_ROOM,
  CHANGE_STATUS,
  HousingWorld,
  ok,
  REGISTER_SITE,
  siteCoordinator,
  siteWithRooms,
  startHousing,
} from "./housing-test-kit";

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing();
});
afterAll(() => world?.stop());

const SITE = `query S($id: ID!) { site(id: $id) { id name kind operator capacity sustainable accessible validationStatus
  municipality { nisCode name province } offer { id status places reference } rooms { label beds floorAreaM2 accessible occupied }
  occupancy { places validatedPlaces occupied available } } }`;

test("registerSite creates the site and its TO_VALIDATE offer; rooms make the capacity", async () => {
  const site = ok(
    await world.query(REGISTER_SITE, {
      input: {
        name: "Schoonmeersen",
        kind: "RECEPTION_CENTRE",
        operator: "IOM",
        nisCode: "44021",
        address: "Schoonmeersstraat 26, Gent",
        sustainable: true,
      },
    }),
  ).registerSite;
  expect(site.validationStatus).toBe("TO_VALIDATE");
  expect(site.offer.status).toBe("TO_VALIDATE");
  expect(site.capacity).toBe(0);
  ok(await world.query(ADD_ROOM, { input: { siteId: site.id, label: "A.1", beds: 4, floorAreaM2: 16 } }));
  ok(
    await world.query(ADD_ROOM, {
      input: { siteId: site.id, label: "A.2", beds: 2, floorAreaM2: 9.5, accessible: true },
    }),
  );
  const read = ok(await world.query(SITE, { id: site.id })).site;
  expect(read.capacity).toBe(6);
  expect(read.offer.places).toBe(6);
  expect(read.municipality).toEqual({ nisCode: "44021", name: "Gent", province: "OOST_VLAANDEREN" });
  expect(read.rooms.map((r: any) => [r.label, r.beds, r.accessible])).toEqual([
    ["A.1", 4, false],
    ["A.2", 2, true],
  ]);
  // Not validated: the beds exist but none are available.
  expect(read.occupancy).toEqual({ places: 6, validatedPlaces: 0, occupied: 0, available: 0 });
});

test("a room with more beds than 4 m² per person allows is BAD_USER_INPUT and nothing is written", async () => {
  const { siteId } = await siteWithRooms(world, "Small house", [1], false);
  const res = await world.query(ADD_ROOM, { input: { siteId, label: "Tiny", beds: 3, floorAreaM2: 11.9 } });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.beds");
  expect(res.errors![0].message).toContain("11.9");
  const [{ n }] = await world.housing.db.dataSource.query(`SELECT COUNT(*)::int AS n FROM room WHERE site_id = $1`, [
    siteId,
  ]);
  expect(n).toBe(1);
  // Exactly 4 m² per bed is allowed.
  ok(await world.query(ADD_ROOM, { input: { siteId, label: "Exact", beds: 3, floorAreaM2: 12 } }));
});

test("the database itself refuses a room below 4 m² per bed", async () => {
  const { siteId } = await siteWithRooms(world, "DB guard", [], false);
  await expect(
    world.housing.db.dataSource.query(
      `INSERT INTO room (site_id, label, beds, floor_area_m2) VALUES ($1, 'x', 5, 10)`,
      [siteId],
    ),
  ).rejects.toThrow(/room_floor_area_per_person/);
});

test("status machine: allowed paths, history with who/when/note, CONFLICT on forbidden transitions", async () => {
  const a = await siteWithRooms(world, "Offer A", [2], false);
  const step = (offerId: string, status: string, note?: string) =>
    world.query(CHANGE_STATUS, { input: { offerId, status, note } });
  ok(await step(a.offerId, "IN_PREPARATION", "renovation running"));
  ok(await step(a.offerId, "EXTRA_STEPS_NEEDED", "fire inspection"));
  ok(await step(a.offerId, "EXTRA_STEPS_NEEDED", "second inspection"));
  const validated = ok(await step(a.offerId, "VALIDATED", "all fine")).changeValidationStatus;
  expect(validated.status).toBe("VALIDATED");
  expect(validated.history.map((h: any) => [h.status, h.by, h.note])).toEqual([
    ["TO_VALIDATE", "coordinator-ghent", "Registered with site Offer A."],
    ["IN_PREPARATION", "coordinator-ghent", "renovation running"],
    ["EXTRA_STEPS_NEEDED", "coordinator-ghent", "fire inspection"],
    ["EXTRA_STEPS_NEEDED", "coordinator-ghent", "second inspection"],
    ["VALIDATED", "coordinator-ghent", "all fine"],
  ]);
  expect(validated.history.every((h: any) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
  // Nothing out of VALIDATED back to the start.
  expect(errorCodes(await step(a.offerId, "TO_VALIDATE"))).toEqual(["CONFLICT"]);

  const b = await siteWithRooms(world, "Offer B", [2], false);
  ok(await step(b.offerId, "REJECTED", "unsafe"));
  for (const status of ["TO_VALIDATE", "IN_PREPARATION", "EXTRA_STEPS_NEEDED", "VALIDATED", "REJECTED"]) {
    const res = await step(b.offerId, status);
    expect(errorCodes(res)).toEqual(["CONFLICT"]);
    expect(res.errors![0].message).toContain("REJECTED");
  }
  const c = await siteWithRooms(world, "Offer C", [2], false);
  ok(await step(c.offerId, "IN_PREPARATION"));
  expect(errorCodes(await step(c.offerId, "IN_PREPARATION"))).toEqual(["CONFLICT"]);
  expect(errorCodes(await step(c.offerId, "TO_VALIDATE"))).toEqual(["CONFLICT"]);
  const [{ n }] = await world.housing.db.dataSource.query(
    `SELECT COUNT(*)::int AS n FROM offer_status_change WHERE offer_id = $1`,
    [b.offerId],
  );
  expect(n).toBe(2);
});

test("only a HOUSING_COORDINATOR validates", async () => {
  const a = await siteWithRooms(world, "Offer D", [2], false);
  for (const as of [siteCoordinator(a.siteId), { roles: ["ADMIN" as const] }, { roles: ["SOCIAL_WORKER" as const] }]) {
    const res = await world.query(CHANGE_STATUS, { input: { offerId: a.offerId, status: "VALIDATED" } }, as);
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  }
  const [{ status }] = await world.housing.db.dataSource.query(`SELECT status FROM housing_offer WHERE id = $1`, [
    a.offerId,
  ]);
  expect(status).toBe("TO_VALIDATE");
});

test("non-validated capacity counts nowhere: occupancy, municipality totals", async () => {
  const nis = "44084"; // Wachtebeke: no other test uses it
  const reg = (name: string) =>
    world.query(REGISTER_SITE, {
      input: { name, kind: "COLLECTIVE_HOUSING", operator: "City", nisCode: nis, address: "x", sustainable: false },
    });
  const s1 = ok(await reg("Validated one")).registerSite;
  const s2 = ok(await reg("Pending one")).registerSite;
  ok(await world.query(ADD_ROOM, { input: { siteId: s1.id, label: "1", beds: 3, floorAreaM2: 20 } }));
  ok(await world.query(ADD_ROOM, { input: { siteId: s2.id, label: "1", beds: 5, floorAreaM2: 20 } }));
  ok(await world.query(CHANGE_STATUS, { input: { offerId: s1.offer.id, status: "VALIDATED" } }));
  ok(await world.query(CHANGE_STATUS, { input: { offerId: s2.offer.id, status: "IN_PREPARATION" } }));
  const m = ok(
    await world.query(
      `query M($n: ID!) { municipality(nisCode: $n) { validatedPlaces offeredPlaces siteCount sites { name occupancy { available } } } }`,
      { n: nis },
    ),
  ).municipality;
  expect(m.validatedPlaces).toBe(3);
  expect(m.offeredPlaces).toBe(8);
  expect(m.siteCount).toBe(2);
  expect(m.sites).toEqual([
    { name: "Pending one", occupancy: { available: 0 } },
    { name: "Validated one", occupancy: { available: 3 } },
  ]);
  const sites = ok(
    await world.query(`{ sites(filter: { validationStatus: VALIDATED, nisCode: "${nis}" }) { name } }`),
  ).sites;
  expect(sites).toEqual([{ name: "Validated one" }]);
});

test("registerSite is for HOUSING_COORDINATOR, checks the NIS code, and is repeat-safe with idempotencyKey", async () => {
  const input = {
    name: "Idem",
    kind: "HOST_FAMILY",
    operator: "Family Peeters",
    nisCode: "44021",
    address: "x",
    sustainable: true,
    idempotencyKey: "site-idem-1",
  };
  const a = ok(await world.query(REGISTER_SITE, { input })).registerSite;
  const b = ok(await world.query(REGISTER_SITE, { input })).registerSite;
  expect(b.id).toBe(a.id);
  expect(
    errorCodes(await world.query(REGISTER_SITE, { input: { ...input, idempotencyKey: null } }, siteCoordinator(a.id))),
  ).toEqual(["FORBIDDEN"]);
  const bad = await world.query(REGISTER_SITE, { input: { ...input, idempotencyKey: null, nisCode: "99999" } });
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.nisCode");
});

test("a SITE_COORDINATOR adds rooms to their own site only", async () => {
  const { siteId } = await siteWithRooms(world, "Own site", [], false);
  const other = await siteWithRooms(world, "Other site", [], false);
  ok(await world.query(ADD_ROOM, { input: { siteId, label: "S1", beds: 1, floorAreaM2: 8 } }, siteCoordinator(siteId)));
  const res = await world.query(
    ADD_ROOM,
    { input: { siteId: other.siteId, label: "S1", beds: 1, floorAreaM2: 8 } },
    siteCoordinator(siteId),
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
});

test("_entities resolves Site and Municipality through loaders", async () => {
  const { siteId } = await siteWithRooms(world, "Entity site", [2]);
  const res = ok(
    await world.query(
      `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id name capacity } ... on Municipality { nisCode name inhabitants } } }`,
      {
        r: [
          { __typename: "Site", id: siteId },
          { __typename: "Municipality", nisCode: "44021" },
          { __typename: "Site", id: "00000000-0000-4000-8000-000000000000" },
        ],
      },
    ),
  );
  expect(res._entities).toEqual([
    { id: siteId, name: "Entity site", capacity: 2 },
    { nisCode: "44021", name: "Gent", inhabitants: 265086 },
    null,
  ]);
});

test("listing sites with their rooms, offer, history, municipality and stock costs a fixed number of queries", async () => {
  const { queryCount } = await import("@reception-graph/kit");
  for (let i = 0; i < 6; i++) await siteWithRooms(world, `Batch ${i}`, [2, 3]);
  const q = `{ sites { id capacity validationStatus municipality { name validatedPlaces } offer { history { status } }
    rooms { label } stock { item } committee { id } occupancy { available } } }`;
  const before = queryCount(world.housing.db.dataSource);
  const res = ok(await world.query(q));
  expect(res.sites.length).toBeGreaterThan(10);
  expect(queryCount(world.housing.db.dataSource) - before).toBeLessThanOrEqual(10);
});
