// Abuse limits at the gateway: a coordinator (or an attacker with a token) asks for too much in one request —
// 100 aliases of people(first: 100), a list of lists whose cost multiplies, thousands of tokens, dozens of
// directives, a batch, a 2 MB body, a 10,000-character operationName, a body that is not JSON — and each is
// refused up front with a clear code, HTTP status and a message naming the limit and the value; nothing is
// written, and the graph keeps serving the next normal query. Introspection and "Did you mean" are for people
// signed in, not for apps or anonymous callers.
import { SignJWT } from "jose";
import { createTokenVerifier } from "../../gateway/src/auth";
import { DEFAULT_LIMITS } from "../../gateway/src/limits/config";
import { createGatewayServer, GatewayServer } from "../../gateway/src/server";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getIntrospectionQuery } from "graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, GqlResponse, postGraphql } from "../support/graphql";
import { callerToken, TEST_JWT_SECRET, testInternalSigner } from "../support/tokens";

let graph: RunningGraph;
/** A second gateway on the same subgraphs that lets apps send free text, to see what they would be shown. */
let openGateway: GatewayServer;
let openUrl: string;
beforeAll(async () => {
  graph = await startGraph();
  openGateway = await createGatewayServer({
    supergraphSdl: readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
    subgraphUrls: graph.subgraphUrls,
    verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
    internalTokens: await testInternalSigner(),
    limits: { ...DEFAULT_LIMITS, trustedDocuments: "off" },
  });
  openUrl = `${await openGateway.listen(0)}/graphql`;
});
afterAll(async () => {
  await openGateway?.stop();
  await graph?.stop();
});

const PEOPLE = `query People { people(first: 5) { totalCount edges { node { id givenName } } } }`;

