// The demo data set of Ghent loads through the gateway as partners' apps would, and what it creates can be read back across all four subgraphs.
import { DEMO_PARTS, DemoResult, runDemo } from "../../scripts/demo";
import { createDemoClient } from "../../scripts/demo/demo-client";
import { RunningGraph, startGraph } from "../support/graph";
import { TEST_JWT_SECRET } from "../support/tokens";

let graph: RunningGraph;
let result: DemoResult;
const messages: string[] = [];

beforeAll(async () => {
  graph = await startGraph();
  result = await runDemo(createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET), (level, message) =>
    messages.push(`${level}: ${message}`),
  );
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

test("every part of the demo loads", () => {
  expect(
    result.parts.map((p) => `${p.name}: ${p.outcome}${p.message ? ` (${p.message.split("\n")[0]})` : ""}`),
  ).toEqual(DEMO_PARTS.map((p) => `${p.name}: loaded`));
  expect(result.parts.map((p) => p.name)).toEqual(expect.arrayContaining(["social", "housing", "care", "education"]));
  expect(result.complete).toBe(true);
  expect(messages.filter((m) => m.startsWith("warn"))).toEqual([]);
});

test("both reception centres exist, with 51 and 35 places", async () => {
  const res = await graph.query(
    `query Centres { sites { id name kind capacity } }`,
    {},
    { sub: "demo-check", org: "STAD_GENT", roles: ["HOUSING_COORDINATOR"] },
    "PLACEMENT",
  );
  expect(res.errors).toBeUndefined();
  const centres = (res.data.sites as { kind: string; capacity: number }[]).filter((s) => s.kind === "RECEPTION_CENTRE");
  expect(centres.map((c) => c.capacity).sort((a, b) => a - b)).toEqual([35, 51]);
});

test("people were registered", async () => {
  const res = await graph.query(
    `query Count { people(first: 1) { totalCount } }`,
    {},
    {
      sub: "demo-check",
      org: "OCMW_GENT",
      roles: ["SOCIAL_WORKER"],
    },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.people.totalCount).toBeGreaterThan(0);
});

test("one query for one person returns data from all four subgraphs", async () => {
  const res = await graph.query(
    `query Whole {
      people(first: 100) {
        edges { node {
          id givenName household { id }
          placement { site { name } moveInDate }
          referrals { id status }
          enrolments { id status school { name } }
        } }
      }
    }`,
    {},
    { sub: "demo-check", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] },
    "CASE_MANAGEMENT",
  );
  expect(res.errors).toBeUndefined();
  const people = res.data.people.edges.map((e: any) => e.node);
  // Someone placed at a site (housing), referred to a service (care) and enrolled at a school (education).
  const whole = people.find(
    (p: any) => p.givenName && p.placement?.site?.name && p.referrals.length > 0 && p.enrolments.length > 0,
  );
  expect(whole).toBeDefined();
  expect(whole.enrolments[0].school.name).toEqual(expect.any(String));
});

test("both centres have feedback channels and feedback, some anonymous, some answered", async () => {
  const seen: Record<string, unknown> = {};
  for (const key of ["schoonmeersen", "terRive"]) {
    const siteId = result.state.sites[key];
    const res = await graph.query(
      `query F($siteId: ID!) {
        feedbackChannels(siteId: $siteId) { kind siteCode }
        feedback(first: 20, filter: { siteId: $siteId }) { edges { node { anonymous status } } } }`,
      { siteId },
      { sub: "demo-check", org: "IOM", roles: ["SITE_COORDINATOR"], sites: [siteId] },
      "CARE",
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.feedback.edges.map((e: any) => e.node);
    seen[key] = {
      channels: res.data.feedbackChannels.map((c: any) => c.kind).sort(),
      digitalCode: res.data.feedbackChannels.some((c: any) => /^[a-z0-9]{8}$/.test(c.siteCode ?? "")),
      anonymous: nodes.filter((n: any) => n.anonymous).length,
      linked: nodes.filter((n: any) => !n.anonymous).length,
      closed: nodes.filter((n: any) => n.status === "CLOSED").length,
    };
  }
  expect(seen).toEqual({
    schoonmeersen: { channels: ["BOX", "COMMITTEE", "DIGITAL"], digitalCode: true, anonymous: 3, linked: 1, closed: 3 },
    terRive: {
      channels: ["BOX", "DIGITAL", "IN_PERSON", "PHONE"],
      digitalCode: true,
      anonymous: 2,
      linked: 1,
      closed: 1,
    },
  });
});

test("activities were recorded at both centres, attendance counted by age band and sex", async () => {
  const analyst = { sub: "demo-check", org: "IOM", roles: ["ANALYST" as const] };
  const totals: Record<string, [string, number][]> = {};
  for (const key of ["schoonmeersen", "terRive"]) {
    const res = await graph.query(
      `query A($siteId: ID) { activities(siteId: $siteId) { kind totalAttendance { value } } }`,
      { siteId: result.state.sites[key] },
      analyst,
      "REPORTING",
    );
    expect(res.errors).toBeUndefined();
    totals[key] = res.data.activities.map((a: any) => [a.kind, a.totalAttendance.value]);
  }
  // Newest first; the totals are the sums of the demo's counts.
  expect(totals).toEqual({
    schoonmeersen: [
      ["LANGUAGE_CAFE", 18],
      ["SPORT", 20],
    ],
    terRive: [
      ["CULTURE", 15],
      ["ART", 18],
    ],
  });
});

test("the state handed between parts names the households, sites and schools created", () => {
  expect(Object.keys(result.state.households).length).toBeGreaterThan(0);
  expect(Object.keys(result.state.sites).length).toBeGreaterThanOrEqual(2);
  expect(Object.keys(result.state.schools).length).toBeGreaterThan(0);
});

test("a missing or failing part is reported and the parts after it still run", async () => {
  const ran: string[] = [];
  const logged: string[] = [];
  const outcome = await runDemo(
    createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET),
    (level, message) => logged.push(`${level}: ${message}`),
    [
      { name: "social", load: () => "scripts/demo/social.ts does not exist yet" },
      {
        name: "housing",
        load: () => async (client) => {
          ran.push("housing");
          await client.run({ sub: "x", org: "X", roles: ["ANALYST"] }, null, `{ nonsense }`);
        },
      },
      { name: "care", load: () => async () => void ran.push("care") },
    ],
  );
  expect(ran).toEqual(["housing", "care"]);
  expect(outcome.parts.map((p) => p.outcome)).toEqual(["missing", "failed", "loaded"]);
  expect(outcome.complete).toBe(false);
  expect(outcome.wroteData).toBe(true);
  expect(logged.join("\n")).toMatch(/social: skipped, scripts\/demo\/social.ts does not exist yet/);
  expect(logged.join("\n")).toMatch(/housing: failed: Demo operation failed: BAD_USER_INPUT/);
});
