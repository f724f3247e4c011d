// The housing demo part loads through the gateway: both Ghent centres (Schoonmeersen 51 beds, Ter Rive 35) validated, with residents, stock (one item low) and a committee; running it again adds nothing.
import { createDemoClient, emptyDemoState } from "../../scripts/demo/demo-client";
import { seedHousing } from "../../scripts/demo/housing";
import { RunningGraph, startGraph } from "../support/graph";
import { TEST_JWT_SECRET } from "../support/tokens";
import { HOUSING, ok } from "../support/fixtures";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

test("seedHousing builds both centres with residents, stock and a committee", async () => {
  const client = createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET);
  const state = emptyDemoState();
  await seedHousing(client, state);
  expect(Object.keys(state.sites).sort()).toEqual(["schoonmeersen", "terRive"]);
  const Q = `query C($id: ID!) { site(id: $id) { name capacity validationStatus occupancy { occupied available }
    residents { totalCount } stock { item quantity low } committee { members { role } } } }`;
  const s = ok(await graph.query(Q, { id: state.sites.schoonmeersen }, HOUSING, "PLACEMENT")).site;
  const t = ok(await graph.query(Q, { id: state.sites.terRive }, HOUSING, "PLACEMENT")).site;
  expect([s.name, s.capacity, s.validationStatus]).toEqual(["Schoonmeersen", 51, "VALIDATED"]);
  expect([t.name, t.capacity, t.validationStatus]).toEqual(["Ter Rive", 35, "VALIDATED"]);
  // Both centres have residents (the "done when"), and the counts agree with occupancy.
  expect(s.residents.totalCount).toBeGreaterThan(0);
  expect(t.residents.totalCount).toBeGreaterThan(0);
  expect(s.residents.totalCount).toBe(s.occupancy.occupied);
  expect(t.residents.totalCount).toBe(t.occupancy.occupied);
  expect(t.stock.length).toBeGreaterThan(0);
  expect(s.stock.some((i: any) => i.low)).toBe(true);
  expect(s.committee.members.length).toBeGreaterThan(0);
  // Validated with effect from 29 April 2022, before the first move-in: the 2022 series adds up on every day.
  const series = ok(
    await graph.query(
      `{ occupancySeries(from: "2022-04-27", to: "2022-05-31", nisCode: "44021") { date places validatedPlaces occupied { value suppressed } } }`,
      {},
      HOUSING,
      "PLACEMENT",
    ),
  ).occupancySeries;
  expect(series[0]).toEqual({
    date: "2022-04-27",
    places: 86,
    validatedPlaces: 0,
    occupied: { value: 0, suppressed: false },
  });
  expect(series[2]).toMatchObject({ date: "2022-04-29", places: 86, validatedPlaces: 86 });
  expect(series.every((p: any) => (p.occupied.value ?? 0) <= p.validatedPlaces && p.validatedPlaces <= p.places)).toBe(
    true,
  );
  expect(series.at(-1).occupied).toEqual({ value: s.occupancy.occupied + t.occupancy.occupied, suppressed: false });
  const table = ok(
    await graph.query(
      `{ allocationsByProvince(from: "2022-04-01", to: "2022-04-30") { dates grandTotal } }`,
      {},
      HOUSING,
      "PLACEMENT",
    ),
  ).allocationsByProvince;
  expect(table.dates.length).toBeGreaterThanOrEqual(3);

  const counts = async () =>
    (
      await graph.dataSources.housing.query(
        `SELECT (SELECT COUNT(*) FROM site) AS sites, (SELECT COUNT(*) FROM room) AS rooms, (SELECT COUNT(*) FROM placement) AS placements,
              (SELECT COUNT(*) FROM allocation) AS allocations, (SELECT COUNT(*) FROM stock_movement) AS movements`,
      )
    )[0];
  const before = await counts();
  await seedHousing(client, state);
  expect(await counts()).toEqual(before);
});
