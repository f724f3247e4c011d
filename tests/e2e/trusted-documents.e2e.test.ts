// Trusted documents for partner apps: an intake tablet (a token with the `app` claim) registers a household
// and reads the people list by the sha256 of operations in gateway/trusted-documents/manifest.json, by
// `documentId` or by Apollo's `extensions.persistedQuery.sha256Hash`. An unknown hash is
// PERSISTED_QUERY_NOT_FOUND, free text from the app is FORBIDDEN (nothing written either way), while a
// coordinator signed in as a person keeps the explorer's free text; with TRUSTED_DOCUMENTS=all nobody sends
// free text, and with `off` apps may.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { createTokenVerifier } from "../../gateway/src/auth";
import { DEFAULT_LIMITS, TrustedDocumentMode } from "../../gateway/src/limits/config";
import { TrustedDocuments } from "../../gateway/src/limits/trusted-documents";
import { createGatewayServer, GatewayServer } from "../../gateway/src/server";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, GqlResponse } from "../support/graphql";
import { callerToken, TEST_JWT_SECRET, testInternalSigner } from "../support/tokens";

let graph: RunningGraph;
const extra: GatewayServer[] = [];
const documents = TrustedDocuments.load();

beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await Promise.all(extra.map((g) => g.stop()));
  await graph?.stop();
});

/** Another gateway on the same subgraphs, in the given mode. */
async function gatewayIn(mode: TrustedDocumentMode): Promise<string> {
  const server = await createGatewayServer({
    supergraphSdl: readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8"),
    subgraphUrls: graph.subgraphUrls,
    verifyToken: createTokenVerifier({ jwtSecret: TEST_JWT_SECRET }),
    internalTokens: await testInternalSigner(),
    limits: { ...DEFAULT_LIMITS, trustedDocuments: mode },
  });
  extra.push(server);
  return `${await server.listen(0)}/graphql`;
}

async function appToken(app = "intake-tablet"): Promise<string> {
  return new SignJWT({ org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"], sites: [], schools: [], organisations: [], app })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(`app-${app}`)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

function hashOf(name: string): string {
  const op = JSON.parse(
    readFileSync(join(__dirname, "..", "..", "gateway", "trusted-documents", "manifest.json"), "utf8"),
  ).operations.find((o: { name: string }) => o.name === name);
  if (!op) throw new Error(`no trusted document ${name}`);
  return op.id;
}

async function send(body: Record<string, unknown>, token: string, url = graph.graphqlUrl) {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      authorization: `Bearer ${token}`,
      "x-purpose": "CASE_MANAGEMENT",
    },
    body: JSON.stringify(body),
  });
  return { ...((await res.json()) as GqlResponse), status: res.status };
}

async function peopleRows(): Promise<number> {
  const [r] = await graph.dataSources.social.query(`SELECT COUNT(*)::int AS n FROM person`);
  return r.n;
}

const member = { givenName: "Oksana", familyName: "Melnyk", birthDate: "1992-03-04", sex: "FEMALE", languages: ["uk"] };

test("an app runs a registered mutation by documentId and a registered query by Apollo's sha256Hash", async () => {
  const token = await appToken();
  const before = await peopleRows();
  const registered = await send(
    { documentId: hashOf("RegisterHousehold"), variables: { input: { members: [member] } } },
    token,
  );
  expect(registered.status).toBe(200);
  expect(registered.errors).toBeUndefined();
  expect(registered.data.registerHousehold.members[0].givenName).toBe("Oksana");
  expect(await peopleRows()).toBe(before + 1);

  const list = await send(
    { variables: { first: 10 }, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf("PeopleList") } } },
    token,
  );
  expect(list.errors).toBeUndefined();
  expect(list.data.people.totalCount).toBeGreaterThanOrEqual(1);
  expect(list.data.people.edges.map((e: any) => e.node.givenName)).toContain("Oksana");
});

