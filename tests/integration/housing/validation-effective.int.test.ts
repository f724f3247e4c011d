// A validation takes effect on a day (effectiveOn, recorded after the fact if need be): beds count and can be placed on only from that day, in occupancy and placement, also in the database.
import { todayInBrussels } from "@reception-graph/kit";
import { errorCodes } from "../../support/graphql";
import { CHANGE_STATUS, household, HousingWorld, ok, siteWithRooms, startHousing } from "./housing-test-kit";

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing(true);
});
afterAll(() => world?.stop());

const PLACE = `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`;
const SERIES = `query O($from: Date!, $to: Date!, $s: ID) { occupancySeries(from: $from, to: $to, siteId: $s) {
  date places validatedPlaces occupied { value suppressed } available sites } }`;
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);
const step = (offerId: string, status: string, effectiveOn?: string) =>
  world.query(CHANGE_STATUS, { input: { offerId, status, note: `to ${status}`, effectiveOn } });
const statusLines = async (offerId: string) =>
  world.housing.db.dataSource.query(
    `SELECT c.status, to_char(c.effective_on, 'YYYY-MM-DD') AS "effectiveOn", o.status AS "offerStatus"
     FROM offer_status_change c JOIN housing_offer o ON o.id = c.offer_id WHERE c.offer_id = $1 ORDER BY c.at`,
    [offerId],
  );

test("the history shows the day each status took effect; today unless told, none for the registration", async () => {
  const a = await siteWithRooms(world, "Effective A", [2], false);
  ok(await step(a.offerId, "IN_PREPARATION", "2022-03-01"));
  const validated = ok(await step(a.offerId, "VALIDATED", "2022-04-10")).changeValidationStatus;
  expect(validated.history.map((h: any) => [h.status, h.effectiveOn])).toEqual([
    ["TO_VALIDATE", null],
    ["IN_PREPARATION", "2022-03-01"],
    ["VALIDATED", "2022-04-10"],
  ]);
  // Recorded today, effective in 2022: `at` is when it was written down, effectiveOn when it counts from.
  expect(validated.history[2].at.slice(0, 4)).not.toBe("2022");
  const b = await siteWithRooms(world, "Effective B", [2], false);
  const now = ok(await step(b.offerId, "VALIDATED")).changeValidationStatus;
  expect(now.history.map((h: any) => h.effectiveOn)).toEqual([null, todayInBrussels()]);
});

test("effectiveOn in the future or before the previous status took effect is BAD_USER_INPUT; nothing written", async () => {
  const today = todayInBrussels();
  const a = await siteWithRooms(world, "Effective C", [2], false);
  const future = await step(a.offerId, "VALIDATED", addDays(today, 1));
  expect(errorCodes(future)).toEqual(["BAD_USER_INPUT"]);
  expect(future.errors![0].extensions!.field).toBe("input.effectiveOn");
  expect(future.errors![0].message).toContain(addDays(today, 1));
  expect(await statusLines(a.offerId)).toEqual([
    { status: "TO_VALIDATE", effectiveOn: null, offerStatus: "TO_VALIDATE" },
  ]);

  ok(await step(a.offerId, "IN_PREPARATION", "2022-04-01"));
  const early = await step(a.offerId, "VALIDATED", "2022-03-31");
  expect(errorCodes(early)).toEqual(["BAD_USER_INPUT"]);
  expect(early.errors![0].extensions!.field).toBe("input.effectiveOn");
  expect(early.errors![0].message).toContain("2022-03-31");
  expect(early.errors![0].message).toContain("2022-04-01");
  expect(await statusLines(a.offerId)).toEqual([
    { status: "TO_VALIDATE", effectiveOn: null, offerStatus: "IN_PREPARATION" },
    { status: "IN_PREPARATION", effectiveOn: "2022-04-01", offerStatus: "IN_PREPARATION" },
  ]);
  const [{ validated }] = await world.housing.db.dataSource.query(`SELECT validated FROM site WHERE id = $1`, [
    a.siteId,
  ]);
  expect(validated).toBe(false);
  // The same day as the previous change is fine.
  expect(ok(await step(a.offerId, "VALIDATED", "2022-04-01")).changeValidationStatus.status).toBe("VALIDATED");
});

