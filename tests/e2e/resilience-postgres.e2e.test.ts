// Scenario: the care subgraph runs as its own process on a PostgreSQL server of its own, and that server is
// really restarted (fast shutdown, then started again on the same port and data) while social workers keep
// listing people with their referrals and care's services. During the outage every answer comes back within
// the timeout, with social's data and an UNAVAILABLE error naming care (its database), never INTERNAL, never a
// hang; the gateway's /ready says care's database is unavailable; after the restart the same queries answer in
// full, without any process having been restarted (care's process is the same and never exited).
import { GraphWithProcess, startGraphWithProcess } from "../support/faults/graph-with-process";
import { RestartablePostgres, startRestartablePostgres } from "../support/faults/postgres-server";
import { createDatabase, CreatedDatabase } from "../support/db";
import { ok, seedPeopleAcrossGraph, SeededGraph } from "../support/fixtures";
import { GqlResponse } from "../support/graphql";
import { callerToken } from "../support/tokens";

const TIMEOUT_MS = 1500;
const PEOPLE = `query People { people(first: 20) { edges { node { id givenName referrals { status } } } } }`;
const SERVICES = `query Services { services { id name } }`;

let pg: RestartablePostgres;
let careDatabase: CreatedDatabase;
let graph: GraphWithProcess;
let seeded: SeededGraph;
let careExited = false;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  careDatabase = await createDatabase("test_care", pg.url);
  graph = await startGraphWithProcess({ subgraph: "care", timeoutMs: TIMEOUT_MS, database: careDatabase });
  void graph.process.exited.then(() => (careExited = true));
  seeded = await seedPeopleAcrossGraph(graph, 2);
}, 180_000);
afterAll(async () => {
  await graph?.stop();
  await careDatabase?.drop().catch(() => undefined);
  await pg?.stop();
});

interface Outcome {
  query: "people" | "services";
  ms: number;
  res: GqlResponse;
  /** When it was sent, and the phase when its answer came back. */
  startedAt: number;
  phase: "before" | "stopping" | "outage" | "after";
}

test("a PostgreSQL restart under load: clean UNAVAILABLE answers during it, full answers after, no process restarted", async () => {
  const outcomes: Outcome[] = [];
  let phase: Outcome["phase"] = "before";
  let running = true;
  const client = async (query: Outcome["query"]) => {
    while (running) {
      const startedAt = Date.now();
      const res = await graph.query(query === "people" ? PEOPLE : SERVICES);
      outcomes.push({ query, ms: Date.now() - startedAt, res, startedAt, phase });
    }
  };
  const clients = [client("people"), client("services"), client("people")];
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const carePid = graph.process.pid;
  let readyDuringOutage: { status: number; body: any } | null = null;
  try {
    await pause(1000);
    // Answers that come back from now on may already meet a server shutting down.
    phase = "stopping";
    await pg.stopServer();
    phase = "outage";
    await pause(1500);
    const ready = await fetch(`${graph.url}/ready`, {
      headers: { authorization: `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}` },
    });
    readyDuringOutage = { status: ready.status, body: await ready.json() };
    await pg.startServer();
    phase = "after";
    // Pools reconnect on their own: wait for the first full answer (bounded), then keep the load on a while.
    const until = Date.now() + 30_000;
    while (Date.now() < until && !(await graph.query(SERVICES)).data?.services) await pause(200);
    const settledAt = Date.now();
    await pause(1500);
    running = false;
    await Promise.all(clients);

    // Throughout: every answer came back, in time, with no code but UNAVAILABLE naming care.
    expect(outcomes.length).toBeGreaterThan(10);
    for (const o of outcomes) {
      expect(o.res.status).toBe(200);
      expect(o.ms).toBeLessThan(3 * TIMEOUT_MS);
      for (const e of o.res.errors ?? []) expect(e.extensions).toEqual({ code: "UNAVAILABLE", service: "care" });
    }
    expect(outcomes.filter((o) => o.phase === "before").every((o) => !o.res.errors)).toBe(true);

    // During the outage: refused cleanly, naming care's database; people keep social's part.
    const outage = outcomes.filter((o) => o.phase === "outage");
    expect(outage.length).toBeGreaterThanOrEqual(3);
    const failed = outage.filter((o) => o.res.errors?.length);
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed.some((o) => /care's database is not answering/.test(o.res.errors![0].message))).toBe(true);
    for (const o of failed.filter((f) => f.query === "people")) {
      const ids = (o.res.data.people.edges as { node: { id: string; givenName: string } }[]).map((e) => e.node.id);
      expect(ids).toEqual(expect.arrayContaining(seeded.personIds));
    }
    expect(readyDuringOutage).toEqual({
      status: 503,
      body: {
        status: "unavailable",
        subgraphs: { social: "ready", housing: "ready", care: "database unavailable", education: "ready" },
      },
    });

    // After: full answers again (to every request sent once the first one succeeded), from the same care process.
    const after = outcomes.filter((o) => o.startedAt >= settledAt);
    expect(after.length).toBeGreaterThanOrEqual(3);
    for (const o of after) expect(o.res.errors).toBeUndefined();
    const people = ok(await graph.query(PEOPLE)).people.edges.filter((e: { node: { id: string } }) =>
      seeded.personIds.includes(e.node.id),
    );
    for (const { node } of people) expect(node.referrals.length).toBeGreaterThanOrEqual(1);
    expect(careExited).toBe(false);
    expect(graph.process.pid).toBe(carePid);
    expect(graph.process.output()).not.toMatch(/Unhandled|uncaught/i);
  } finally {
    running = false;
    await Promise.all(clients);
  }
}, 120_000);
