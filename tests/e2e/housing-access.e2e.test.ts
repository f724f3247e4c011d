// Through the gateway: a site coordinator sees and changes their own site's residents only; another site's residents are refused (and the refusal is audited), and no purpose means no housing data.
// A site's live occupancy and a room's occupants (a household's size) are housing data too: through the gateway
// and directly at housing with a signed internal token, ANALYST, CARE_WORKER, SCHOOL_STAFF and ADMIN are refused
// them (audited; they read the suppressed occupancySeries), a site coordinator reads their own site's only, and a
// housing coordinator placing families reads every site's exact numbers.
import { Purpose, Role } from "@reception-graph/kit";
import { errorCodes, postGraphql } from "../support/graphql";
import { internalToken, TokenClaims } from "../support/tokens";
import { RunningGraph, startGraph } from "../support/graph";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, validatedSite } from "../support/fixtures";
import { AUDIT_LINES } from "../support/audit";

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
    `SELECT person_id, outcome, reason FROM ${AUDIT_LINES} WHERE subject = $1 AND outcome = 'REFUSED'`,
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
  // A site's exact occupancy is housing data too: no purpose, no count, even of their own site.
  expect(
    errorCodes(
      await graph.query(
        `query O($id: ID!) { site(id: $id) { occupancy { occupied } } }`,
        { id: ownSite },
        siteCoordinator(ownSite),
        null,
      ),
    ),
  ).toEqual(["PURPOSE_REQUIRED"]);
  // Aggregates need no purpose and show no one: the other site's 2 residents are 1–4 people, suppressed.
  const series = ok(
    await graph.query(
      `query S($id: ID) { occupancySeries(from: "2022-05-02", to: "2022-05-02", siteId: $id) { occupied { value suppressed } available } }`,
      { id: otherSite },
      siteCoordinator(ownSite),
      null,
    ),
  ).occupancySeries;
  expect(series).toEqual([{ occupied: { value: null, suppressed: true }, available: null }]);
});

test("the internal own-scope question is not in the public graph", async () => {
  const res = await graph.query(`query { _ownPeople(personIds: []) }`, {}, siteCoordinator(ownSite), "PLACEMENT");
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
});

