// Through the gateway, auditing costs one compact record per subgraph and request: a 100-person list across the four
// subgraphs is one audit INSERT in each (counted by the subgraphs' own counters and by records per request ID); a write
// whose audit record cannot be inserted leaves no data and answers INTERNAL; a read whose record cannot be written
// returns no personal data; 40 concurrent requests leave every record in an intact chain in every subgraph; the
// operation, the token's actor and a peer's relay are named in the record.
import { auditCounters, resetAuditCounters, SUBGRAPH_NAMES, verifyAuditChain } from "@reception-graph/kit";
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { serverUrl } from "../support/db";
import { ok, seedPeopleAcrossGraph, SeededGraph } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { letters } from "../support/names";
import { errorCodes, GqlResponse, postGraphql } from "../support/graphql";
import { callerToken, TEST_JWT_SECRET, TokenClaims } from "../support/tokens";

const PEOPLE = 100;
const LIST = `query List($first: Int!) { people(first: $first) { totalCount edges { node {
  id givenName familyName birthYear household { composition }
  placement { moveInDate site { name } room { label } }
  referrals { status service { name } }
  enrolments { status school { name } } } } } }`;

let graph: RunningGraph;
let seeded: SeededGraph;

beforeAll(async () => {
  graph = await startGraph();
  seeded = await seedPeopleAcrossGraph(graph, PEOPLE);
}, 300_000);
afterAll(async () => {
  await graph?.stop();
});

/** Sends an operation through the gateway with our own request ID (and, optionally, a ready-made bearer token). */
async function send(
  query: string,
  variables: Record<string, unknown>,
  opts: { as?: TokenClaims; token?: string; purpose?: string; requestId?: string } = {},
): Promise<GqlResponse> {
  const token = opts.token ?? (await callerToken(opts.as ?? { sub: "audit-sw", roles: ["SOCIAL_WORKER"] }));
  return postGraphql(graph.graphqlUrl, query, variables, {
    authorization: `Bearer ${token}`,
    "x-purpose": opts.purpose ?? "CASE_MANAGEMENT",
    "x-request-id": opts.requestId ?? randomUUID(),
  });
}

async function recordsOf(subgraph: string, requestId: string): Promise<Record<string, any>[]> {
  return graph.dataSources[subgraph].query(`SELECT * FROM audit_log WHERE request_id = $1 ORDER BY id`, [requestId]);
}

/** The test server's superuser on a subgraph's database (the application may connect as a lesser role). */
async function asSuperuser(dataSource: DataSource, fn: (c: Client) => Promise<void>): Promise<void> {
  const [{ db }] = await dataSource.query(`SELECT current_database() AS db`);
  const url = new URL(serverUrl());
  url.pathname = `/${db}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** Makes every audit INSERT of a subgraph fail while `work` runs, as a full disk or a lost table would. */
async function withFailingAudit<T>(subgraph: string, work: () => Promise<T>): Promise<T> {
  const ds = graph.dataSources[subgraph];
  await asSuperuser(ds, async (c) => {
    await c.query(`CREATE FUNCTION audit_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable (test)'; END $$`);
    await c.query(
      `CREATE TRIGGER audit_test_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_test_fail()`,
    );
  });
  const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    return await work();
  } finally {
    spy.mockRestore();
    await asSuperuser(ds, async (c) => {
      await c.query(`DROP TRIGGER audit_test_fail ON audit_log`);
      await c.query(`DROP FUNCTION audit_test_fail()`);
    });
  }
}

test("a 100-person list across four subgraphs is one audit INSERT per subgraph, one record naming every person", async () => {
  const requestId = `list-${randomUUID()}`;
  resetAuditCounters();
  const res = await send(LIST, { first: PEOPLE }, { requestId });
  const list = ok(res).people;
  expect(list.edges).toHaveLength(PEOPLE);
  const counters = auditCounters();
  for (const name of SUBGRAPH_NAMES) {
    expect({ name, statements: counters[name]?.auditStatements }).toEqual({ name, statements: 1 });
    const records = await recordsOf(name, requestId);
    expect({ name, records: records.length }).toEqual({ name, records: 1 });
    expect(records[0]).toMatchObject({ subject: "audit-sw", purpose: "CASE_MANAGEMENT", operation: "query List" });
  }
  const [social] = await recordsOf("social", requestId);
  expect([...social.person_ids].sort()).toEqual([...seeded.personIds].sort());
  const [care] = await recordsOf("care", requestId);
  expect(care.person_ids).toHaveLength(PEOPLE);
});