async function headers(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}`, "x-purpose": "CASE_MANAGEMENT" };
}

async function appToken(app: string): Promise<string> {
  return new SignJWT({ org: "PARTNER_APP", roles: ["SOCIAL_WORKER"], sites: [], schools: [], organisations: [], app })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(`app-${app}`)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

async function post(query: string, variables: Record<string, unknown> = {}, url = graph.graphqlUrl) {
  return postGraphql(url, query, variables, await headers());
}

/** Sends a raw body, as a client that does not go through a GraphQL library would. */
async function raw(body: string, contentType = "application/json", extra: Record<string, string> = {}) {
  const res = await fetch(graph.graphqlUrl, {
    method: "POST",
    headers: { "content-type": contentType, accept: "application/json", ...(await headers()), ...extra },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as GqlResponse };
}

/** The graph still answers a normal question after a refusal. */
async function expectStillServing(): Promise<void> {
  const res = await post(PEOPLE);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  expect(res.data.people.totalCount).toBeGreaterThanOrEqual(0);
}

async function peopleRows(): Promise<number> {
  const [r] = await graph.dataSources.social.query(`SELECT COUNT(*)::int AS n FROM person`);
  return r.n;
}

test("100 aliases of people(first: 100) are QUERY_TOO_COMPLEX naming the alias limit and the count, before any subgraph", async () => {
  const aliases = Array.from(
    { length: 100 },
    (_, i) =>
      `p${i}: people(first: 100) { edges { node { givenName placement { site { name } } referrals { status } } } }`,
  );
  const res = await post(`query Flood { ${aliases.join(" ")} }`);
  expect(res.status).toBe(400);
  expect(errorCodes(res)).toEqual(["QUERY_TOO_COMPLEX"]);
  expect(res.errors![0].message).toMatch(/has 100 aliases; at most 30 are allowed/);
  expect(res.errors![0].extensions!.limit).toBe(30);
  expect(res.data).toBeUndefined();
  await expectStillServing();
});

test("a cost over the limit is QUERY_TOO_COMPLEX naming the cost and the limit, page sizes read from the variables", async () => {
  const aliases = Array.from(
    { length: 10 },
    (_, i) =>
      `p${i}: people(first: $n) { edges { node { givenName placement { site { name } } referrals { status } enrolments { status } } } }`,
  );
  const query = `query Wide($n: Int) { ${aliases.join(" ")} }`;
  const refused = await post(query, { n: 100 });
  expect(refused.status).toBe(400);
  expect(errorCodes(refused)).toEqual(["QUERY_TOO_COMPLEX"]);
  const cost = Number(/costs (\d+)/.exec(refused.errors![0].message)?.[1]);
  expect(cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
  expect(refused.errors![0].message).toContain(`at most ${DEFAULT_LIMITS.maxCost} is allowed`);
  expect(refused.errors![0].message).toMatch(/objects crossing between partners/);
  // The same document with small pages is an ordinary question.
  const allowed = await post(query, { n: 2 });
  expect(allowed.errors).toBeUndefined();
  await expectStillServing();
});

test("a document of more tokens than allowed is QUERY_TOO_COMPLEX naming the token limit", async () => {
  const res = await post(`query Long { sites { ${Array(DEFAULT_LIMITS.maxTokens).fill("id").join(" ")} } }`);
  expect(res.status).toBe(400);
  expect(errorCodes(res)).toEqual(["QUERY_TOO_COMPLEX"]);
  expect(res.errors![0].message).toContain(`more than ${DEFAULT_LIMITS.maxTokens} tokens`);
  await expectStillServing();
});

test("more directives than allowed is QUERY_TOO_COMPLEX naming the count and the limit", async () => {
  const res = await post(`query Many { sites { ${Array(60).fill("id @include(if: true)").join(" ")} } }`);
  expect(res.status).toBe(400);
  expect(errorCodes(res)).toEqual(["QUERY_TOO_COMPLEX"]);
  expect(res.errors![0].message).toMatch(/has 60 directives; at most 50 are allowed/);
  await expectStillServing();
});

test("a mutation refused by the limits writes nothing", async () => {
  const before = await peopleRows();
  const input = { givenName: "Olena", familyName: "Koval", birthDate: "1990-01-01", sex: "FEMALE", languages: ["uk"] };
  const writes = Array.from(
    { length: 40 },
    (_, i) =>
      `r${i}: registerHousehold(input: { members: [{ givenName: "${input.givenName}", familyName: "${input.familyName}", birthDate: "${input.birthDate}", sex: FEMALE, languages: ["uk"] }] }) { id }`,
  );
  const res = await post(`mutation Many { ${writes.join(" ")} }`);
  expect(res.status).toBe(400);
  expect(errorCodes(res)).toEqual(["QUERY_TOO_COMPLEX"]);
  expect(res.errors![0].message).toMatch(/has 40 aliases/);
  expect(await peopleRows()).toBe(before);
  await expectStillServing();
});

test("a batch (a JSON array) is refused as BAD_USER_INPUT, and none of its operations runs", async () => {
  const before = await peopleRows();
  const res = await raw(
    JSON.stringify([
      { query: PEOPLE },
      {
        query: `mutation R { registerHousehold(input: { members: [{ givenName: "Batch", familyName: "Test", birthDate: "1990-01-01", sex: FEMALE, languages: ["uk"] }] }) { id } }`,
      },
    ]),
  );
  expect(res.status).toBe(400);
  expect(errorCodes(res.body)).toEqual(["BAD_USER_INPUT"]);
  expect(res.body.errors![0].message).toMatch(/Batched requests are refused: the body is an array of 2/);
  expect(await peopleRows()).toBe(before);
  await expectStillServing();
});

test("a 2 MB body is 413 BAD_USER_INPUT naming its size and the limit", async () => {
  const res = await raw(JSON.stringify({ query: PEOPLE, variables: { pad: "x".repeat(2 * 1024 * 1024) } }));
  expect(res.status).toBe(413);
  expect(errorCodes(res.body)).toEqual(["BAD_USER_INPUT"]);
  expect(res.body.errors![0].message).toMatch(/The request body is 2 MB \(\d+ bytes\); at most 1 MB \(1048576 bytes\)/);
  await expectStillServing();
});

test("a 10,000-character operationName is 400 BAD_USER_INPUT naming its length", async () => {
  const res = await raw(JSON.stringify({ query: PEOPLE, operationName: "P".repeat(10_000) }));
  expect(res.status).toBe(400);
  expect(errorCodes(res.body)).toEqual(["BAD_USER_INPUT"]);
  expect(res.body.errors![0].message).toMatch(/operationName is 10000 characters long .*at most 200/);
  await expectStillServing();
});

test.each([
  ["a body that is not JSON", "{ query: ", "application/json", /not valid JSON/],
  ["a text/plain body", PEOPLE, "text/plain", /content-type application\/json \(got "text\/plain"\)/],
  ["query as a number", JSON.stringify({ query: 42 }), "application/json", /query must be a string .*not a number/],
  [
    "operationName as an object",
    JSON.stringify({ query: PEOPLE, operationName: {} }),
    "application/json",
    /operationName must be a string, not a object/,
  ],
  [
    "a JSON string as the body",
    JSON.stringify("query { sites { id } }"),
    "application/json",
    /must be a JSON object|not valid JSON/,
  ],
])("%s is 400 BAD_USER_INPUT, never INTERNAL", async (_what, body, contentType, message) => {
  const res = await raw(body, contentType);
  expect(res.status).toBe(400);
  expect(errorCodes(res.body)).toEqual(["BAD_USER_INPUT"]);
  expect(res.body.errors![0].message).toMatch(message);
  await expectStillServing();
});

test("introspection: a person signed in reads the schema; without a token it is 401 saying it needs sign-in; an app is FORBIDDEN", async () => {
  const query = getIntrospectionQuery();
  const person = await post(query);
  expect(person.errors).toBeUndefined();
  expect(person.data.__schema.queryType.name).toBe("Query");

  const anonymous = await postGraphql(graph.graphqlUrl, `query { __schema { types { name } } }`);
  expect(anonymous.status).toBe(401);
  expect(errorCodes(anonymous)).toEqual(["UNAUTHENTICATED"]);
  expect(anonymous.errors![0].message).toMatch(/Introspection .* needs sign-in/);

  const app = await postGraphql(
    openUrl,
    `query T { __type(name: "Person") { fields { name } } }`,
    {},
    {
      authorization: `Bearer ${await appToken("intake-tablet")}`,
    },
  );
  expect(app.status).toBe(403);
  expect(errorCodes(app)).toEqual(["FORBIDDEN"]);
  expect(app.errors![0].message).toMatch(/Introspection .* needs a person signed in/);
  // Through a named fragment too.
  const hidden = await postGraphql(
    openUrl,
    `query T { ...S } fragment S on Query { __schema { types { name } } }`,
    {},
    {
      authorization: `Bearer ${await appToken("intake-tablet")}`,
    },
  );
  expect(hidden.status).toBe(403);
  expect(errorCodes(hidden)).toEqual(["FORBIDDEN"]);
});

test('"Did you mean" is shown to a person signed in, hidden from an app', async () => {
  const typo = `query T { peple(first: 1) { totalCount } }`;
  const person = await post(typo, {}, openUrl);
  expect(person.status).toBe(400);
  expect(person.errors![0].message).toMatch(/Cannot query field "peple" on type "Query"\. Did you mean "people"\?/);
  const app = await postGraphql(openUrl, typo, {}, { authorization: `Bearer ${await appToken("intake-tablet")}` });
  expect(app.status).toBe(400);
  expect(errorCodes(app)).toEqual(["BAD_USER_INPUT"]);
  expect(app.errors![0].message).toBe('Cannot query field "peple" on type "Query".');
});

test("the subject-access export, the heaviest operation the gateway itself runs, stays within the limits", async () => {
  const registered = await post(
    `mutation R { registerHousehold(input: { members: [{ givenName: "Mariia", familyName: "Shevchenko", birthDate: "1985-05-05", sex: FEMALE, languages: ["uk"] }] }) { members { id } } }`,
  );
  expect(registered.errors).toBeUndefined();
  const personId = registered.data.registerHousehold.members[0].id;
  const res = await fetch(`${graph.url}/dpo/subject-access/${personId}.json`, {
    headers: { authorization: `Bearer ${await callerToken({ roles: ["DPO"] })}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { person: { givenName?: string } };
  expect(body.person.givenName).toBe("Mariia");
});
