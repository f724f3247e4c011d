// Per-caller rate limits: on a gateway configured for 3 requests a minute, a coordinator's fourth request in the
// minute is 429 RATE_LIMITED with Retry-After (seconds) and a message saying when to retry, and writes nothing;
// another caller, or the same person's colleague, is still served; the reports route counts by token subject too;
// routes without a token (the explorer page) count by client address; /health and /ready are never limited.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTokenVerifier } from "../../gateway/src/auth";
import { TokenBucketLimiter } from "../../gateway/src/feedback/rate-limit";
import { DEFAULT_LIMITS } from "../../gateway/src/limits/config";
import { createGatewayServer, GatewayServer } from "../../gateway/src/server";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, GqlResponse, postGraphql } from "../support/graphql";
import { callerToken, TEST_JWT_SECRET, testInternalSigner, TokenClaims } from "../support/tokens";

const PER_MINUTE = 3;
let graph: RunningGraph;
let limited: GatewayServer;
let url: string;
const verifier = createTokenVerifier({ jwtSecret: TEST_JWT_SECRET });
let verifications = 0;

beforeAll(async () => {
  graph = await startGraph();
  limited = await createGatewayServer({
    supergraphSdl: readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
    subgraphUrls: graph.subgraphUrls,
    verifyToken: (token) => {
      verifications++;
      return verifier(token);
    },
    internalTokens: await testInternalSigner(),
    limits: { ...DEFAULT_LIMITS, ratePerMinute: PER_MINUTE },
  });
  url = await limited.listen(0);
});
afterAll(async () => {
  await limited?.stop();
  await graph?.stop();
});

async function ask(as: TokenClaims, query: string, variables: Record<string, unknown> = {}) {
  return postGraphql(`${url}/graphql`, query, variables, {
    authorization: `Bearer ${await callerToken(as)}`,
    "x-purpose": "CASE_MANAGEMENT",
  });
}

async function askRaw(as: TokenClaims, query: string) {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await callerToken(as)}`,
      "x-purpose": "CASE_MANAGEMENT",
    },
    body: JSON.stringify({ query }),
  });
}

async function peopleRows(): Promise<number> {
  const [r] = await graph.dataSources.social.query(`SELECT COUNT(*)::int AS n FROM person`);
  return r.n;
}

const SITES = `query Sites { sites { id } }`;
const REGISTER = `mutation R { registerHousehold(input: { members: [{ givenName: "Halyna", familyName: "Rudenko", birthDate: "1980-08-08", sex: FEMALE, languages: ["uk"] }] }) { id } }`;

test("a caller's request over the limit is 429 RATE_LIMITED with Retry-After, writes nothing, and others are still served", async () => {
  const worker: TokenClaims = { sub: "sw-busy", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
  for (let i = 0; i < PER_MINUTE; i++) expect((await ask(worker, SITES)).errors).toBeUndefined();
  const before = await peopleRows();
  const refused = await askRaw(worker, REGISTER);
  expect(refused.status).toBe(429);
  const seconds = Number(refused.headers.get("retry-after"));
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  // One token comes back every 60 / PER_MINUTE seconds.
  expect(seconds).toBeLessThanOrEqual(60 / PER_MINUTE);
  const body = (await refused.json()) as GqlResponse;
  expect(errorCodes(body)).toEqual(["RATE_LIMITED"]);
  expect(body.errors![0].message).toBe(
    `Too many requests from caller OCMW_GHENT:sw-busy: at most ${PER_MINUTE} a minute are served. Retry after ${seconds} second${seconds === 1 ? "" : "s"}.`,
  );
  expect(body.errors![0].extensions!.retryAfter).toBe(seconds);
  expect(await peopleRows()).toBe(before);

  // Another person, and the same subject name in another organisation, have their own count.
  expect((await ask({ sub: "sw-calm", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] }, SITES)).errors).toBeUndefined();
  expect((await ask({ sub: "sw-busy", org: "CAW", roles: ["SOCIAL_WORKER"] }, SITES)).errors).toBeUndefined();
  // The default gateway of the graph is not affected at all.
  expect((await graph.query(SITES, {}, worker)).errors).toBeUndefined();
});

test("a request's token is verified once: the rate limit, the trusted-documents check and the context share it", async () => {
  const before = verifications;
  const res = await ask({ sub: "sw-once", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] }, SITES);
  expect(res.errors).toBeUndefined();
  expect(res.data.sites.length).toBeGreaterThanOrEqual(0);
  expect(verifications - before).toBe(1);
});

test("the reports route counts by token subject like /graphql", async () => {
  const analyst: TokenClaims = { sub: "analyst-busy", org: "IOM", roles: ["ANALYST"] };
  const token = await callerToken(analyst);
  const report = () =>
    fetch(`${url}/reports/indicators.csv?from=2022-05-01&to=2022-05-31`, {
      headers: { authorization: `Bearer ${token}` },
    });
  for (let i = 0; i < PER_MINUTE; i++) expect((await report()).status).toBe(200);
  const refused = await report();
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  const body = (await refused.json()) as GqlResponse;
  expect(errorCodes(body)).toEqual(["RATE_LIMITED"]);
  expect(body.errors![0].message).toMatch(/caller IOM:analyst-busy: .* Retry after \d+ seconds?\./);
  // The same analyst's GraphQL requests share the count: they are the same caller.
  const graphql = await askRaw(analyst, SITES);
  expect(graphql.status).toBe(429);
});

test("routes without a token count by client address; /health and /ready are never limited", async () => {
  // The explorer page: no token, so the loopback address is the key.
  for (let i = 0; i < PER_MINUTE; i++) expect((await fetch(`${url}/`)).status).toBe(200);
  const refused = await fetch(`${url}/`);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  const body = (await refused.json()) as GqlResponse;
  expect(errorCodes(body)).toEqual(["RATE_LIMITED"]);
  expect(body.errors![0].message).toMatch(/Too many requests from address \S+: at most 3 a minute/);
  for (let i = 0; i < PER_MINUTE * 3; i++) {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  }
  // A signed-in caller from the same address is counted apart, by subject.
  expect((await ask({ sub: "sw-other", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] }, SITES)).errors).toBeUndefined();
});

test("the token bucket refills: after Retry-After seconds the caller is served again", () => {
  let now = 0;
  const limiter = new TokenBucketLimiter(2, 60_000, 100, () => now);
  expect(limiter.take("a")).toBe(true);
  expect(limiter.take("a")).toBe(true);
  expect(limiter.take("a")).toBe(false);
  const seconds = limiter.retryAfterSeconds("a");
  expect(seconds).toBe(30);
  now += (seconds - 1) * 1000;
  expect(limiter.take("a")).toBe(false);
  now += 1000;
  expect(limiter.take("a")).toBe(true);
  // A bounded number of clients: the least recently seen is dropped first.
  for (let i = 0; i < 150; i++) limiter.take(`client-${i}`);
  expect(limiter.size).toBeLessThanOrEqual(100);
  expect(limiter.size).toBeGreaterThanOrEqual(99);
});
