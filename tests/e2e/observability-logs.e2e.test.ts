// An operator on call follows one request through the JSON logs: the gateway's line and the subgraph's line carry
// the request ID the client got back in x-request-id, the operation, duration, status, outcome and the caller's
// organisation; a client's own safe request ID is kept, an unsafe one replaced; and a registration's names and
// birth date, the variables, and the caller's token appear in no log line; an anonymous feedback submission's
// lines name no organisation.
import { captureLogs, CapturedLogs } from "@reception-graph/kit";
import { ok, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { callerToken } from "../support/tokens";

let graph: RunningGraph;
let logs: CapturedLogs;

const SOCIAL_WORKER = { sub: "logs-worker", org: "OCMW_GENT", roles: ["SOCIAL_WORKER" as const] };
// Distinctive values: if any log line held a variable, a name or a birth date, these strings would show it.
const GIVEN = "Zoryslavka";
const FAMILY = "Obsvalueenko";
const BIRTH = "1979-03-14";

beforeAll(async () => {
  // Before the servers start: their loggers take the capture's level (info) whatever LOG_LEVEL the run has.
  logs = captureLogs("info");
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
  logs?.stop();
});

/** POSTs one named operation through the gateway, returning the status, body and x-request-id header. */
async function post(
  query: string,
  operationName: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const token = await callerToken(SOCIAL_WORKER);
  const res = await fetch(graph.graphqlUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      "x-purpose": "CASE_MANAGEMENT",
      ...headers,
    },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return { status: res.status, body: (await res.json()) as any, requestId: res.headers.get("x-request-id"), token };
}

const requestLines = (requestId: string | null) =>
  logs.records().filter((r) => r.msg === "request" && r.requestId === requestId);

test("a mutation's request lines carry its request ID, operation, duration, status and organisation, and no personal value", async () => {
  const { status, body, requestId, token } = await post(
    `mutation LogsRegister($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
    "LogsRegister",
    { input: { members: [{ givenName: GIVEN, familyName: FAMILY, birthDate: BIRTH, sex: "FEMALE" }] } },
  );
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.registerHousehold.members[0].givenName).toBe(GIVEN);
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  const lines = requestLines(requestId);
  const gateway = lines.find((r) => r.service === "gateway");
  const social = lines.find((r) => r.service === "social");
  for (const line of [gateway, social]) {
    expect(line).toMatchObject({
      level: "info",
      requestId,
      method: "POST",
      path: "/graphql",
      status: 200,
      operation: "LogsRegister",
      outcome: "success",
      org: "OCMW_GENT",
    });
    expect(typeof line!.durationMs).toBe("number");
    expect(new Date(String(line!.time)).toISOString()).toBe(line!.time);
  }

  const everything = logs.lines().join("");
  for (const value of [GIVEN, FAMILY, BIRTH, token]) expect(everything).not.toContain(value);
});

test("a client's own safe request ID is echoed and logged; an unsafe one is replaced by a new one", async () => {
  const query = `query LogsPeople { people(first: 1) { totalCount } }`;
  const kept = await post(query, "LogsPeople", {}, { "x-request-id": "partner-app-7f3a" });
  expect(kept.status).toBe(200);
  expect(kept.requestId).toBe("partner-app-7f3a");
  expect(requestLines("partner-app-7f3a").map((r) => r.service)).toContain("gateway");

  const replaced = await post(query, "LogsPeople", {}, { "x-request-id": "<script>alert(1)</script>" });
  expect(replaced.status).toBe(200);
  expect(replaced.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestLines(replaced.requestId)).toHaveLength(2);
  expect(logs.lines().join("")).not.toContain("<script>");
});

test("a request refused at the door is logged with its status and code, and answers with a request ID", async () => {
  const res = await fetch(graph.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ people(first: 1) { totalCount } }` }),
  });
  expect(res.status).toBe(401);
  const requestId = res.headers.get("x-request-id");
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestLines(requestId)).toEqual([
    expect.objectContaining({ service: "gateway", status: 401, outcome: "error", errorCodes: ["UNAUTHENTICATED"] }),
  ]);
});

test("every route answers with x-request-id, /health included", async () => {
  const gateway = await fetch(`${graph.url}/health`);
  expect(gateway.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  const social = await fetch(graph.subgraphUrls.social.replace(/\/graphql$/, "/health"), {
    headers: { "x-request-id": "probe-1" },
  });
  expect(social.headers.get("x-request-id")).toBe("probe-1");
});

test("an anonymous feedback submission's request lines name no organisation", async () => {
  const siteId = await validatedSite(graph, "Log site", [1]);
  const coordinator = { ...siteCoordinator(siteId), sub: "logs-coordinator", org: "LOGS_TRACE_ORG" };
  const channel = ok(
    await graph.query(
      `mutation LogsChannel($input: RegisterFeedbackChannelInput!) { registerFeedbackChannel(input: $input) { id } }`,
      { input: { siteId, kind: "BOX" } },
      coordinator,
      "CARE",
    ),
  ).registerFeedbackChannel;
  const before = logs.lines().length;
  const submitted = ok(
    await graph.query(
      `mutation LogsSubmit($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id anonymous } }`,
      {
        input: {
          siteId,
          channelId: channel.id,
          category: "QUESTION",
          text: "When is the bus?",
          language: "uk",
          anonymous: true,
        },
      },
      coordinator,
      "CARE",
    ),
  ).submitFeedback;
  expect(submitted.anonymous).toBe(true);
  const lines = logs
    .records()
    .slice(before)
    .filter((r) => r.operation === "LogsSubmit");
  expect(lines.map((r) => r.service).sort()).toEqual(["care", "gateway"]);
  expect(lines.every((r) => !("org" in r))).toBe(true);
  // The channel's registration may still be finishing its line: it is not the submission, and may name the org.
  const after = logs
    .lines()
    .slice(before)
    .filter((l) => !l.includes('"operation":"LogsChannel"'));
  expect(after.join("")).not.toMatch(/LOGS_TRACE_ORG|logs-coordinator|When is the bus/);
});
