// Compulsory schooling alert through the gateway: children aged 5–17 without a school place, waiting since the later
// of their registration (social) and their move-in (housing), longest first; enrolled, too young and too old children
// never show; school staff see only their schools' children, site coordinators their residents; roles without
// education read are FORBIDDEN and audited in education.
import { todayInBrussels } from "@reception-graph/kit";
import { HOUSING, ok, PLACE, SOCIAL, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
const ADMIN: TokenClaims = { sub: "awaiting-admin", org: "STAD_GENT", roles: ["ADMIN"] };
const staffOf = (school: string, sub: string): TokenClaims => ({
  sub,
  org: "STAD_GENT_ONDERWIJS",
  roles: ["SCHOOL_STAFF"],
  schools: [school],
});

const AWAITING = `query Awaiting($days: Int!) {
  childrenAwaitingSchool(daysSinceArrival: $days) { id awaitingSchool { waitingSince daysWaiting site { id } } }
}`;

const today = todayInBrussels();
/** The day `days` days before today (Europe/Brussels). */
function daysAgo(days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
/** A birth date giving `years` whole years today, with a month to spare either way. */
function bornYearsAgo(years: number): string {
  const d = new Date(Date.parse(`${today}T00:00:00Z`));
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 40);
  return d.toISOString().slice(0, 10);
}

const id: Record<string, string> = {};
let siteOne: string;
let siteTwo: string;
let schoolA: string;
let schoolB: string;

async function household(members: [string, number][]): Promise<string> {
  const h = ok(
    await graph.query(
      `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      {
        input: {
          members: members.map(([givenName, age]) => ({
            givenName,
            familyName: "Kovalenko",
            birthDate: bornYearsAgo(age),
            sex: "FEMALE",
          })),
        },
      },
      SOCIAL,
    ),
  ).registerHousehold;
  for (const m of h.members) id[m.givenName] = m.id;
  return h.id;
}

/** Registration day set straight in social's database (the gateway always registers today), at noon in Brussels. */
async function registeredOn(name: string, day: string) {
  await graph.dataSources.social.query(
    `UPDATE person SET registered_at = ($2::date + time '12:00') AT TIME ZONE 'Europe/Brussels' WHERE id = $1`,
    [id[name], day],
  );
}

async function school(name: string, okan: boolean): Promise<string> {
  return ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name, nisCode: "44021", offersOkan: okan, okanCapacity: 0 } },
      ADMIN,
      null,
    ),
  ).registerSchool.id;
}

async function handOver(name: string, schoolId: string) {
  ok(
    await graph.query(`mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`, {
      input: { personId: id[name], schoolId },
    }),
  );
}

async function enrol(name: string, schoolId: string, programme: string, sub: string): Promise<string> {
  return ok(
    await graph.query(
      `mutation E($input: EnrolInput!) { enrol(input: $input) { id status } }`,
      { input: { personId: id[name], schoolId, programme, startDate: today } },
      staffOf(schoolId, sub),
      "ENROLMENT",
    ),
  ).enrol.status;
}

beforeAll(async () => {
  graph = await startGraph();
  siteOne = await validatedSite(graph, "Awaiting centre one", [4]);
  siteTwo = await validatedSite(graph, "Awaiting centre two", [4]);
  // Not placed: a mother, a six-year-old, a four-year-old, an eighteen-year-old, a ten- and a fourteen-year-old.
  await household([
    ["Halyna", 40],
    ["Ivan", 6],
    ["Tetiana", 4],
    ["Petro", 18],
    ["Olena", 10],
    ["Marta", 14],
  ]);
  // Placed at site two long before registering: waits from the registration.
  const romans = await household([["Roman", 8]]);
  ok(
    await graph.query(
      PLACE,
      { input: { householdId: romans, siteId: siteTwo, moveInDate: "2022-05-02" } },
      HOUSING,
      "PLACEMENT",
    ),
  );
  // Registered 40 days ago, moved in at site one 10 days ago: waits from the move-in.
  const darias = await household([["Daria", 9]]);
  ok(
    await graph.query(
      PLACE,
      { input: { householdId: darias, siteId: siteOne, moveInDate: daysAgo(10) } },
      HOUSING,
      "PLACEMENT",
    ),
  );
  for (const name of ["Halyna", "Ivan", "Tetiana", "Petro", "Olena"]) await registeredOn(name, daysAgo(20));
  await registeredOn("Marta", daysAgo(22));
  await registeredOn("Roman", daysAgo(25));
  await registeredOn("Daria", daysAgo(40));

  schoolA = await school("OKAN school Awaiting", true);
  schoolB = await school("Primary school Awaiting", false);
  // Olena gets a place at school B; Marta waits on school A's OKAN list (no places); Ivan is handed over to B.
  await handOver("Olena", schoolB);
  expect(await enrol("Olena", schoolB, "PRIMARY", "awaiting-staff-b")).toBe("ENROLLED");
  await handOver("Marta", schoolA);
  expect(await enrol("Marta", schoolA, "OKAN", "awaiting-staff-a")).toBe("WAITLISTED");
  await handOver("Ivan", schoolB);
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

const row = (name: string, days: number, site: string | null = null) => ({
  id: id[name],
  awaitingSchool: { waitingSince: daysAgo(days), daysWaiting: days, site: site ? { id: site } : null },
});

test("a social worker sees every school-age child without a place, longest waiting first", async () => {
  const res = await graph.query(AWAITING, { days: 14 }, SOCIAL, "CASE_MANAGEMENT");
  expect(res.errors).toBeUndefined();
  // Not Olena (enrolled), Tetiana (4), Petro (18), Halyna (adult), Daria (moved in 10 days ago).
  expect(res.data.childrenAwaitingSchool).toEqual([row("Roman", 25, siteTwo), row("Marta", 22), row("Ivan", 20)]);
});

test("the wait starts at the later of registration and move-in, and must be at least daysSinceArrival days", async () => {
  const seven = ok(await graph.query(AWAITING, { days: 7 }, SOCIAL, "CASE_MANAGEMENT")).childrenAwaitingSchool;
  expect(seven).toEqual([row("Roman", 25, siteTwo), row("Marta", 22), row("Ivan", 20), row("Daria", 10, siteOne)]);
  const twentyOne = ok(await graph.query(AWAITING, { days: 21 }, SOCIAL, "CASE_MANAGEMENT")).childrenAwaitingSchool;
  expect(twentyOne).toEqual([row("Roman", 25, siteTwo), row("Marta", 22)]);
  const thirty = ok(await graph.query(AWAITING, { days: 30 }, SOCIAL, "CASE_MANAGEMENT")).childrenAwaitingSchool;
  expect(thirty).toEqual([]);
});

test("school staff see only the children waiting for or handed over to their school, without the site", async () => {
  const a = await graph.query(AWAITING, { days: 14 }, staffOf(schoolA, "awaiting-staff-a"), "ENROLMENT");
  expect(a.errors).toBeUndefined();
  expect(a.data.childrenAwaitingSchool).toEqual([row("Marta", 22)]);
  // School B: Olena has her place there; Ivan is handed over to it (open request) and has none yet.
  const b = await graph.query(AWAITING, { days: 14 }, staffOf(schoolB, "awaiting-staff-b"), "ENROLMENT");
  expect(b.errors).toBeUndefined();
  expect(b.data.childrenAwaitingSchool).toEqual([row("Ivan", 20)]);
  // Staff of a third school see nothing at all.
  const other = await school("Another school", false);
  const c = await graph.query(AWAITING, { days: 0 }, staffOf(other, "awaiting-staff-c"), "ENROLMENT");
  expect(c.errors).toBeUndefined();
  expect(c.data.childrenAwaitingSchool).toEqual([]);
});

test("a site coordinator sees only their own residents, with their site", async () => {
  const two = await graph.query(AWAITING, { days: 7 }, siteCoordinator(siteTwo), "CASE_MANAGEMENT");
  expect(two.errors).toBeUndefined();
  expect(two.data.childrenAwaitingSchool).toEqual([row("Roman", 25, siteTwo)]);
  const one = await graph.query(AWAITING, { days: 7 }, siteCoordinator(siteOne), "CASE_MANAGEMENT");
  expect(one.errors).toBeUndefined();
  expect(one.data.childrenAwaitingSchool).toEqual([row("Daria", 10, siteOne)]);
});

test("each child shown is audited as an education read in education; each site housing gave, as a housing read there", async () => {
  const sub = "awaiting-audit-sw";
  ok(await graph.query(AWAITING, { days: 21 }, { ...SOCIAL, sub }, "CASE_MANAGEMENT"));
  const education = await graph.dataSources.education.query(
    `SELECT DISTINCT person_id FROM ${AUDIT_LINES}
     WHERE subject = $1 AND category = 'EDUCATION' AND action = 'READ' AND outcome = 'ALLOWED' AND person_id IS NOT NULL
     ORDER BY person_id`,
    [sub],
  );
  expect(education.map((r: { person_id: string }) => r.person_id)).toEqual([id.Roman, id.Marta].sort());
  const housing = await graph.dataSources.housing.query(
    `SELECT DISTINCT person_id FROM ${AUDIT_LINES} WHERE subject = $1 AND category = 'HOUSING' AND outcome = 'ALLOWED'`,
    [sub],
  );
  // Housing answered about every candidate of social's page, Daria too (she moved in too late to be shown),
  // and its audit says so.
  expect(housing.map((r: { person_id: string }) => r.person_id).sort()).toEqual([id.Roman, id.Daria].sort());
});

const UNEDUCATED: [string, TokenClaims & { sub: string }][] = [
  ["HOUSING_COORDINATOR", { sub: "awaiting-hc", org: "CITY_GHENT", roles: ["HOUSING_COORDINATOR"] }],
  ["ANALYST", { sub: "awaiting-analyst", org: "IOM", roles: ["ANALYST"] }],
];
test.each(UNEDUCATED)(
  "%s may not read the alert: FORBIDDEN, audited in education, nothing asked of social",
  async (_, as) => {
    const res = await graph.query(AWAITING, { days: 14 }, as, "CASE_MANAGEMENT");
    expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    expect(res.data?.childrenAwaitingSchool ?? null).toBeNull();
    const refused = await graph.dataSources.education.query(
      `SELECT category, action, outcome, reason FROM ${AUDIT_LINES} WHERE subject = $1`,
      [as.sub],
    );
    expect(refused).toEqual([{ category: "EDUCATION", action: "READ", outcome: "REFUSED", reason: "FORBIDDEN" }]);
    const social = await graph.dataSources.social.query(
      `SELECT count(*)::int AS n FROM ${AUDIT_LINES} WHERE subject = $1`,
      [as.sub],
    );
    expect(social).toEqual([{ n: 0 }]);
  },
);

test("a purpose that does not cover education is FORBIDDEN; a bad daysSinceArrival is BAD_USER_INPUT naming it", async () => {
  const placement = await graph.query(AWAITING, { days: 14 }, SOCIAL, "PLACEMENT");
  expect(errorCodes(placement)).toEqual(["FORBIDDEN"]);
  const negative = await graph.query(AWAITING, { days: -1 }, SOCIAL, "CASE_MANAGEMENT");
  expect(errorCodes(negative)).toEqual(["BAD_USER_INPUT"]);
  expect(negative.errors?.[0].extensions?.field).toBe("daysSinceArrival");
});