test("the document's text sent with its own hash runs too; a text that is not the hash's document is BAD_USER_INPUT", async () => {
  const token = await appToken();
  const id = hashOf("Sites");
  const same = await send({ documentId: id, query: documents.get(id)!.body }, token);
  expect(same.errors).toBeUndefined();
  const other = await send({ documentId: id, query: "query Sites { sites { id name kind } }" }, token);
  expect(other.status).toBe(400);
  expect(errorCodes(other)).toEqual(["BAD_USER_INPUT"]);
  expect(other.errors![0].message).toContain(`is not the document ${id}`);
});

test("an unknown hash is PERSISTED_QUERY_NOT_FOUND naming it, and nothing is written", async () => {
  const before = await peopleRows();
  const unknown = "ab".repeat(32);
  for (const body of [
    { documentId: unknown, variables: { input: { members: [member] } } },
    { extensions: { persistedQuery: { version: 1, sha256Hash: unknown } } },
  ]) {
    for (const token of [await appToken(), await callerToken({ roles: ["SOCIAL_WORKER"] })]) {
      const res = await send(body, token);
      expect(res.status).toBe(400);
      expect(errorCodes(res)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
      expect(res.errors![0].message).toContain(`No trusted document has the hash ${unknown}`);
    }
  }
  const malformed = await send({ documentId: "not-a-hash" }, await appToken());
  expect(malformed.status).toBe(400);
  expect(errorCodes(malformed)).toEqual(["BAD_USER_INPUT"]);
  expect(malformed.errors![0].message).toContain('"not-a-hash" is not a sha256');
  expect(await peopleRows()).toBe(before);
});

test("free text from an app is FORBIDDEN naming the app and the document's hash; nothing is written", async () => {
  const before = await peopleRows();
  const res = await send(
    {
      query: `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      variables: { input: { members: [member] } },
    },
    await appToken("intake-tablet"),
  );
  expect(res.status).toBe(403);
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  expect(res.errors![0].message).toMatch(/The app "intake-tablet" runs registered operations only/);
  expect(res.errors![0].message).toMatch(/This document \(sha256 [0-9a-f]{64}\) is not registered/);
  expect(await peopleRows()).toBe(before);
  // The same app still runs its registered operations.
  const list = await send({ documentId: hashOf("PeopleList"), variables: { first: 1 } }, await appToken());
  expect(list.errors).toBeUndefined();
});

test("a coordinator signed in as a person keeps free text (the explorer), and may use the manifest too", async () => {
  const token = await callerToken({ roles: ["SOCIAL_WORKER"] });
  const free = await send({ query: `query Mine { people(first: 2) { totalCount } }` }, token);
  expect(free.errors).toBeUndefined();
  const persisted = await send({ documentId: hashOf("PeopleList"), variables: { first: 2 } }, token);
  expect(persisted.errors).toBeUndefined();
});

test("TRUSTED_DOCUMENTS=all refuses free text from everyone; =off lets apps send it", async () => {
  const all = await gatewayIn("all");
  const person = await send(
    { query: `query Mine { people(first: 2) { totalCount } }` },
    await callerToken({ roles: ["SOCIAL_WORKER"] }),
    all,
  );
  expect(person.status).toBe(403);
  expect(errorCodes(person)).toEqual(["FORBIDDEN"]);
  expect(person.errors![0].message).toMatch(/TRUSTED_DOCUMENTS=all/);
  const persisted = await send({ documentId: hashOf("Sites") }, await callerToken({ roles: ["SOCIAL_WORKER"] }), all);
  expect(persisted.errors).toBeUndefined();

  const off = await gatewayIn("off");
  const app = await send({ query: `query Mine { people(first: 2) { totalCount } }` }, await appToken(), off);
  expect(app.errors).toBeUndefined();
  expect(app.data.people.totalCount).toBeGreaterThanOrEqual(1);
});
