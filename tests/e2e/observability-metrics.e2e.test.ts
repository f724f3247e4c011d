// An operator scrapes /metrics on the gateway and on a subgraph from this machine: a named query moves the
// requests counter of that operation on both, the gateway times its fetch from the subgraph, a refused read
// moves the error counter of its code, the subgraph reports its database pool, and the operator token opens
// /metrics while a wrong one is refused with a clear code.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, postGraphql } from "../support/graphql";
import { metricValue, scrape } from "../support/prometheus";

let graph: RunningGraph;
let socialBase: string;
let personId: string;

const READER = { sub: "metrics-reader", org: "OCMW_GENT", roles: ["SOCIAL_WORKER" as const] };

beforeAll(async () => {
  graph = await startGraph();
  socialBase = graph.subgraphUrls.social.replace(/\/graphql$/, "");
  const registered = await graph.query(
    `mutation MetricsRegister($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id } } }`,
    { input: { members: [{ givenName: "Metric", familyName: "Counter", birthDate: "1980-01-01", sex: "MALE" }] } },
    READER,
  );
  personId = registered.data.registerHousehold.members[0].id;
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  await graph?.stop();
});

test("a named query moves graphql_requests_total of its operation on the gateway and on the subgraph", async () => {
  const gatewayBefore = await scrape(`${graph.url}/metrics`);
  const socialBefore = await scrape(`${socialBase}/metrics`);

  const res = await graph.query(
    `query MetricsPerson($id: ID!) { person(id: $id) { id givenName } }`,
    { id: personId },
    READER,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.person.id).toBe(personId);

  const gatewayAfter = await scrape(`${graph.url}/metrics`);
  const socialAfter = await scrape(`${socialBase}/metrics`);
  const success = { operation: "MetricsPerson", outcome: "success" };
  expect(
    metricValue(gatewayAfter, "graphql_requests_total", success) -
      metricValue(gatewayBefore, "graphql_requests_total", success),
  ).toBeGreaterThanOrEqual(1);
  expect(
    metricValue(socialAfter, "graphql_requests_total", success) -
      metricValue(socialBefore, "graphql_requests_total", success),
  ).toBeGreaterThanOrEqual(1);
  // The latency histogram of the operation and the gateway's fetch from social were observed too.
  const count = "graphql_request_duration_seconds_count";
  expect(
    metricValue(gatewayAfter, count, { operation: "MetricsPerson" }) -
      metricValue(gatewayBefore, count, { operation: "MetricsPerson" }),
  ).toBeGreaterThanOrEqual(1);
  const fetches = "gateway_subgraph_fetch_duration_seconds_count";
  expect(
    metricValue(gatewayAfter, fetches, { subgraph: "social", outcome: "success" }) -
      metricValue(gatewayBefore, fetches, { subgraph: "social", outcome: "success" }),
  ).toBeGreaterThanOrEqual(1);
  // Each process labels its own series.
  expect(gatewayAfter.find((s) => s.name === "graphql_requests_total")?.labels.service).toBe("gateway");
  expect(socialAfter.find((s) => s.name === "graphql_requests_total")?.labels.service).toBe("social");
});

test("a read refused for want of a purpose moves graphql_errors_total{code=PURPOSE_REQUIRED}", async () => {
  const code = { code: "PURPOSE_REQUIRED" };
  const gatewayBefore = metricValue(await scrape(`${graph.url}/metrics`), "graphql_errors_total", code);
  const socialBefore = metricValue(await scrape(`${socialBase}/metrics`), "graphql_errors_total", code);

  const res = await graph.query(
    `query MetricsNoPurpose($id: ID!) { person(id: $id) { givenName } }`,
    { id: personId },
    READER,
    null,
  );
  expect(errorCodes(res)).toContain("PURPOSE_REQUIRED");
  expect(JSON.stringify(res.data ?? {})).not.toContain("Metric");

  expect(
    metricValue(await scrape(`${graph.url}/metrics`), "graphql_errors_total", code) - gatewayBefore,
  ).toBeGreaterThanOrEqual(1);
  expect(
    metricValue(await scrape(`${socialBase}/metrics`), "graphql_errors_total", code) - socialBefore,
  ).toBeGreaterThanOrEqual(1);
});

test("a request without a token counts as an error of its operation with code UNAUTHENTICATED", async () => {
  const before = await scrape(`${graph.url}/metrics`);
  const res = await postGraphql(graph.graphqlUrl, `query MetricsNoToken { people(first: 1) { totalCount } }`);
  expect(res.status).toBe(401);
  expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
  const after = await scrape(`${graph.url}/metrics`);
  const refused = { operation: "anonymous", outcome: "error" };
  // postGraphql sends no operationName: the body's name is what a refused request is counted under.
  expect(
    metricValue(after, "graphql_requests_total", refused) - metricValue(before, "graphql_requests_total", refused),
  ).toBeGreaterThanOrEqual(1);
  expect(
    metricValue(after, "graphql_errors_total", { code: "UNAUTHENTICATED" }) -
      metricValue(before, "graphql_errors_total", { code: "UNAUTHENTICATED" }),
  ).toBeGreaterThanOrEqual(1);
});

test("the subgraph reports its database pool and Node's process metrics", async () => {
  const samples = await scrape(`${socialBase}/metrics`);
  expect(metricValue(samples, "db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
  expect(metricValue(samples, "db_pool_max_connections")).toBeGreaterThanOrEqual(1);
  expect(samples.some((s) => s.name === "process_resident_memory_bytes")).toBe(true);
});

test("with METRICS_TOKEN set, the operator's token is accepted and a wrong one refused with UNAUTHENTICATED", async () => {
  process.env.METRICS_TOKEN = "operator-metrics-token-0123456789";
  const ok = await fetch(`${graph.url}/metrics`, { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` } });
  expect(ok.status).toBe(200);
  expect(ok.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(await ok.text()).toContain("graphql_requests_total");
  // A wrong token is refused even from loopback: whoever sends one meant to use it.
  const wrong = await fetch(`${graph.url}/metrics`, { headers: { authorization: "Bearer not-the-token" } });
  expect(wrong.status).toBe(401);
  expect(await wrong.json()).toEqual({
    errors: [{ message: "The metrics token is not valid.", extensions: { code: "UNAUTHENTICATED" } }],
  });
});
