// With OTEL_EXPORTER_OTLP_ENDPOINT set, spans go over OTLP/HTTP to a collector (here a small receiver on loopback):
// a client's W3C traceparent is continued by the gateway, which passes it on to the subgraph, so the gateway's
// spans and the subgraph's span share the client's trace ID; a request without one starts a trace that still
// crosses; the request's log lines name the trace; probes are not traced; and no span carries the variables'
// personal values.
import { captureLogs, CapturedLogs, flushTracing, startTracing, stopTracing } from "@reception-graph/kit";
import { randomBytes } from "node:crypto";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { callerToken } from "../support/tokens";

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
  service: string;
}

/** An OTLP/HTTP JSON receiver: what a collector would get on POST /v1/traces. */
function otlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += String(chunk)));
    req.on("end", () => {
      bodies.push(body);
      if (req.method === "POST" && req.url === "/v1/traces" && /json/.test(req.headers["content-type"] ?? "")) {
        for (const rs of JSON.parse(body).resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a: any) => a.key === "service.name")?.value?.stringValue;
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              spans.push({
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId || undefined,
                name: s.name,
                attributes: Object.fromEntries(
                  (s.attributes ?? []).map((a: any) => [a.key, Object.values(a.value)[0]]),
                ),
                service,
              });
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return { server, spans, bodies };
}

let graph: RunningGraph;
let receiver: ReturnType<typeof otlpReceiver>;
let collector: Server;
let logs: CapturedLogs;

beforeAll(async () => {
  receiver = otlpReceiver();
  collector = receiver.server;
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  // One process holds the gateway and the subgraphs here: one tracer provider, as each real process has its own.
  expect(startTracing("test-graph", { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toBe(true);
  logs = captureLogs("info");
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
  await stopTracing();
  await new Promise((resolve) => collector?.close(resolve));
  logs?.stop();
});

async function postWithTrace(headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(graph.graphqlUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await callerToken({ sub: "tracer", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] })}`,
      "x-purpose": "CASE_MANAGEMENT",
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  return { status: res.status, body, requestId: res.headers.get("x-request-id") };
}

const serverSpan = (traceId: string, service: string) =>
  receiver.spans.find((s) => s.traceId === traceId && s.attributes["reception.service"] === service);

test("the client's trace ID crosses from the gateway to the subgraph, each span under its caller", async () => {
  const traceId = randomBytes(16).toString("hex");
  const clientSpanId = randomBytes(8).toString("hex");
  const res = await postWithTrace(
    { traceparent: `00-${traceId}-${clientSpanId}-01` },
    `query TracedPeople { people(first: 2) { totalCount } }`,
  );
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  await flushTracing();

  const gateway = serverSpan(traceId, "gateway");
  expect(gateway).toMatchObject({
    name: "POST /graphql",
    parentSpanId: clientSpanId,
    service: "reception-graph-test-graph",
  });
  expect(gateway!.attributes).toMatchObject({
    "graphql.operation.name": "TracedPeople",
    "http.response.status_code": 200,
  });
  // Apollo Gateway's own fetch span, under the gateway's request span.
  const fetches = receiver.spans.filter((s) => s.traceId === traceId && s.name === "gateway.fetch");
  expect(fetches.length).toBeGreaterThanOrEqual(1);
  // The subgraph's span takes its parent from the traceparent header the gateway sent: the fetch that asked it.
  const social = serverSpan(traceId, "social");
  expect(social).toBeDefined();
  expect(fetches.map((f) => f.spanId)).toContain(social!.parentSpanId);
  expect(social!.attributes).toMatchObject({ "graphql.operation.name": "TracedPeople" });
  // The operator finds the trace from a log line: both request lines name it.
  const lines = logs.records().filter((r) => r.msg === "request" && r.requestId === res.requestId);
  expect(lines.map((r) => [r.service, r.traceId]).sort()).toEqual([
    ["gateway", traceId],
    ["social", traceId],
  ]);
});

test("a subgraph's question to a peer stays in the trace", async () => {
  // A site coordinator's list of people: social asks housing which people live at the coordinator's sites.
  const siteId = await validatedSite(graph, "Trace site", [2]);
  const family = await registerHousehold(graph, 1, "Traceenko");
  ok(await place(graph, family.householdId, siteId, HOUSING));
  const traceId = randomBytes(16).toString("hex");
  const res = await fetch(graph.graphqlUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await callerToken(siteCoordinator(siteId))}`,
      "x-purpose": "PLACEMENT",
      traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`,
    },
    body: JSON.stringify({ query: `query TracedSitePeople { people(first: 5) { edges { node { id } } } }` }),
  });
  const body = (await res.json()) as any;
  expect(body.errors).toBeUndefined();
  expect(body.data.people.edges.map((e: any) => e.node.id)).toEqual(family.memberIds);
  await flushTracing();
  const social = serverSpan(traceId, "social");
  const housing = receiver.spans.filter(
    (s) => s.traceId === traceId && s.attributes["reception.service"] === "housing",
  );
  expect(social).toBeDefined();
  // Housing answers the gateway's fetches too; the peer question is the one whose parent is social's span.
  expect(housing.map((s) => s.parentSpanId)).toContain(social!.spanId);
});

test("probes are not traced", async () => {
  const traceId = randomBytes(16).toString("hex");
  const health = await fetch(`${graph.url}/health`, {
    headers: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` },
  });
  expect(health.status).toBe(200);
  await flushTracing();
  expect(receiver.spans.filter((s) => s.traceId === traceId || s.name.endsWith("/health"))).toEqual([]);
});

test("a request without traceparent starts a trace at the gateway that the subgraph continues", async () => {
  const res = await postWithTrace({}, `query UntracedPeople { people(first: 1) { totalCount } }`);
  expect(res.status).toBe(200);
  await flushTracing();
  const gateway = receiver.spans.find(
    (s) =>
      s.attributes["reception.service"] === "gateway" && s.attributes["graphql.operation.name"] === "UntracedPeople",
  );
  expect(gateway).toBeDefined();
  expect(gateway!.parentSpanId).toBeUndefined();
  expect(serverSpan(gateway!.traceId, "social")).toBeDefined();
});

test("spans carry no variable values", async () => {
  const res = await postWithTrace(
    {},
    `mutation TracedRegister($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
    { input: { members: [{ givenName: "Tracevna", familyName: "Spanenko", birthDate: "1977-07-17", sex: "FEMALE" }] } },
  );
  expect(res.body.errors).toBeUndefined();
  await flushTracing();
  expect(receiver.spans.some((s) => s.attributes["graphql.operation.name"] === "TracedRegister")).toBe(true);
  expect(receiver.bodies.join("")).not.toMatch(/Tracevna|Spanenko|1977-07-17/);
});
