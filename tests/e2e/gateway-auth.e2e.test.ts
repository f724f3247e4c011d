// The gateway refuses requests without a valid caller token, and a subgraph reached directly refuses anything but the gateway's internal token.
import { generateInternalKeyPair, InternalTokenSigner } from "@reception-graph/kit";
import { SignJWT, UnsecuredJWT } from "jose";
import { randomUUID } from "node:crypto";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, GqlResponse, postGraphql } from "../support/graphql";
import { callerToken, internalToken, TEST_JWT_SECRET } from "../support/tokens";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
});

const QUERY = `query People { people(first: 1) { totalCount } }`;
const CLAIMS = { org: "OCMW_GENT", roles: ["SOCIAL_WORKER"], sites: [], schools: [], organisations: [] };

async function asGateway(headers: Record<string, string>): Promise<GqlResponse> {
  return postGraphql(graph.graphqlUrl, QUERY, {}, { "x-purpose": "CASE_MANAGEMENT", ...headers });
}

function expectUnauthenticated(res: GqlResponse): void {
  expect(res.status).toBe(401);
  expect(res.data ?? null).toBeNull();
  expect(errorCodes(res)).toEqual(["UNAUTHENTICATED"]);
}

describe("gateway: caller tokens", () => {
  test("a valid token is accepted (control)", async () => {
    const res = await asGateway({ authorization: `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}` });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.people.totalCount).toEqual(expect.any(Number));
  });

  test("no Authorization header: 401 UNAUTHENTICATED with a message saying what to send", async () => {
    const res = await asGateway({});
    expectUnauthenticated(res);
    expect(res.errors![0].message).toMatch(/Authorization: Bearer/);
  });

  test("an Authorization header that is not a bearer token: 401", async () => {
    expectUnauthenticated(await asGateway({ authorization: "Basic dXNlcjpwYXNz" }));
    expectUnauthenticated(await asGateway({ authorization: "Bearer" }));
    expectUnauthenticated(await asGateway({ authorization: "Bearer not.a.jwt" }));
  });

  test("a token signed with another secret: 401", async () => {
    const forged = await callerToken({ roles: ["SOCIAL_WORKER"] }, "some-other-secret-that-is-long-enough-0123456789");
    expectUnauthenticated(await asGateway({ authorization: `Bearer ${forged}` }));
  });

  test("an expired token: 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-expired")
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await asGateway({ authorization: `Bearer ${expired}` });
    expectUnauthenticated(res);
    expect(res.errors![0].message).toMatch(/exp/);
  });

  test("a token without an expiry, issued in the future, not yet valid or living for a month: 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const base = () => new SignJWT(CLAIMS).setProtectedHeader({ alg: "HS256" }).setSubject("user-t");
    const noExp = await base().setIssuedAt().sign(key);
    const future = await base()
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(key);
    const notYet = await base()
      .setIssuedAt(now)
      .setNotBefore(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(key);
    const month = await base()
      .setIssuedAt(now)
      .setExpirationTime(now + 30 * 86400)
      .sign(key);
    const noIat = await base()
      .setExpirationTime(now + 600)
      .sign(key);
    for (const token of [noExp, future, notYet, month, noIat]) {
      expectUnauthenticated(await asGateway({ authorization: `Bearer ${token}` }));
    }
  });

  test('an unsigned token (alg "none"): 401', async () => {
    const unsigned = new UnsecuredJWT(CLAIMS).setSubject("user-none").setIssuedAt().setExpirationTime("10m").encode();
    expectUnauthenticated(await asGateway({ authorization: `Bearer ${unsigned}` }));
  });

  test("a token whose payload was altered after signing: 401", async () => {
    const token = await callerToken({ roles: ["ANALYST"] });
    const [header, , signature] = token.split(".");
    const payload = Buffer.from(JSON.stringify({ ...CLAIMS, sub: "intruder", exp: 4102444800 })).toString("base64url");
    expectUnauthenticated(await asGateway({ authorization: `Bearer ${header}.${payload}.${signature}` }));
  });

  test("a validly signed token without a known role or organisation: 401", async () => {
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const noRole = await new SignJWT({ org: "OCMW_GENT", roles: ["SUPERUSER"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-x")
      .setExpirationTime("10m")
      .sign(key);
    const noOrg = await new SignJWT({ roles: ["SOCIAL_WORKER"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-y")
      .setExpirationTime("10m")
      .sign(key);
    expectUnauthenticated(await asGateway({ authorization: `Bearer ${noRole}` }));
    expectUnauthenticated(await asGateway({ authorization: `Bearer ${noOrg}` }));
  });
});

describe("subgraphs reached directly", () => {
  const names = ["social", "housing", "care", "education"];

  test.each(names)("%s: no internal token → 401 UNAUTHENTICATED", async (name) => {
    const res = await postGraphql(graph.subgraphUrls[name], `{ __typename }`);
    expectUnauthenticated(res);
  });

  test.each(names)("%s: a caller's (non-internal) token → 401 UNAUTHENTICATED", async (name) => {
    const token = await callerToken({ roles: ["SOCIAL_WORKER"] });
    const res = await postGraphql(graph.subgraphUrls[name], `{ __typename }`, {}, { authorization: `Bearer ${token}` });
    expectUnauthenticated(res);
  });

  test.each(names)("%s: an internal token signed with another key → 401 UNAUTHENTICATED", async (name) => {
    // What a compromised subgraph could do at most: sign with a key of its own.
    const own = await InternalTokenSigner.fromPem(generateInternalKeyPair().privateKeyPem);
    const forged = await own.sign(
      {
        caller: { sub: "intruder", org: "X", roles: ["DPO"], sites: [], schools: [], organisations: [] },
        purpose: "AUDIT",
        requestId: randomUUID(),
      },
      ["social", "housing", "care", "education"],
    );
    const res = await postGraphql(
      graph.subgraphUrls[name],
      `{ __typename }`,
      {},
      { authorization: `Bearer ${forged}` },
    );
    expectUnauthenticated(res);
  });

  test("the gateway's internal token is accepted (control)", async () => {
    const token = await internalToken({ roles: ["SOCIAL_WORKER"] }, "CASE_MANAGEMENT", ["social"]);
    const res = await postGraphql(graph.subgraphUrls.social, QUERY, {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  test.each(["housing", "care", "education"])(
    "a token the gateway issued for social, replayed at %s → 401 UNAUTHENTICATED",
    async (name) => {
      const token = await internalToken({ roles: ["SOCIAL_WORKER"] }, "CASE_MANAGEMENT", ["social"]);
      expectUnauthenticated(
        await postGraphql(graph.subgraphUrls[name], `{ __typename }`, {}, { authorization: `Bearer ${token}` }),
      );
    },
  );
});
