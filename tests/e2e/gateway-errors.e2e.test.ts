// Errors through the gateway carry a graph.md code and a plain message, and never a stack trace, an internal URL or a subgraph's name;
// an operation name over 200 characters is refused before anything runs, and an unsafe x-request-id is replaced.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, GqlResponse, postGraphql } from "../support/graphql";
import { callerToken } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
});

const PUBLIC_EXTENSIONS = new Set(["code", "field", "existingId", "warnings", "limit"]);

/** Nothing of the inside in a response: no stack, no URL, no subgraph or service name. */
function expectNothingLeaks(res: GqlResponse): void {
  const text = JSON.stringify(res);
  expect(text).not.toMatch(
    /stacktrace|exception|serviceName|https?:\/\/|127\.0\.0\.1|localhost|node_modules|\.ts:\d+/i,
  );
  expect(text).not.toMatch(/\bat \S+ \(/);
  for (const error of res.errors ?? []) {
    for (const key of Object.keys(error.extensions ?? {})) expect(PUBLIC_EXTENSIONS).toContain(key);
  }
}

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const token = await callerToken({ roles: ["SOCIAL_WORKER"] });
  return postGraphql(graph.graphqlUrl, query, variables, {
    authorization: `Bearer ${token}`,
    "x-purpose": "CASE_MANAGEMENT",
    ...headers,
  });
}

test("a syntax error: BAD_USER_INPUT naming the problem", async () => {
  const res = await post(`{ people(first: 1) { totalCount `);
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].message).toMatch(/Syntax Error/);
  expectNothingLeaks(res);
});

test("an unknown field: BAD_USER_INPUT naming the field", async () => {
  const res = await post(`{ people(first: 1) { totalCount secretField } }`);
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].message).toMatch(/secretField/);
  expectNothingLeaks(res);
});

