// The care and education parts of the demo load through the gateway on top of registered households: services, referrals, schools, assessments and enrolments by age, a full OKAN class with its waiting list, and children without a school.
import { seedCare } from "../../scripts/demo/care";
import { createDemoClient, DemoState, emptyDemoState } from "../../scripts/demo/demo-client";
import { seedEducation } from "../../scripts/demo/education";
import { RunningGraph, startGraph } from "../support/graph";
import { TEST_JWT_SECRET, TokenClaims } from "../support/tokens";

let graph: RunningGraph;
let state: DemoState;
const SOCIAL_WORKER: TokenClaims = { sub: "demo-check", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
const thisYear = new Date().getFullYear();

beforeAll(async () => {
  graph = await startGraph();
  state = emptyDemoState();
  // What the social part hands on: households with their members' IDs in input order (adult first).
  const families: Record<string, { givenName: string; birthYear: number; sex: string }[]> = {
    kovalenko: [
      { givenName: "Nataliia", birthYear: 1986, sex: "FEMALE" },
      { givenName: "Andrii", birthYear: thisYear - 14, sex: "MALE" },
      { givenName: "Daryna", birthYear: thisYear - 8, sex: "FEMALE" },
      { givenName: "Ivan", birthYear: thisYear - 4, sex: "MALE" },
    ],
    melnyk: [{ givenName: "Halyna", birthYear: 1958, sex: "FEMALE" }],
  };
  for (const [key, members] of Object.entries(families)) {
    const res = await graph.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      { input: { members: members.map((m) => ({ ...m, familyName: key, languages: ["uk"] })) } },
      SOCIAL_WORKER,
    );
    const byName = new Map<string, string>(res.data.registerHousehold.members.map((m: any) => [m.givenName, m.id]));
    state.households[key] = {
      householdId: res.data.registerHousehold.id,
      memberIds: members.map((m) => byName.get(m.givenName)!),
    };
  }
  const client = createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET);
  await seedCare(client, state);
  await seedEducation(client, state);
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

test("the partner directory holds CAW, the nurse, lawyers, VDAB and the integration agency", async () => {
  const res = await graph.query(`query D { services { organisation type } }`, {}, SOCIAL_WORKER, null);
  expect(res.errors).toBeUndefined();
  const orgs = new Set(res.data.services.map((s: any) => s.organisation));
  expect([...orgs].sort()).toEqual(["AGII", "BALIE_GENT", "CAW_OOST_VLAANDEREN", "ELZ_GENT", "VDAB"]);
  expect(Object.keys(state.services)).toContain("cawPsychosocial");
});

test("each household's adult and each family's eldest child are referred; CAW accepted a referral", async () => {
  const res = await graph.query(
    `query L { referrals(first: 20) { totalCount edges { node { status service { organisation } person { id } } } } }`,
    {},
    SOCIAL_WORKER,
  );
  expect(res.errors).toBeUndefined();
  const nodes = res.data.referrals.edges.map((e: any) => e.node);
  const [nataliia, andrii] = state.households.kovalenko.memberIds;
  expect(nodes).toContainEqual({
    status: "ACCEPTED",
    service: { organisation: "CAW_OOST_VLAANDEREN" },
    person: { id: nataliia },
  });
  expect(nodes).toContainEqual({
    status: "SENT",
    service: { organisation: "CAW_OOST_VLAANDEREN" },
    person: { id: andrii },
  });
  expect(nodes.map((n: any) => n.person.id).sort()).toEqual(
    [nataliia, andrii, state.households.melnyk.memberIds[0]].sort(),
  );
});

test("schools of Gent exist, with a 24-place OKAN class", async () => {
  const res = await graph.query(
    `query S { schools(filter: { nisCode: "44021" }) { name offersOkan okanCapacity } }`,
    {},
    SOCIAL_WORKER,
    null,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.schools).toContainEqual({
    name: "Secondary school Gent-Centrum (OKAN)",
    offersOkan: true,
    okanCapacity: 24,
  });
  expect(res.data.schools.filter((s: any) => !s.offersOkan).length).toBeGreaterThanOrEqual(2);
  expect(Object.keys(state.schools).sort()).toEqual([
    "okanCentrum",
    "okanGentbrugge",
    "okanSintAmandsberg",
    "primaryKompas",
    "primaryVlieger",
  ]);
});

test("children are assessed and enrolled by age: OKAN at 14, primary at 8; a 4-year-old is below school age and adults are not handed over", async () => {
  const [, teen, child, toddler] = state.households.kovalenko.memberIds;
  const q = `query C($id: ID!) { person(id: $id) { currentEnrolment { programme status school { name } } educationAssessment { recommendedLevel } } }`;
  const programme = async (id: string) => {
    const res = await graph.query(q, { id }, SOCIAL_WORKER);
    expect(res.errors).toBeUndefined();
    return [
      res.data.person.currentEnrolment?.programme ?? null,
      res.data.person.educationAssessment?.recommendedLevel ?? null,
    ];
  };
  expect(await programme(teen)).toEqual(["OKAN", "OKAN"]);
  expect(await programme(child)).toEqual(["PRIMARY", "PRIMARY"]);
  // School age is 5–17: a school is handed children within it only.
  expect(await programme(toddler)).toEqual([null, null]);
  expect(await programme(state.households.kovalenko.memberIds[0])).toEqual([null, null]);
});

test("the small OKAN class of Sint-Amandsberg is full: two teenagers hold its places, two wait in arrival order", async () => {
  const res = await graph.query(
    `query S($id: ID!) { school(id: $id) { okanCapacity okanEnrolled { value suppressed } okanAvailable
       waitingList { waitingListPosition person { givenName } } } }`,
    { id: state.schools.okanSintAmandsberg },
    SOCIAL_WORKER,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.school).toEqual({
    okanCapacity: 2,
    okanEnrolled: { value: null, suppressed: true },
    okanAvailable: null,
    waitingList: [
      { waitingListPosition: 1, person: { givenName: "Bohdan" } },
      { waitingListPosition: 2, person: { givenName: "Yuliia" } },
    ],
  });
});

test("two children of school age are registered without a school, three weeks ago: no request, no enrolment", async () => {
  const res = await graph.query(
    `query P { people(first: 100, filter: { search: "Bondar" }) { edges { node { givenName familyName registeredAt enrolments { id } enrolmentRequests { id } } } } }`,
    {},
    SOCIAL_WORKER,
  );
  expect(res.errors).toBeUndefined();
  const children = res.data.people.edges
    .map((e: any) => e.node)
    .filter((p: any) => p.familyName === "Bondar" && p.givenName !== "Iryna");
  expect(children.map((p: any) => [p.givenName, p.enrolments.length, p.enrolmentRequests.length]).sort()).toEqual([
    ["Matvii", 0, 0],
    ["Zlata", 0, 0],
  ]);
  // Past the 14 days after which compulsory schooling is followed up.
  for (const child of children) {
    expect(Date.now() - Date.parse(child.registeredAt)).toBeGreaterThan(14 * 86_400_000);
  }
});

test("running the parts again creates nothing new (idempotency keys)", async () => {
  const before = await graph.dataSources.education.query(`SELECT count(*) AS n FROM enrolment`);
  const referralsBefore = await graph.dataSources.care.query(`SELECT count(*) AS n FROM referral`);
  const again: DemoState = { ...emptyDemoState(), households: state.households };
  const client = createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET);
  await seedCare(client, again);
  await seedEducation(client, again);
  expect(await graph.dataSources.education.query(`SELECT count(*) AS n FROM enrolment`)).toEqual(before);
  expect(await graph.dataSources.care.query(`SELECT count(*) AS n FROM referral`)).toEqual(referralsBefore);
  expect(again.schools).toEqual(state.schools);
});
