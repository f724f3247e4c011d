// SIGTERM to the gateway process while a registration passes through it: readiness drops at once (/ready 503
// "stopping"), a new caller is answered 503 UNAVAILABLE naming the gateway, the registration in flight completes with
// its data, and the process exits 0 once it has, well within its grace period. The gateway runs as its own process in
// front of the four subgraphs (in this test process); the registration is held in social by a PostgreSQL lock the
// test holds (the audit chain lock its transaction takes last).
import { HeldLock, holdAuditChain, until, writeWaitingOnLock } from "../support/faults/db-locks";
import { ServiceProcess, startServiceProcess } from "../support/faults/process";
import { RunningGraph, startGraph } from "../support/graph";
import { postGraphql } from "../support/graphql";
import { freshRequest, householdInput, REGISTER_HOUSEHOLD, REGISTRAR } from "../support/shutdown";
import { callerToken, TEST_INTERNAL_KEYS, TEST_JWT_SECRET } from "../support/tokens";

let graph: RunningGraph;
let gateway: ServiceProcess | null = null;
let lock: HeldLock | null = null;

beforeAll(async () => {
  graph = await startGraph();
}, 120_000);
afterEach(async () => {
  await lock?.release();
  lock = null;
  gateway?.kill("SIGKILL");
  await gateway?.exited;
  gateway = null;
});
afterAll(async () => {
  await graph?.stop();
});

function startGatewayProcess(graceMs: number): Promise<ServiceProcess> {
  return startServiceProcess({
    entry: "gateway/src/index.ts",
    portVariable: "GATEWAY_PORT",
    env: {
      JWT_SECRET: TEST_JWT_SECRET,
      JWKS_URL: "",
      INTERNAL_TOKEN_PRIVATE_KEY: TEST_INTERNAL_KEYS.privateKeyPem,
      SOCIAL_URL: graph.subgraphUrls.social,
      HOUSING_URL: graph.subgraphUrls.housing,
      CARE_URL: graph.subgraphUrls.care,
      EDUCATION_URL: graph.subgraphUrls.education,
      SHUTDOWN_GRACE_MS: String(graceMs),
    },
    readyTimeoutMs: 120_000,
  });
}

test("SIGTERM to the gateway: not ready at once, new callers refused, the request in flight completes, exit 0", async () => {
  const graceMs = 30_000;
  gateway = await startGatewayProcess(graceMs);
  const service = gateway;
  lock = await holdAuditChain(graph.databases.social.superuserUrl);
  const headers = { authorization: `Bearer ${await callerToken(REGISTRAR)}`, "x-purpose": "CASE_MANAGEMENT" };
  const answer = postGraphql(
    `${service.url}/graphql`,
    REGISTER_HOUSEHOLD,
    {
      input: householdInput("gateway-sigterm", "Petrenko"),
    },
    headers,
  );
  answer.catch(() => undefined);
  await writeWaitingOnLock(graph.databases.social.superuserUrl, graph.databases.social.roles.app);

  const signalled = Date.now();
  service.kill("SIGTERM");
  await until("the stopping line", async () => service.rendered().includes("[gateway] stopping (SIGTERM)"));
  const ready = await freshRequest(`${service.url}/ready`);
  expect(ready.status).toBe(503);
  expect(ready.body).toEqual({ status: "stopping", service: "gateway" });
  const refused = await freshRequest(`${service.url}/graphql`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({
      query: REGISTER_HOUSEHOLD,
      variables: { input: householdInput("gateway-new", "Hrytsenko") },
    }),
  });
  expect(refused.status).toBe(503);
  expect(refused.body.errors).toEqual([
    expect.objectContaining({ extensions: { code: "UNAVAILABLE", service: "gateway" } }),
  ]);

  await lock.release();
  lock = null;
  const res = await answer;
  expect(res.errors).toBeUndefined();
  expect(res.data.registerHousehold.members.map((m: { givenName: string }) => m.givenName).sort()).toEqual([
    "Olena",
    "Taras",
  ]);
  expect(await service.exited).toEqual({ code: 0, signal: null });
  expect(Date.now() - signalled).toBeLessThan(graceMs);
  expect(service.rendered()).toMatch(/\[gateway\] stopped after \d+ ms: 1 request\(s\) in flight finished\.\n/);
  // The registration in flight is stored once; the refused caller's was never sent on.
  const rows = await graph.databases.social.queryAs(
    "superuser",
    `SELECT family_name AS "familyName", count(*)::int AS n FROM person
     WHERE family_name IN ('Petrenko', 'Hrytsenko') GROUP BY family_name`,
  );
  expect(rows).toEqual([{ familyName: "Petrenko", n: 2 }]);
}, 180_000);

test("the gateway still exits when a request outlives a short grace period", async () => {
  const graceMs = 1_000;
  gateway = await startGatewayProcess(graceMs);
  const service = gateway;
  lock = await holdAuditChain(graph.databases.social.superuserUrl);
  const answer = postGraphql(
    `${service.url}/graphql`,
    REGISTER_HOUSEHOLD,
    { input: householdInput("gateway-cut", "Savchuk") },
    { authorization: `Bearer ${await callerToken(REGISTRAR)}`, "x-purpose": "CASE_MANAGEMENT" },
  );
  answer.catch(() => undefined);
  await writeWaitingOnLock(graph.databases.social.superuserUrl, graph.databases.social.roles.app);
  const signalled = Date.now();
  service.kill("SIGTERM");
  expect(await service.exited).toEqual({ code: 1, signal: null });
  expect(Date.now() - signalled).toBeLessThan(3 * (graceMs + 3_000));
  expect(service.rendered()).toMatch(/\[gateway\] stopped after \d+ ms: 0 request\(s\) in flight finished, 1 cut/);
  await expect(answer).rejects.toThrow();
}, 180_000);
