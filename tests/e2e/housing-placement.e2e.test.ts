// Through the gateway: 50 coordinators place households of 1–4 people at the same moment into a site with 10 free beds; capacity is never exceeded, every refusal is CAPACITY_EXCEEDED, and the database agrees.
import { errorCodes } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { HOUSING, ok, registerHousehold as register, validatedSite as site } from "../support/fixtures";
import { letters } from "../support/names";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const validatedSite = (name: string, beds: number[]) => site(graph, name, beds);
const registerHousehold = async (size: number, n: number) =>
  (await register(graph, size, `H${letters(n)}x`)).householdId;

const PLACE = `mutation Place($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id person { id } room { id label } } }`;

test("50 concurrent placeHousehold calls never exceed 10 beds", async () => {
  const siteId = await validatedSite("Rush centre", [4, 3, 2, 1]);
  const sizes = Array.from({ length: 50 }, (_, i) => 1 + (i % 4));
  const households: string[] = [];
  for (const [i, size] of sizes.entries()) households.push(await registerHousehold(size, i));

  const results = await Promise.all(
    households.map((householdId) =>
      graph.query(PLACE, { input: { householdId, siteId, moveInDate: "2022-05-02" } }, HOUSING, "PLACEMENT"),
    ),
  );

  const succeeded = results.filter((r) => !r.errors);
  const refused = results.filter((r) => r.errors);
  const placedPeople = succeeded.reduce((s, r) => s + r.data.placeHousehold.length, 0);
  console.log(
    `[housing e2e] 50 concurrent placements: ${succeeded.length} households placed (${placedPeople} people), ${refused.length} refused`,
  );
  expect(succeeded.length).toBeGreaterThan(0);
  expect(placedPeople).toBeLessThanOrEqual(10);
  for (const r of refused) expect(errorCodes(r)).toEqual(["CAPACITY_EXCEEDED"]);
  expect(succeeded.length + refused.length).toBe(50);

  const ds = graph.dataSources.housing;
  const [site] = await ds.query(
    `SELECT capacity, occupied,
            (SELECT COUNT(*)::int FROM placement p WHERE p.site_id = s.id AND p.move_out_date IS NULL) AS open
     FROM site s WHERE s.id = $1`,
    [siteId],
  );
  expect(site).toEqual({ capacity: 10, occupied: placedPeople, open: placedPeople });
  const rooms = await ds.query(
    `SELECT r.beds, COUNT(p.id)::int AS people, COUNT(DISTINCT p.household_id)::int AS households
     FROM room r LEFT JOIN placement p ON p.room_id = r.id AND p.move_out_date IS NULL
     WHERE r.site_id = $1 GROUP BY r.id, r.beds`,
    [siteId],
  );
  for (const r of rooms) {
    expect(r.people).toBeLessThanOrEqual(r.beds);
    expect(r.households).toBeLessThanOrEqual(1);
  }
  const occupancy = ok(
    await graph.query(
      `query O($id: ID!) { site(id: $id) { occupancy { places occupied available } } }`,
      { id: siteId },
      HOUSING,
      "PLACEMENT",
    ),
  ).site.occupancy;
  expect(occupancy).toEqual({ places: 10, occupied: placedPeople, available: 10 - placedPeople });
});

test("a move-out through the gateway frees the bed and the city sees it", async () => {
  const siteId = await validatedSite("Move-out centre", [1]);
  const householdId = await registerHousehold(1, 100);
  const [placement] = ok(
    await graph.query(PLACE, { input: { householdId, siteId, moveInDate: "2022-05-02" } }, HOUSING, "PLACEMENT"),
  ).placeHousehold;
  ok(
    await graph.query(
      `mutation M($input: MoveOutInput!) { moveOut(input: $input) { id moveOutDate } }`,
      { input: { placementId: placement.id, date: "2022-06-15", reason: "social housing found" } },
      HOUSING,
      "PLACEMENT",
    ),
  );
  const list = ok(
    await graph.query(
      `{ moveOuts(from: "2022-06-01", to: "2022-06-30") { date reason person { id givenName } site { name } } }`,
      {},
      HOUSING,
      "PLACEMENT",
    ),
  ).moveOuts;
  expect(list).toContainEqual({
    date: "2022-06-15",
    reason: "social housing found",
    person: { id: placement.person.id, givenName: "Hbaaxa" },
    site: { name: "Move-out centre" },
  });
});
