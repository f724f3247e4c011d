// Through the gateway: a site coordinator sees and changes their own site's residents only; another site's residents are refused (and the refusal is audited), and no purpose means no housing data.
import { errorCodes } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, validatedSite } from "../support/fixtures";

let graph: RunningGraph;
let ownSite: string;
let otherSite: string;
let ownFamily: { householdId: string; memberIds: string[] };
let otherFamily: { householdId: string; memberIds: string[] };
let otherPlacementId: string;

beforeAll(async () => {
  graph = await startGraph();
  ownSite = await validatedSite(graph, "Schoonmeersen", [4, 2]);
  otherSite = await validatedSite(graph, "Ter Rive", [4, 2]);
  ownFamily = await registerHousehold(graph, 3, "Hrytsenko");
  otherFamily = await registerHousehold(graph, 2, "Petrenko");
  ok(await place(graph, ownFamily.householdId, ownSite));
  otherPlacementId = ok(await place(graph, otherFamily.householdId, otherSite)).placeHousehold[0].id;
});
afterAll(() => graph?.stop());

const RESIDENTS = `query Residents($id: ID!) { site(id: $id) { name residents(first: 20) { totalCount edges { node { person { id } room { label } moveInDate } } } } }`;
const PERSON_PLACEMENT = `query PersonPlacement($id: ID!) { person(id: $id) { id placement { site { id name } room { label } } } }`;

test("own site: residents and their placements are readable", async () => {
  const coord = siteCoordinator(ownSite);
  const site = ok(await graph.query(RESIDENTS, { id: ownSite }, coord, "PLACEMENT")).site;
  expect(site.residents.totalCount).toBe(3);
  expect(site.residents.edges.map((e: any) => e.node.person.id).sort()).toEqual([...ownFamily.memberIds].sort());
  const person = await graph.query(PERSON_PLACEMENT, { id: ownFamily.memberIds[0] }, coord, "PLACEMENT");
  expect(person.data?.person?.placement?.site).toEqual({ id: ownSite, name: "Schoonmeersen" });
});

test("another site's residents are refused, and the refusal is in housing's audit log", async () => {
  const coord = siteCoordinator(ownSite);
  const residents = await graph.query(RESIDENTS, { id: otherSite }, coord, "PLACEMENT");
  expect(errorCodes(residents)).toEqual(["FORBIDDEN"]);
  expect(residents.data?.site?.residents ?? null).toBeNull();
  const person = await graph.query(PERSON_PLACEMENT, { id: otherFamily.memberIds[0] }, coord, "PLACEMENT");
  expect(errorCodes(person)).toContain("FORBIDDEN");
  expect(person.data?.person?.placement ?? null).toBeNull();
  const moveOut = await graph.query(
    `mutation M($input: MoveOutInput!) { moveOut(input: $input) { id } }`,
    { input: { placementId: otherPlacementId, date: "2022-06-01", reason: "not mine" } },
    coord,
    "PLACEMENT",
  );
  expect(errorCodes(moveOut)).toEqual(["FORBIDDEN"]);
  const otherFamily2 = await registerHousehold(graph, 1, "Marchenko");
  expect(errorCodes(await place(graph, otherFamily2.householdId, otherSite, coord))).toEqual(["FORBIDDEN"]);
  const refusals = await graph.dataSources.housing.query(
    `SELECT person_id, outcome, reason FROM audit_log WHERE subject = $1 AND outcome = 'REFUSED'`,
    [coord.sub],
  );
  expect(refusals).toContainEqual({ person_id: otherFamily.memberIds[0], outcome: "REFUSED", reason: "FORBIDDEN" });
  const [{ open }] = await graph.dataSources.housing.query(
    `SELECT COUNT(*)::int AS open FROM placement WHERE id = $1 AND move_out_date IS NULL`,
    [otherPlacementId],
  );
  expect(open).toBe(1);
});

test("no purpose, no housing data; the housing coordinator sees every site", async () => {
  expect(errorCodes(await graph.query(RESIDENTS, { id: ownSite }, siteCoordinator(ownSite), null))).toEqual([
    "PURPOSE_REQUIRED",
  ]);
  const all = ok(await graph.query(RESIDENTS, { id: otherSite }, HOUSING, "PLACEMENT")).site;
  expect(all.residents.totalCount).toBe(2);
  // Aggregates need no purpose and show no one.
  const occupancy = ok(
    await graph.query(
      `query O($id: ID!) { site(id: $id) { occupancy { occupied } } }`,
      { id: otherSite },
      siteCoordinator(ownSite),
      null,
    ),
  );
  expect(occupancy.site.occupancy.occupied).toBe(2);
});

test("the internal own-scope question is not in the public graph", async () => {
  const res = await graph.query(`query { _ownPeople(personIds: []) }`, {}, siteCoordinator(ownSite), "PLACEMENT");
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
});