test("an operationName the document does not hold, or several operations and none named: 400 BAD_USER_INPUT naming them", async () => {
  const token = await callerToken({ roles: ["SOCIAL_WORKER"] });
  const send = async (body: Record<string, unknown>) => {
    const res = await fetch(graph.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-purpose": "CASE_MANAGEMENT" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as GqlResponse };
  };
  const unknown = await send({ query: "query Families { people(first: 1) { totalCount } }", operationName: "Familys" });
  expect(unknown.status).toBe(400);
  expect(errorCodes(unknown.body)).toEqual(["BAD_USER_INPUT"]);
  expect(unknown.body.errors![0].message).toBe('No operation named "Familys" in the document; it holds: Families.');
  expect(unknown.body.errors![0].extensions!.field).toBe("operationName");
  expectNothingLeaks(unknown.body);
  const several = await send({ query: "query A { people(first: 1) { totalCount } } query B { sites { id } }" });
  expect(several.status).toBe(400);
  expect(errorCodes(several.body)).toEqual(["BAD_USER_INPUT"]);
  expect(several.body.errors![0].message).toMatch(/holds 2 operations \(A, B\); say which to run in operationName/);
  // The same document with a name runs.
  const named = await send({
    query: "query A { people(first: 1) { totalCount } } query B { sites { id } }",
    operationName: "A",
  });
  expect(named.status).toBe(200);
  expect(named.body.errors).toBeUndefined();
  expect(named.body.data.people.totalCount).toBeGreaterThanOrEqual(0);
});

test("a variable of the wrong type: BAD_USER_INPUT", async () => {
  const res = await post(`query P($first: Int) { people(first: $first) { totalCount } }`, { first: "ten" });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expectNothingLeaks(res);
});

test("an unknown purpose: 400 BAD_USER_INPUT on the x-purpose header, listing the purposes", async () => {
  const res = await post(`{ people(first: 1) { totalCount } }`, {}, { "x-purpose": "CURIOSITY" });
  expect(res.status).toBe(400);
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("x-purpose");
  expect(res.errors![0].message).toMatch(/CURIOSITY.*CASE_MANAGEMENT/);
  expectNothingLeaks(res);
});

test("a subgraph's domain error passes through with its code and field, without the subgraph's name", async () => {
  const res = await post(`mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: { members: [{ givenName: " ", familyName: "Melnyk", sex: "FEMALE" }] },
  });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toMatch(/givenName/);
  expectNothingLeaks(res);
});

test("an unknown id: null or NOT_FOUND, never an internal error", async () => {
  const res = await post(`query P($id: ID!) { person(id: $id) { id givenName } }`, {
    id: "00000000-0000-4000-8000-000000000000",
  });
  expect(errorCodes(res)).not.toContain("INTERNAL");
  if (res.errors) expect(errorCodes(res)).toEqual(["NOT_FOUND"]);
  else expect(res.data.person).toBeNull();
  expectNothingLeaks(res);
});

test("a malformed id: BAD_USER_INPUT, not a database error", async () => {
  const res = await post(`query P($id: ID!) { person(id: $id) { id } }`, { id: "not-a-uuid" });
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(JSON.stringify(res)).not.toMatch(/invalid input syntax|uuid:/i);
  expectNothingLeaks(res);
});

test.each(["gateway", "social", "housing", "care", "education"])(
  "a body that is not JSON sent to the %s: 400 BAD_USER_INPUT as a GraphQL error, without internals",
  async (target) => {
    const url = target === "gateway" ? graph.graphqlUrl : graph.subgraphUrls[target];
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await callerToken({ roles: ["SOCIAL_WORKER"] })}`,
      },
      body: "{ this is not json",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as GqlResponse;
    expect(errorCodes(body)).toEqual(["BAD_USER_INPUT"]);
    expect(body.errors![0].message).toMatch(/not valid JSON/);
    expectNothingLeaks(body);
  },
);

test("an operation nested deeper than 12 levels is QUERY_TOO_COMPLEX and reaches no subgraph", async () => {
  const deep = `query Deep { people(first: 1) { edges { node { household { members { household { members { household { members { household { members { household { id } } } } } } } } } } } } }`;
  const res = await post(deep);
  expect(errorCodes(res)).toEqual(["QUERY_TOO_COMPLEX"]);
  expect(res.errors![0].message).toMatch(/13 levels deep; at most 12/);
  expectNothingLeaks(res);
});

test("a NUL character in text input is BAD_USER_INPUT naming the path in every subgraph, not a database error", async () => {
  const site = await graph.query(
    `mutation S($input: RegisterSiteInput!) { registerSite(input: $input) { id } }`,
    {
      input: {
        name: "Centre\u0000",
        kind: "RECEPTION_CENTRE",
        operator: "IOM",
        nisCode: "44021",
        address: "Gent",
        sustainable: true,
      },
    },
    { roles: ["HOUSING_COORDINATOR"] },
    "PLACEMENT",
  );
  expect(errorCodes(site)).toEqual(["BAD_USER_INPUT"]);
  expect(site.errors![0].extensions!.field).toBe("input.name");
  const service = await graph.query(
    `query S($filter: ServiceFilter) { services(filter: $filter) { id } }`,
    { filter: { organisation: "CAW\u0000" } },
    { roles: ["CARE_WORKER"] },
    "CARE",
  );
  expect(errorCodes(service)).toEqual(["BAD_USER_INPUT"]);
  expectNothingLeaks(site);
});

/** POSTs with an explicit operationName in the body, which postGraphql does not send. */
async function postNamed(
  query: string,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  sub: string,
) {
  const res = await fetch(graph.graphqlUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await callerToken({ sub, roles: ["SOCIAL_WORKER"] })}`,
      "x-purpose": "CASE_MANAGEMENT",
    },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return { ...((await res.json()) as GqlResponse), status: res.status };
}

test("an operation name over 200 characters: 400 BAD_USER_INPUT naming operationName, nothing written", async () => {
  const long = "R".repeat(201);
  const register = `mutation ${long}($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;
  const input = { members: [{ givenName: "Nadiia", familyName: "Longname", sex: "FEMALE" }] };
  const people = async () =>
    (await graph.dataSources.social.query(`SELECT count(*)::int AS n FROM person WHERE family_name = 'Longname'`))[0].n;
  const audit = async () =>
    (await graph.dataSources.social.query(`SELECT count(*)::int AS n FROM ${AUDIT_LINES} WHERE subject = 'long-op'`))[0]
      .n;

  // Named in the body, and named only in the document.
  for (const operationName of [long, undefined]) {
    const res = await postNamed(register, operationName, { input }, "long-op");
    expect(res.status).toBe(400);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe("operationName");
    expect(res.errors![0].message).toMatch(/operationName is 201 characters long.*at most 200/);
    expectNothingLeaks(res);
  }
  expect(await people()).toBe(0);
  expect(await audit()).toBe(0);

  const fine = await postNamed(register.replace(long, "R".repeat(200)), "R".repeat(200), { input }, "long-op");
  expect(fine.errors).toBeUndefined();
  expect(await people()).toBe(1);
});

test("an x-request-id that is not a short token of safe characters is replaced; a safe one is kept", async () => {
  const read = `mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;
  const requestIds = async (sub: string): Promise<string[]> =>
    (
      await graph.dataSources.social.query(`SELECT DISTINCT request_id FROM ${AUDIT_LINES} WHERE subject = $1`, [sub])
    ).map((r: { request_id: string }) => r.request_id);
  const send = async (sub: string, requestId: string) => {
    const res = await postGraphql(
      graph.graphqlUrl,
      read,
      { input: { members: [{ givenName: "Olena", familyName: "Requestid", sex: "FEMALE" }] } },
      {
        authorization: `Bearer ${await callerToken({ sub, roles: ["SOCIAL_WORKER"] })}`,
        "x-purpose": "CASE_MANAGEMENT",
        "x-request-id": requestId,
      },
    );
    expect(res.errors).toBeUndefined();
  };

  await send("rid-safe", "desk-3_req-42");
  expect(await requestIds("rid-safe")).toEqual(["desk-3_req-42"]);

  for (const [sub, unsafe] of [
    ["rid-markup", "<script>alert(1)</script>"],
    ["rid-spaces", "Olena Requestid UA123456"],
    ["rid-long", "a".repeat(65)],
  ]) {
    await send(sub, unsafe);
    const ids = await requestIds(sub);
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toBe(unsafe);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  }
});
