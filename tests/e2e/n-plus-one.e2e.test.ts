// Listing people with fields from all four subgraphs costs each subgraph the same number of SQL statements for 50
// people as for 5, and a page of newcomers nobody has placed, referred or enrolled costs what a page of people
// with a site, room, service and school does (each is read with its placement, referral or enrolment).
import { queryCount } from "@reception-graph/kit";
import { RunningGraph, startGraph } from "../support/graph";
import { ok, registerHousehold, seedPeopleAcrossGraph } from "../support/fixtures";

const PEOPLE = 50;

let graph: RunningGraph;

beforeAll(async () => {
  graph = await startGraph();
  await seedPeopleAcrossGraph(graph, PEOPLE);
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

const LIST = `query List($first: Int!) {
  people(first: $first) {
    edges { node {
      id givenName familyName birthYear
      household { id composition members { id } }
      placement { id moveInDate site { id name } room { id label } }
      placements { id }
      referrals { id status service { id name } }
      enrolments { id status school { id name } }
      currentEnrolment { id }
    } }
  }
}`;

/** One list page and the SQL statements each subgraph sent to its database while answering it. */
async function listPage(first: number): Promise<{ nodes: any[]; statements: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(graph.dataSources).map(([n, ds]) => [n, queryCount(ds)]));
  const res = ok(await graph.query(LIST, { first }));
  const statements = Object.fromEntries(
    Object.entries(graph.dataSources).map(([n, ds]) => [n, queryCount(ds) - before[n]]),
  );
  return { nodes: res.people.edges.map((e: any) => e.node), statements };
}

/** SQL statements each subgraph sent to its database while answering one list query of seeded people. */
async function statementsFor(first: number): Promise<Record<string, number>> {
  const { nodes, statements } = await listPage(first);
  expect(nodes).toHaveLength(first);
  for (const n of nodes) {
    expect(n.placement.site.name).toBe("Loader centre");
    expect(n.referrals[0].service.name).toBe("Psychosocial programme");
    expect(n.enrolments[0].school.name).toBe("Basisschool Loader");
  }
  return statements;
}

test("statements per subgraph do not grow with the number of people", async () => {
  const few = await statementsFor(5);
  const many = await statementsFor(PEOPLE);
  console.log(
    `[n+1] SQL statements per subgraph for 5 people: ${JSON.stringify(few)}; for ${PEOPLE}: ${JSON.stringify(many)}`,
  );
  expect(many).toEqual(few);
  // A small fixed bound per subgraph: page + count, one batch per field, one audit insert.
  for (const n of Object.values(many)) expect(n).toBeLessThanOrEqual(12);
});

test("a page of newcomers with no placement, referral or enrolment costs the statements of a page of seeded people", async () => {
  const seeded = await statementsFor(5);
  const newcomers = await registerHousehold(graph, 3, "Newcomer");
  // The newest registrations come first: the three newcomers fill a page of three.
  const fresh = await listPage(3);
  expect(fresh.nodes.map((n) => n.id).sort()).toEqual([...newcomers.memberIds].sort());
  for (const n of fresh.nodes)
    expect(n).toMatchObject({ placement: null, placements: [], referrals: [], enrolments: [] });
  // Three newcomers and five seeded people, each with a site, room, service and school.
  const mixed = await listPage(8);
  expect(
    mixed.nodes.filter((n) => n.placement?.room?.id && n.referrals[0]?.service?.id && n.enrolments[0]?.school?.id),
  ).toHaveLength(5);
  console.log(`[n+1] newcomers only: ${JSON.stringify(fresh.statements)}; mixed: ${JSON.stringify(mixed.statements)}`);
  expect(fresh.statements).toEqual(seeded);
  expect(mixed.statements).toEqual(seeded);
  for (const n of Object.values(seeded)) expect(n).toBeGreaterThanOrEqual(1);
});