describe("a site's live occupancy and a room's occupants are housing data", () => {
  const OCCUPANCY = `query Occ($id: ID!) { site(id: $id) { occupancy { places validatedPlaces occupied available } } }`;
  const ROOMS = `query Rooms($id: ID!) { site(id: $id) { rooms { label occupied } } }`;
  type Via = "gateway" | "direct";

  /** One read, through the gateway or straight at housing with the internal token the gateway would sign. */
  async function read(query: string, siteId: string, as: TokenClaims, purpose: Purpose | null, via: Via) {
    if (via === "gateway") return graph.query(query, { id: siteId }, as, purpose);
    const token = await internalToken(as, purpose, ["housing"]);
    return postGraphql(graph.subgraphUrls.housing, query, { id: siteId }, { authorization: `Bearer ${token}` });
  }

  async function housingAudit(sub: string, field: string, outcome: "ALLOWED" | "REFUSED") {
    return graph.dataSources.housing.query(
      `SELECT person_id, category, reason, purpose FROM ${AUDIT_LINES}
       WHERE subject = $1 AND outcome = $2 AND $3 = ANY(fields)`,
      [sub, outcome, field],
    );
  }

  // Each site has rooms of 4 and 2 beds (6 places, validated since 2022-01-01: 6 validated places).
  // Own site: the family of 3 in the 4-bed room K1 -> occupied 3, available 6 - 3 = 3; K2 empty.
  // Other site: the family of 2 in the 2-bed room K2 (the smallest that holds them) -> occupied 2, available 6 - 2 = 4.
  const OWN = { places: 6, validatedPlaces: 6, occupied: 3, available: 3 };
  const OTHER = { places: 6, validatedPlaces: 6, occupied: 2, available: 4 };
  const OWN_ROOMS = [
    { label: "K1", occupied: 3 },
    { label: "K2", occupied: 0 },
  ];
  const OTHER_ROOMS = [
    { label: "K1", occupied: 0 },
    { label: "K2", occupied: 2 },
  ];

  const refusedRoles: Role[] = ["ANALYST", "CARE_WORKER", "SCHOOL_STAFF", "ADMIN"];
  describe.each(refusedRoles)("%s", (role) => {
    test.each<Via>(["gateway", "direct"])(
      "is refused Site.occupancy and Room.occupied (%s), audited; occupancySeries is theirs",
      async (via) => {
        const as: TokenClaims = {
          sub: `occupancy-${via}-${role.toLowerCase()}`,
          org: "ELSEWHERE",
          roles: [role],
          organisations: ["CAW_GENT"],
          schools: ["11111111-1111-4111-8111-111111111111"],
        };
        // PLACEMENT covers housing data: the role alone refuses.
        const occupancy = await read(OCCUPANCY, ownSite, as, "PLACEMENT", via);
        expect(errorCodes(occupancy)).toEqual(["FORBIDDEN"]);
        expect(occupancy.errors![0].message).toContain("housing data (Site.occupancy)");
        expect(occupancy.data?.site?.occupancy ?? null).toBeNull();
        const rooms = await read(ROOMS, ownSite, as, "PLACEMENT", via);
        expect(errorCodes(rooms)).toContain("FORBIDDEN");
        expect(rooms.errors![0].message).toContain("housing data (Room.occupied)");
        expect(rooms.data?.site?.rooms ?? null).toBeNull();
        for (const field of ["Site.occupancy", "Room.occupied"]) {
          expect(await housingAudit(as.sub!, field, "REFUSED")).toContainEqual({
            person_id: null,
            category: "HOUSING",
            reason: "FORBIDDEN",
            purpose: "PLACEMENT",
          });
          expect(await housingAudit(as.sub!, field, "ALLOWED")).toEqual([]);
        }
        // Their purpose for counts is REPORTING: it does not cover housing data, and names both.
        const reporting = await read(OCCUPANCY, ownSite, as, "REPORTING", via);
        expect(errorCodes(reporting)).toEqual(["FORBIDDEN"]);
        expect(reporting.errors![0].message).toContain("The purpose REPORTING does not cover housing data");
        // The aggregate way in: the own site's 3 residents are 1–4 people, suppressed, available withheld with them.
        const series = await read(
          `query S($id: ID) { occupancySeries(from: "2022-05-02", to: "2022-05-02", siteId: $id) { places occupied { value suppressed } available } }`,
          ownSite,
          as,
          "REPORTING",
          via,
        );
        if (role === "ADMIN") {
          expect(errorCodes(series)).toEqual(["FORBIDDEN"]);
        } else {
          expect(ok(series).occupancySeries).toEqual([
            { places: 6, occupied: { value: null, suppressed: true }, available: null },
          ]);
        }
      },
    );
  });

  test.each<Via>(["gateway", "direct"])(
    "a SITE_COORDINATOR reads their own site's counts and is refused another site's (%s)",
    async (via) => {
      const as = { ...siteCoordinator(ownSite), sub: `occupancy-${via}-site-coordinator` };
      expect(ok(await read(OCCUPANCY, ownSite, as, "PLACEMENT", via)).site.occupancy).toEqual(OWN);
      expect(ok(await read(ROOMS, ownSite, as, "PLACEMENT", via)).site.rooms).toEqual(OWN_ROOMS);
      const occupancy = await read(OCCUPANCY, otherSite, as, "PLACEMENT", via);
      expect(errorCodes(occupancy)).toEqual(["FORBIDDEN"]);
      expect(occupancy.errors![0].message).toContain("not one of your sites");
      expect(occupancy.data?.site?.occupancy ?? null).toBeNull();
      const rooms = await read(ROOMS, otherSite, as, "PLACEMENT", via);
      expect(errorCodes(rooms)).toContain("FORBIDDEN");
      expect(rooms.data?.site?.rooms ?? null).toBeNull();
      for (const field of ["Site.occupancy", "Room.occupied"]) {
        expect(await housingAudit(as.sub, field, "REFUSED")).toContainEqual({
          person_id: null,
          category: "HOUSING",
          reason: "FORBIDDEN",
          purpose: "PLACEMENT",
        });
        expect((await housingAudit(as.sub, field, "ALLOWED")).length).toBeGreaterThan(0);
      }
    },
  );

  test.each<Via>(["gateway", "direct"])(
    "a HOUSING_COORDINATOR placing families reads every site's exact counts, audited (%s)",
    async (via) => {
      const as = { ...HOUSING, sub: `occupancy-${via}-housing-coordinator` };
      expect(ok(await read(OCCUPANCY, ownSite, as, "PLACEMENT", via)).site.occupancy).toEqual(OWN);
      expect(ok(await read(OCCUPANCY, otherSite, as, "PLACEMENT", via)).site.occupancy).toEqual(OTHER);
      expect(ok(await read(ROOMS, otherSite, as, "PLACEMENT", via)).site.rooms).toEqual(OTHER_ROOMS);
      for (const field of ["Site.occupancy", "Room.occupied"]) {
        expect(await housingAudit(as.sub, field, "ALLOWED")).toContainEqual({
          person_id: null,
          category: "HOUSING",
          reason: null,
          purpose: "PLACEMENT",
        });
      }
      // The same coordinator without a purpose reads no count.
      expect(errorCodes(await read(OCCUPANCY, otherSite, as, null, via))).toEqual(["PURPOSE_REQUIRED"]);
    },
  );
});
