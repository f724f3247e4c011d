// Scenario: an operator's probe and a signed-in coordinator ask the gateway's /ready while care (its own process)
// is stopped (SIGSTOP) and while care's link to its database is cut. /ready goes 503 at once (its probes are
// bounded, it never hangs on a stopped subgraph), tells anonymous callers and callers with an invalid token only
// its status, and tells signed-in callers which part is down; /health stays 200 throughout (liveness only); both
// come back to ready once the fault ends. The subgraph keeps idle keep-alive sockets longer than the gateway,
// so the gateway never reuses one the subgraph is closing.
import { GraphWithProcess, startGraphWithProcess } from "../support/faults/graph-with-process";
import { READY_PROBE_TIMEOUT_MS } from "../../gateway/src/readiness";
import { callerToken } from "../support/tokens";
import { GATEWAY_IDLE_SOCKET_MS } from "../../gateway/src/subgraph-fetch";

let graph: GraphWithProcess;

beforeAll(async () => {
  graph = await startGraphWithProcess({ subgraph: "care", timeoutMs: 1000, databaseProxy: true });
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

async function ready(authorization?: string, path = "/ready"): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${graph.url}${path}`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

const signedIn = async () => `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}`;
const ALL_READY = { social: "ready", housing: "ready", care: "ready", education: "ready" };

async function expectHealthy() {
  expect(await ready()).toMatchObject({ status: 200, body: { status: "ready" } });
  expect(await ready(await signedIn())).toMatchObject({ status: 200, body: { status: "ready", subgraphs: ALL_READY } });
}

test("all parts up: ready", async () => {
  await expectHealthy();
});

test("a subgraph keeps idle connections open longer than the gateway does (no ECONNRESET race after idle)", async () => {
  const res = await fetch(`${graph.process.url}/health`);
  const kept = Number(/timeout=(\d+)/.exec(res.headers.get("keep-alive") ?? "")?.[1]) * 1000;
  expect(kept).toBe(65_000);
  expect(kept).toBeGreaterThan(GATEWAY_IDLE_SOCKET_MS);
});

test("care stopped (SIGSTOP): 503 within the probe timeout, which part only for a signed-in caller", async () => {
  graph.process.pause();
  try {
    const anonymous = await ready();
    expect(anonymous.status).toBe(503);
    expect(anonymous.body).toEqual({ status: "unavailable" });
    expect(anonymous.ms).toBeLessThan(3 * READY_PROBE_TIMEOUT_MS);

    const forged = await ready("Bearer not-a-token");
    expect(forged.status).toBe(503);
    expect(forged.body).toEqual({ status: "unavailable" });

    const coordinator = await ready(await signedIn());
    expect(coordinator.status).toBe(503);
    expect(coordinator.body).toEqual({ status: "unavailable", subgraphs: { ...ALL_READY, care: "not answering" } });
    expect(coordinator.ms).toBeLessThan(3 * READY_PROBE_TIMEOUT_MS);

    // A load balancer's question: this gateway still serves the other partners' data (partial answers).
    expect(await ready(undefined, "/ready?partial")).toMatchObject({ status: 200, body: { status: "ready" } });
    expect(await ready(await signedIn(), "/ready?partial")).toMatchObject({
      status: 200,
      body: { status: "ready", subgraphs: { ...ALL_READY, care: "not answering" } },
    });

    // Liveness is the gateway's own: a partner's outage is no reason to restart it.
    const health = await fetch(`${graph.url}/health`);
    expect(health.status).toBe(200);
  } finally {
    graph.process.resume();
  }
  await expectHealthy();
});

test("care's database link cut: 503, care's database named to a signed-in caller; ready again once restored", async () => {
  await graph.databaseProxy!.cut();
  try {
    const anonymous = await ready();
    expect(anonymous).toMatchObject({ status: 503, body: { status: "unavailable" } });
    const coordinator = await ready(await signedIn());
    expect(coordinator.status).toBe(503);
    expect(coordinator.body).toEqual({
      status: "unavailable",
      subgraphs: { ...ALL_READY, care: "database unavailable" },
    });
    expect(coordinator.ms).toBeLessThan(3 * READY_PROBE_TIMEOUT_MS);
    expect((await fetch(`${graph.url}/health`)).status).toBe(200);
  } finally {
    await graph.databaseProxy!.restore();
  }
  // The pool reconnects on its own at the next query; no process is restarted.
  const until = Date.now() + 20_000;
  while (Date.now() < until && (await ready()).status !== 200) await new Promise((r) => setTimeout(r, 200));
  await expectHealthy();
});
