// Scenario: a social worker lists people with their referrals while the care subgraph, run as its own process,
// is stopped (SIGSTOP), slow (its link delayed beyond the timeout) or refusing connections (its port closed).
// Each time the gateway answers within its 1 s timeout (asserted generously: under 3×) with social's data, the
// referrals null, and one UNAVAILABLE error naming care and what is missing; once the fault ends the same query
// answers in full. A care worker's list, which social filters by asking care (a subgraph→subgraph call), fails
// within the peer timeout naming care, and works again after.
import { GraphWithProcess, startGraphWithProcess } from "../support/faults/graph-with-process";
import { ok, seedPeopleAcrossGraph, SeededGraph } from "../support/fixtures";
import { GqlResponse } from "../support/graphql";

const TIMEOUT_MS = 1000;
const PEOPLE = `query People { people(first: 20) { totalCount edges { node { id givenName referrals { status } } } } }`;

let graph: GraphWithProcess;
let seeded: SeededGraph;

beforeAll(async () => {
  graph = await startGraphWithProcess({ subgraph: "care", timeoutMs: TIMEOUT_MS });
  seeded = await seedPeopleAcrossGraph(graph, 2);
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

/** Runs the query and returns its answer and how long it took (for the "within the timeout" behaviour). */
async function timed<T>(run: () => Promise<T>): Promise<{ res: T; ms: number }> {
  const started = Date.now();
  const res = await run();
  return { res, ms: Date.now() - started };
}

function expectPartialWithoutCare(res: GqlResponse, ms: number) {
  expect(res.status).toBe(200);
  const edges = res.data.people.edges as { node: { id: string; givenName: string; referrals: unknown } }[];
  // social's part is all there…
  expect(edges.map((e) => e.node.id)).toEqual(expect.arrayContaining(seeded.personIds));
  expect(edges.length).toBeGreaterThanOrEqual(seeded.personIds.length);
  for (const { node } of edges) {
    expect(node.givenName).toMatch(/^Child/);
    expect(node.referrals).toBeNull();
  }
  // …and one error says which partner and which data are missing.
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toEqual({ code: "UNAVAILABLE", service: "care" });
  expect(res.errors![0].message).toMatch(/^care is not answering; referrals are missing\./);
  expect(JSON.stringify(res.errors)).not.toMatch(/127\.0\.0\.1|ECONN|Abort|stack/);
  expect(ms).toBeLessThan(3 * TIMEOUT_MS);
}

async function expectFullAnswer() {
  const res = await graph.query(PEOPLE);
  expect(res.errors).toBeUndefined();
  const withReferrals = (res.data.people.edges as { node: { id: string; referrals: { status: string }[] } }[]).filter(
    (e) => seeded.personIds.includes(e.node.id),
  );
  expect(withReferrals).toHaveLength(seeded.personIds.length);
  for (const { node } of withReferrals) expect(node.referrals.length).toBeGreaterThanOrEqual(1);
}

test("with every subgraph up, the list carries referrals", async () => {
  await expectFullAnswer();
});

test("care stopped (SIGSTOP): social's people, referrals null, UNAVAILABLE naming care, within the timeout", async () => {
  graph.process.pause();
  try {
    const { res, ms } = await timed(() => graph.query(PEOPLE));
    expectPartialWithoutCare(res, ms);
  } finally {
    graph.process.resume();
  }
  await expectFullAnswer();
});

test.each([
  [
    "care slow (its link delayed past the timeout): the same partial answer, within the timeout",
    () => graph.proxy.delay(3 * TIMEOUT_MS),
  ],
  ["care refusing connections (port closed): the same partial answer, at once", () => graph.proxy.cut()],
])("%s", async (_name, fault) => {
  await fault();
  try {
    const { res, ms } = await timed(() => graph.query(PEOPLE));
    expectPartialWithoutCare(res, ms);
  } finally {
    await graph.proxy.restore();
  }
  await expectFullAnswer();
});

test("a care worker's list, which social filters by asking care, fails naming care when care is stopped", async () => {
  const careWorker = {
    sub: "caw-1",
    org: "CAW",
    roles: ["CARE_WORKER" as const],
    organisations: ["CAW_OOST_VLAANDEREN"],
  };
  const list = `query Mine { people(first: 5) { edges { node { id } } } }`;
  const before = await graph.query(list, {}, careWorker, "CARE");
  expect(before.errors).toBeUndefined();
  expect(before.data.people.edges.length).toBeGreaterThanOrEqual(1);

  graph.process.pause();
  try {
    const { res, ms } = await timed(() => graph.query(list, {}, careWorker, "CARE"));
    // social asked care and gave up after its peer timeout: the error names care, not social, and no list is
    // returned (an empty one would say "you have no people").
    expect(res.errors?.map((e) => e.extensions)).toEqual([{ code: "UNAVAILABLE", service: "care" }]);
    expect(res.errors![0].message).toMatch(/care service is not answering/);
    expect(res.data?.people ?? null).toBeNull();
    expect(ms).toBeLessThan(3 * TIMEOUT_MS);
  } finally {
    graph.process.resume();
  }
  const after = ok(await graph.query(list, {}, careWorker, "CARE"));
  expect(after.people.edges.length).toBeGreaterThanOrEqual(1);
});