test("a write whose audit record cannot be inserted leaves no data and answers INTERNAL", async () => {
  const familyName = `Nodata${letters(Date.now() % 100_000)}`;
  const res = await withFailingAudit("social", () =>
    send(`mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
      input: { members: [{ givenName: "Olena", familyName, birthDate: "1990-01-01", sex: "FEMALE" }] },
    }),
  );
  expect(errorCodes(res)).toContain("INTERNAL");
  expect(res.data?.registerHousehold ?? null).toBeNull();
  expect(await graph.dataSources.social.query(`SELECT id FROM person WHERE family_name = $1`, [familyName])).toEqual(
    [],
  );
  // The same write with the audit working again is recorded with its data.
  const again = ok(
    await send(
      `mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id } } }`,
      { input: { members: [{ givenName: "Olena", familyName, birthDate: "1990-01-01", sex: "FEMALE" }] } },
      { requestId: `write-${familyName}` },
    ),
  ).registerHousehold;
  const records = await recordsOf("social", `write-${familyName}`);
  expect(records.some((r) => r.entries.some((e: { a: string }) => e.a === "W"))).toBe(true);
  expect(records.flatMap((r) => r.person_ids)).toContain(again.members[0].id);
});

test("a read whose audit record cannot be written returns no personal data, only INTERNAL", async () => {
  const personId = seeded.personIds[0];
  const [{ given_name: givenName }] = await graph.dataSources.social.query(
    `SELECT given_name FROM person WHERE id = $1`,
    [personId],
  );
  const res = await withFailingAudit("social", () =>
    send(`query One($id: ID!) { person(id: $id) { id givenName familyName } }`, { id: personId }),
  );
  expect(errorCodes(res)).toContain("INTERNAL");
  expect(JSON.stringify(res)).not.toContain(givenName);
  expect(JSON.stringify(res)).not.toContain("Loader");
});

test("40 concurrent requests leave every record present and every subgraph's chain intact", async () => {
  const from = new Date(Date.now() - 1000);
  const ids = Array.from({ length: 40 }, (_, i) => `par-${i}-${randomUUID()}`);
  const results = await Promise.all(ids.map((requestId) => send(LIST, { first: 5 }, { requestId })));
  for (const r of results) ok(r);
  for (const name of SUBGRAPH_NAMES) {
    const ds = graph.dataSources[name];
    const [{ n }] = await ds.query(
      `SELECT count(DISTINCT request_id)::int AS n FROM audit_log WHERE request_id = ANY($1)`,
      [ids],
    );
    expect({ name, requests: n }).toEqual({ name, requests: 40 });
    const verified = await verifyAuditChain(ds, from, new Date(Date.now() + 60_000));
    expect({ name, ...verified }).toMatchObject({ name, intact: true, firstBroken: null });
    expect(verified.rowsChecked).toBeGreaterThanOrEqual(40);
  }
});

test("the record names the token's actor, else the peer that relayed the call; an unnamed operation by its root fields", async () => {
  const token = await new SignJWT({ org: "OCMW_GENT", roles: ["SOCIAL_WORKER"], act: { sub: "assistant-42" } })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("audit-delegator")
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  const requestId = `act-${randomUUID()}`;
  ok(await send(`{ person(id: "${seeded.personIds[1]}") { givenName } }`, {}, { token, requestId }));
  const [record] = await recordsOf("social", requestId);
  expect(record).toMatchObject({ subject: "audit-delegator", on_behalf_of: "assistant-42", operation: "query person" });

  // Enrolling (the seed's mutation E), education asks social the child's age with the caller's token; placing
  // (mutation P), housing asks social the household's members: social's records say through whom they came.
  const relayed = await graph.dataSources.social.query(
    `SELECT DISTINCT operation, on_behalf_of FROM audit_log WHERE operation IN ('query E', 'query P') ORDER BY 1`,
  );
  expect(relayed).toEqual([
    { operation: "query E", on_behalf_of: "via education" },
    { operation: "query P", on_behalf_of: "via housing" },
  ]);
  // The gateway's own calls are relayed by no one.
  const direct = await graph.dataSources.social.query(
    `SELECT DISTINCT on_behalf_of FROM audit_log WHERE operation = 'mutation H'`,
  );
  expect(direct).toEqual([{ on_behalf_of: null }]);
});
