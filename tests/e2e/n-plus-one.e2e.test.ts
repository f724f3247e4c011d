// Listing people with fields from all four subgraphs costs each subgraph the same number of SQL statements for 50 people as for 5.
import { queryCount } from "@reception-graph/kit";
import { RunningGraph, startGraph } from "../support/graph";
import { ok, seedPeopleAcrossGraph } from "../support/fixtures";

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

/** SQL statements each subgraph sent to its database while answering one list query. */
async function statementsFor(first: number): Promise<Record<string, number>> {
  const before = Object.fromEntries(Object.entries(graph.dataSources).map(([n, ds]) => [n, queryCount(ds)]));
  const res = ok(await graph.query(LIST, { first }));
  const nodes = res.people.edges.map((e: any) => e.node);
  expect(nodes).toHaveLength(first);
  for (const n of nodes) {
    expect(n.placement.site.name).toBe("Loader centre");
    expect(n.referrals[0].service.name).toBe("Psychosocial programme");
    expect(n.enrolments[0].school.name).toBe("Basisschool Loader");
  }
  return Object.fromEntries(Object.entries(graph.dataSources).map(([n, ds]) => [n, queryCount(ds) - before[n]]));
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
