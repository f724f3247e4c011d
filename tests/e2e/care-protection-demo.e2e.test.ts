// The protection part of the demo loads through the gateway on top of the social and housing parts: the results
// matrix's trained staff (2 PSEA, 6 MHPSS/PFA across both centres), incidents at both centres, and residents'
// living-conditions answers whose indicator matches the answers given; running it again creates nothing new.
import { runDemo } from "../../scripts/demo";
import { seedCareProtection } from "../../scripts/demo/care-protection";
import { createDemoClient, DemoClient } from "../../scripts/demo/demo-client";
import { seedHousing } from "../../scripts/demo/housing";
import { seedSocial } from "../../scripts/demo/social";
import { RunningGraph, startGraph } from "../support/graph";
import { TEST_JWT_SECRET, TokenClaims } from "../support/tokens";

let graph: RunningGraph;
let client: DemoClient;
let sites: Record<string, string>;
const ANALYST: TokenClaims = { sub: "demo-check-analyst", org: "STAD_GENT", roles: ["ANALYST"] };
const SOCIAL: TokenClaims = { sub: "demo-check-sw", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };

async function counts() {
  const [row] = await graph.dataSources.care.query(
    `SELECT (SELECT count(*) FROM incident)::int AS incidents, (SELECT count(*) FROM incident_action)::int AS actions,
            (SELECT count(*) FROM incident_transition)::int AS transitions, (SELECT count(*) FROM training)::int AS trainings,
            (SELECT count(*) FROM living_conditions_survey)::int AS answers`,
  );
  return row;
}

beforeAll(async () => {
  graph = await startGraph();
  client = createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET);
  const result = await runDemo(client, () => undefined, [
    { name: "social", load: () => seedSocial },
    { name: "housing", load: () => seedHousing },
    { name: "care-protection", load: () => seedCareProtection },
  ]);
  expect(result.parts.map((p) => `${p.name}: ${p.outcome}${p.message ? ` ${p.message}` : ""}`)).toEqual([
    "social: loaded",
    "housing: loaded",
    "care-protection: loaded",
  ]);
  sites = result.state.sites;
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

test("trained staff match the results matrix: 2 in PSEA and 6 in MHPSS/PFA across the two centres", async () => {
  const res = await graph.query(`{ trainedStaff { topic staff sites { siteId staff } } }`, {}, ANALYST, "REPORTING");
  expect(res.errors).toBeUndefined();
  const bySite = (s: { siteId: string; staff: number }[]) => Object.fromEntries(s.map((x) => [x.siteId, x.staff]));
  const [psea, pfa] = res.data.trainedStaff;
  expect(psea.staff).toBe(2);
  expect(bySite(psea.sites)).toEqual({ [sites.schoonmeersen]: 1, [sites.terRive]: 1 });
  expect(pfa.staff).toBe(6);
  expect(bySite(pfa.sites)).toEqual({ [sites.schoonmeersen]: 3, [sites.terRive]: 3 });
});

test("incidents at both centres, followed up as the demo says", async () => {
  const res = await graph.query(
    `{ incidents(first: 10) { totalCount edges { node { siteId type status actions { doneOn } } } } }`,
    {},
    SOCIAL,
  );
  expect(res.errors).toBeUndefined();
  const got = res.data.incidents.edges
    .map((e: any) => ({ ...e.node, siteId: e.node.siteId === sites.schoonmeersen ? "schoonmeersen" : "terRive" }))
    .sort((a: any, b: any) => a.type.localeCompare(b.type));
  expect(got).toEqual([
    {
      siteId: "schoonmeersen",
      type: "CONFLICT_BETWEEN_RESIDENTS",
      status: "IN_FOLLOW_UP",
      actions: [{ doneOn: "2022-06-16" }, { doneOn: null }],
    },
    { siteId: "terRive", type: "HEALTH_EMERGENCY", status: "OPEN", actions: [{ doneOn: null }] },
    { siteId: "terRive", type: "THEFT", status: "CLOSED", actions: [] },
  ]);
});

test("the living-conditions indicator counts each resident's latest answer, as the demo gave them", async () => {
  // The demo's rule, per centre, over the residents housing lists in the same order.
  let improved = 0;
  let answered = 0;
  for (const siteId of [sites.schoonmeersen, sites.terRive]) {
    const res = await graph.query(
      `query R($id: ID!) { site(id: $id) { residents(first: 100) { edges { node { person { id } } } } } }`,
      { id: siteId },
      { sub: "demo-check-iom", org: "IOM", roles: ["SITE_COORDINATOR"], sites: [siteId] },
      "PLACEMENT",
    );
    const people = res.data.site.residents.edges.length as number;
    for (let i = 0; i < people; i++) {
      const latest = i % 9 === 4 ? "NOT_IMPROVED" : i % 11 === 7 ? "NO_ANSWER" : "IMPROVED";
      if (latest !== "NO_ANSWER") answered++;
      if (latest === "IMPROVED") improved++;
    }
  }
  const small = (n: number) => n > 0 && n < 5;
  const res = await graph.query(
    `{ livingConditionsImproved(from: "2022-06-01", to: "2022-07-31") { improved answered suppressed } }`,
    {},
    ANALYST,
    "REPORTING",
  );
  expect(res.errors).toBeUndefined();
  const hidden = small(improved) || small(answered) || small(answered - improved);
  expect(res.data.livingConditionsImproved).toEqual(
    hidden ? { improved: null, answered: null, suppressed: true } : { improved, answered, suppressed: false },
  );
  // In June alone, only those asked twice answered (NOT_IMPROVED then).
  const [june] = await graph.dataSources.care.query(
    `SELECT count(*)::int AS n FROM living_conditions_survey WHERE answered_on = '2022-06-15' AND answer = 'NOT_IMPROVED'`,
  );
  const juneOnly = await graph.query(
    `{ livingConditionsImproved(from: "2022-06-01", to: "2022-06-30") { improved answered suppressed } }`,
    {},
    ANALYST,
    "REPORTING",
  );
  expect(juneOnly.data.livingConditionsImproved).toEqual(
    small(june.n)
      ? { improved: null, answered: null, suppressed: true }
      : { improved: 0, answered: june.n, suppressed: false },
  );
});

test("running the part again creates nothing new", async () => {
  const before = await counts();
  await seedCareProtection(client, { households: {}, staff: {}, schools: {}, services: {}, sites });
  expect(await counts()).toEqual(before);
});
