// /health and /ready answer on the gateway and every subgraph; the gateway turns unready (503) when a subgraph stops,
// says which only to a signed-in caller, and its errors then name the partner but leak no internal address. A caller's
// keep-alive connection stays open across a pause longer than Node's default 5 s.
import { captureLogs, createModuleServer, SubgraphServer } from "@reception-graph/kit";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { createTokenVerifier } from "../../gateway/src/auth";
import { createGatewayServer, GatewayServer } from "../../gateway/src/server";
import { ALL_SUBGRAPHS } from "../../scripts/subgraphs";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, postGraphql } from "../support/graphql";
import { callerToken, TEST_JWT_SECRET, testInternalSigner, testInternalVerifier } from "../support/tokens";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
});

const baseOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, "");

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
}

test("the gateway's /health answers without a token", async () => {
  expect(await getJson(`${graph.url}/health`)).toEqual({ status: 200, body: { status: "ok", service: "gateway" } });
});

const signedIn = async () => ({ authorization: `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}` });

test("the gateway's /ready lists every subgraph as ready to a signed-in caller, and only its status to others", async () => {
  const { status, body } = await getJson(`${graph.url}/ready`, await signedIn());
  expect(status).toBe(200);
  expect(body).toEqual({
    status: "ready",
    subgraphs: { social: "ready", housing: "ready", care: "ready", education: "ready" },
  });
  expect(await getJson(`${graph.url}/ready`)).toEqual({ status: 200, body: { status: "ready" } });
});

test.each(["social", "housing", "care", "education"])("%s answers /health and /ready", async (name) => {
  const base = baseOf(graph.subgraphUrls[name]);
  expect(await getJson(`${base}/health`)).toEqual({ status: 200, body: { status: "ok", service: name } });
  expect(await getJson(`${base}/ready`)).toEqual({ status: 200, body: { status: "ready", service: name } });
});

describe("a subgraph stops", () => {
  let care: SubgraphServer | null = null;
  let gateway: GatewayServer | null = null;
  let gatewayUrl: string;

  beforeAll(async () => {
    // A second care process on the same database, and a gateway using it, so that it can be stopped alone.
    const careModule = ALL_SUBGRAPHS.find((m) => m.name === "care")!;
    care = await createModuleServer(
      careModule,
      graph.dataSources.care,
      await testInternalVerifier(),
      graph.subgraphUrls,
    );
    const careUrl = await care.listen(0);
    gateway = await createGatewayServer({
      supergraphSdl: readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
      subgraphUrls: { ...graph.subgraphUrls, care: careUrl },
      verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
      internalTokens: await testInternalSigner(),
    });
    gatewayUrl = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway?.stop();
    await care?.stop();
  });

  test("ready while it runs, 503 naming it once it stopped; the rest of the graph still answers", async () => {
    expect((await getJson(`${gatewayUrl}/ready`)).status).toBe(200);
    await care!.stop();
    care = null;

    const { status, body } = await getJson(`${gatewayUrl}/ready`, await signedIn());
    expect(status).toBe(503);
    expect(body).toEqual({
      status: "unavailable",
      subgraphs: { social: "ready", housing: "ready", care: "not answering", education: "ready" },
    });
    expect(await getJson(`${gatewayUrl}/ready`)).toEqual({ status: 503, body: { status: "unavailable" } });
    expect((await getJson(`${gatewayUrl}/health`)).status).toBe(200);

    const headers = {
      authorization: `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}`,
      "x-purpose": "CASE_MANAGEMENT",
    };
    const social = await postGraphql(`${gatewayUrl}/graphql`, `{ people(first: 1) { totalCount } }`, {}, headers);
    expect(social.errors).toBeUndefined();

    const logged = captureLogs();
    const res = await postGraphql(`${gatewayUrl}/graphql`, `query Services { services { id } }`, {}, headers);
    // The details are logged on the server for the administrator…
    expect(logged.lines().join("\n")).toMatch(/care did not answer \(ECONNREFUSED\)/);
    logged.stop();
    // …and the caller learns which partner did not answer and what is missing.
    expect(res.data ?? null).toBeNull();
    expect(errorCodes(res)).toEqual(["UNAVAILABLE"]);
    expect(res.errors![0].extensions).toEqual({ code: "UNAVAILABLE", service: "care" });
    expect(res.errors![0].message).toMatch(/^care is not answering; services are missing\./);
    // What failed inside stays inside: no address, port, stack or low-level error text.
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\/|ECONNREFUSED|serviceName|stack/i);
  });
});

test("a caller's keep-alive connection outlives a 6 s pause: the second request goes out on the same socket", async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${graph.url}/health`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("socket", (s) => sockets.add(s));
      req.on("error", reject);
      req.end();
    });
  try {
    expect(await get()).toBe(200);
    await new Promise((r) => setTimeout(r, 6000));
    expect(await get()).toBe(200);
    expect(sockets.size).toBe(1);
  } finally {
    agent.destroy();
  }
}, 20_000);