test("occupancySeries across the validation day: no places before it, the beds from it, never more occupied than places", async () => {
  // Registered today, validated with effect from 10 April 2022, residents from that day.
  const { siteId, offerId } = await siteWithRooms(world, "Effective series", [2, 1], false);
  ok(await step(offerId, "VALIDATED", "2022-04-10"));
  const h = await household(world, 2, "Effective");
  ok(await world.query(PLACE, { input: { householdId: h.householdId, siteId, moveInDate: "2022-04-10" } }));
  const series = ok(await world.query(SERIES, { from: "2022-04-08", to: "2022-04-12", s: siteId })).occupancySeries;
  const none = { places: 0, validatedPlaces: 0, occupied: { value: 0, suppressed: false }, available: 0, sites: 0 };
  // 2 residents: a count of 1–4 people is suppressed, and available (3 - 2) with it.
  const open = {
    places: 3,
    validatedPlaces: 3,
    occupied: { value: null, suppressed: true },
    available: null,
    sites: 1,
  };
  expect(series).toEqual([
    { date: "2022-04-08", ...none },
    { date: "2022-04-09", ...none },
    { date: "2022-04-10", ...open },
    { date: "2022-04-11", ...open },
    { date: "2022-04-12", ...open },
  ]);
  expect(series.every((p: any) => (p.occupied.value ?? 0) <= p.validatedPlaces && p.validatedPlaces <= p.places)).toBe(
    true,
  );
  // Never more occupied than places: checked on the unsuppressed figure the site keeps.
  const [row] = await world.housing.db.dataSource.query(`SELECT occupied, capacity FROM site WHERE id = $1`, [siteId]);
  expect(row).toEqual({ occupied: 2, capacity: 3 });
});

test("a move-in before the day the site's validation took effect is CAPACITY_EXCEEDED and writes nothing", async () => {
  const { siteId, offerId, roomIds } = await siteWithRooms(world, "Effective placement", [3], false);
  ok(await step(offerId, "VALIDATED", "2022-04-10"));
  const h = await household(world, 2, "Early");
  const res = await world.query(PLACE, {
    input: { householdId: h.householdId, siteId, moveInDate: "2022-04-09", idempotencyKey: "early-move-in" },
  });
  expect(errorCodes(res)).toEqual(["CAPACITY_EXCEEDED"]);
  expect(res.errors![0].message).toContain("2022-04-09");
  expect(res.errors![0].message).toContain("2022-04-10");
  const ds = world.housing.db.dataSource;
  const [state] = await ds.query(
    `SELECT (SELECT COUNT(*)::int FROM placement WHERE site_id = $1) AS placements,
            (SELECT occupied FROM site WHERE id = $1) AS "siteOccupied",
            (SELECT occupied FROM room WHERE id = $2) AS "roomOccupied",
            (SELECT COUNT(*)::int FROM idempotency_key WHERE key = 'early-move-in') AS keys`,
    [siteId, roomIds[0]],
  );
  expect(state).toEqual({ placements: 0, siteOccupied: 0, roomOccupied: 0, keys: 0 });
  // From the validation day itself the household can move in.
  ok(await world.query(PLACE, { input: { householdId: h.householdId, siteId, moveInDate: "2022-04-10" } }));
});

test("the database itself refuses a placement that starts before the site's validation took effect", async () => {
  const { siteId, offerId, roomIds } = await siteWithRooms(world, "Effective guard", [2], false);
  ok(await step(offerId, "VALIDATED", "2022-04-10"));
  const insert = (day: string) =>
    world.housing.db.dataSource.query(
      `INSERT INTO placement (person_id, household_id, site_id, room_id, move_in_date, created_by)
       VALUES (gen_random_uuid(), '00000000-0000-4000-8000-00000000e001', $1, $2, $3, 'test')`,
      [siteId, roomIds[0], day],
    );
  await expect(insert("2022-04-09")).rejects.toThrow(/2022-04-09 is before 2022-04-10/);
  await expect(insert("2022-04-10")).resolves.toBeDefined();
});
