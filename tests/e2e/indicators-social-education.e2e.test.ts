// Scenario, through the whole graph: two validated sites. At Schoonmeersen (A) ten households live since 2 May 2026:
// five single men of 40, four single women of 30 and a woman of 30 with a girl of 8 (11 people); at Ter Rive (B) a
// woman with five children of 8 (6 people); one household of a man and two children of 10 is registered but never
// placed. Case files for every household in June (one at A closed on 20 June); health insurance for five people at A;
// B's five children are assessed and enrolled in June. The coordinators' report `indicators(from, to, siteId)`
// returns social's and education's fields for one site, computed from housing's residents (SitesPeer.residents ->
// housing's _siteResidents), hand-computed below: a complementary suppression in personsByAgeAndSex, suppressed
// household cells and percentages, zeros shown. `_entities` on social and on education directly give the same;
// an ANALYST (REPORTING) reads them and is refused a personal field in social and in education; caseFileFlow and
// timeToSchoolSeries narrow to a site with their filter.
import { errorCodes, postGraphql } from "../support/graphql";
import { HOUSING, ok, PLACE, SOCIAL, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { letters } from "../support/names";
import { internalToken, TokenClaims } from "../support/tokens";

const ANALYST: TokenClaims = { sub: "analyst-e2e", org: "IOM", roles: ["ANALYST"] };
const ADMIN: TokenClaims = { sub: "admin-e2e", org: "CITY_GENT", roles: ["ADMIN"] };
const FROM = "2026-06-01";
const TO = "2026-06-30";

let graph: RunningGraph;
let siteA: string;
let siteB: string;
let school: string;
const childrenB: string[] = [];
const aPeople: string[] = [];
const aHouseholds: string[] = [];

type Member = { givenName: string; familyName: string; birthDate: string; sex: string };

async function household(members: Member[]): Promise<{ id: string; memberIds: string[] }> {
  const h = ok(
    await graph.query(
      `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      { input: { members, registeredOn: "2026-04-01" } },
      SOCIAL,
      "CASE_MANAGEMENT",
    ),
  ).registerHousehold;
  return { id: h.id, memberIds: members.map((m) => h.members.find((x: any) => x.givenName === m.givenName).id) };
}

async function placeAt(householdId: string, siteId: string) {
  ok(await graph.query(PLACE, { input: { householdId, siteId, moveInDate: "2026-05-02" } }, HOUSING, "PLACEMENT"));
}

async function staff(givenName: string): Promise<string> {
  return ok(
    await graph.query(
      `mutation S($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }`,
      { input: { givenName, familyName: "Worker", role: "SOCIAL_WORKER", diplomas: ["SOCIAL_WORK"] } },
      { sub: "admin-ocmw", org: "OCMW_GHENT", roles: ["OCMW_ADMIN"] },
      "CASE_MANAGEMENT",
    ),
  ).registerStaffMember.id;
}

async function openCase(householdId: string, openedOn: string, socialWorkerId: string): Promise<string> {
  return ok(
    await graph.query(`mutation O($input: OpenCaseFileInput!) { openCaseFile(input: $input) { id } }`, {
      input: { householdId, source: "IOM_CENTRE", openedOn, socialWorkerId },
    }),
  ).openCaseFile.id;
}

beforeAll(async () => {
  graph = await startGraph();
  siteA = await validatedSite(graph, "Schoonmeersen", Array(10).fill(2));
  siteB = await validatedSite(graph, "Ter Rive", [6]);
  // Ages on 30 June 2026: 40 (born 1986-01-10), 30 (1996-01-10), 8 (2018-01-10), 10 (2016-01-10).
  for (let i = 0; i < 5; i++) {
    const h = await household([
      { givenName: `Man${letters(i)}`, familyName: "Alone", birthDate: "1986-01-10", sex: "MALE" },
    ]);
    aHouseholds.push(h.id);
    aPeople.push(...h.memberIds);
  }
  for (let i = 0; i < 4; i++) {
    const h = await household([
      { givenName: `Woman${letters(i)}`, familyName: "Alone", birthDate: "1996-01-10", sex: "FEMALE" },
    ]);
    aHouseholds.push(h.id);
    aPeople.push(...h.memberIds);
  }
  const mother = await household([
    { givenName: "Olena", familyName: "Mother", birthDate: "1996-01-10", sex: "FEMALE" },
    { givenName: "Sofiia", familyName: "Mother", birthDate: "2018-01-10", sex: "FEMALE" },
  ]);
  aHouseholds.push(mother.id);
  aPeople.push(...mother.memberIds);
  for (const h of aHouseholds) await placeAt(h, siteA);
  const b = await household([
    { givenName: "Iryna", familyName: "Many", birthDate: "1986-01-10", sex: "FEMALE" },
    ...["Anna", "Bohdan", "Daryna", "Ivan", "Kyrylo"].map((n, i) => ({
      givenName: n,
      familyName: "Many",
      birthDate: "2018-01-10",
      sex: i % 2 ? "MALE" : "FEMALE",
    })),
  ]);
  childrenB.push(...b.memberIds.slice(1));
  await placeAt(b.id, siteB);
  const unplaced = await household([
    { givenName: "Petro", familyName: "Elsewhere", birthDate: "1986-01-10", sex: "MALE" },
    { givenName: "Roman", familyName: "Elsewhere", birthDate: "2016-01-10", sex: "MALE" },
    { givenName: "Vira", familyName: "Elsewhere", birthDate: "2016-01-10", sex: "FEMALE" },
  ]);

  // Case files in June: worker X the five men and Olena's, worker Y the four women, B's and the unplaced one.
  const x = await staff("Xenia");
  const y = await staff("Yurii");
  const aFiles: string[] = [];
  for (const [i, h] of aHouseholds.entries()) aFiles.push(await openCase(h, "2026-06-03", i < 5 || i === 9 ? x : y));
  await openCase(b.id, "2026-06-04", y);
  await openCase(unplaced.id, "2026-06-04", y);
  ok(
    await graph.query(`mutation C($input: CloseCaseFileInput!) { closeCaseFile(input: $input) { id } }`, {
      input: { caseFileId: aFiles[5], reason: "MOVED_AWAY", date: "2026-06-20" },
    }),
  );
  // Insured on 30 June: five of A's people (the five men).
  for (const personId of aPeople.slice(0, 5)) {
    ok(
      await graph.query(
        `mutation I($input: RegisterHealthInsuranceInput!) { registerHealthInsurance(input: $input) { id } }`,
        { input: { personId, fund: "CM", status: "REGISTERED", date: "2026-05-20" } },
      ),
    );
  }
  // B's five children: handed over, enrolled in June (days from the later of registration and move-in, 2 May:
  // 1 Jun 30, 2 Jun 31, 3 Jun 32, 4 Jun 33, 5 Jun 34), assessed on 10 June.
  school = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "Basisschool De Vlieger", nisCode: "44021", offersOkan: false, okanCapacity: 0 } },
      ADMIN,
      null,
    ),
  ).registerSchool.id;
  const schoolStaff: TokenClaims = { sub: "staff-vlieger", org: "SCHOOL", roles: ["SCHOOL_STAFF"], schools: [school] };
  for (const [i, personId] of childrenB.entries()) {
    ok(
      await graph.query(
        `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`,
        { input: { personId, schoolId: school } },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    );
    ok(
      await graph.query(
        `mutation E($input: EnrolInput!) { enrol(input: $input) { id status } }`,
        { input: { personId, schoolId: school, programme: "PRIMARY", startDate: `2026-06-0${i + 1}` } },
        schoolStaff,
        "ENROLMENT",
      ),
    );
    ok(
      await graph.query(
        `mutation A($input: RecordEducationAssessmentInput!) { recordEducationAssessment(input: $input) { id } }`,
        { input: { personId, schoolId: school, priorSchoolingYears: 2, languages: ["uk"], date: "2026-06-10" } },
        schoolStaff,
        "ENROLMENT",
      ),
    );
  }
}, 240_000);
afterAll(async () => {
  await graph?.stop();
});

const FIELDS = `from to siteId
  personsServed { value suppressed }
  personsByAgeAndSex { ageBand sex count { value suppressed } }
  householdsByComposition { composition count { value suppressed } }
  openCaseFiles { value suppressed } caseFilesOpened { value suppressed } caseFilesClosed { value suppressed }
  maxCaseload averageCaseload healthInsuredPct { value numerator denominator suppressed }
  childrenAssessed { value suppressed } schoolAgeChildren { value suppressed }
  childrenEnrolledPct { value numerator denominator suppressed } medianDaysToEnrolment { value basis suppressed }
  okanWaitingList { value suppressed }`;

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const hiddenPct = { value: null, numerator: null, denominator: null, suppressed: true };

async function indicators(siteId: string | null, as: TokenClaims = ANALYST) {
  return ok(
    await graph.query(
      `query I($from: Date!, $to: Date!, $siteId: ID) { indicators(from: $from, to: $to, siteId: $siteId) { ${FIELDS} } }`,
      { from: FROM, to: TO, siteId },
      as,
      "REPORTING",
    ),
  ).indicators;
}

test("site A: hand-computed social and education figures, with a complementary suppression", async () => {
  const r = await indicators(siteA);
  expect(r.siteId).toBe(siteA);
  // A's residents: 5 men + 4 women + Olena + Sofiia = 11.
  expect(r.personsServed).toEqual(shown(11));
  const cell = (ageBand: string | null, sex: string) =>
    r.personsByAgeAndSex.find((c: any) => c.ageBand === ageBand && c.sex === sex).count;
  // F 18–59 = 5, M 18–59 = 5, F 5–11 = 1 (Sofiia): the 1 is hidden, and 11 − 5 − 5 would give it back, so the
  // smallest other non-zero cell (the first of the two 5s, F 18–59) is hidden too; M 18–59 shows 5.
  expect(cell("AGE_5_11", "FEMALE")).toEqual(hidden);
  expect(cell("AGE_18_59", "FEMALE")).toEqual(hidden);
  expect(cell("AGE_18_59", "MALE")).toEqual(shown(5));
  expect(cell("AGE_5_11", "MALE")).toEqual(shown(0));
  expect(r.personsByAgeAndSex.filter((c: any) => c.count.suppressed)).toHaveLength(2);
  // Households: 4 single women (hidden), 5 single men, 1 adult with a child (hidden).
  expect(r.householdsByComposition).toEqual([
    { composition: "SINGLE_WOMAN", count: hidden },
    { composition: "SINGLE_MAN", count: shown(5) },
    { composition: "SINGLE_ADULT_OTHER", count: shown(0) },
    { composition: "ADULTS_WITH_CHILDREN", count: hidden },
    { composition: "ADULTS_ONLY", count: shown(0) },
    { composition: "MINORS_ONLY", count: shown(0) },
  ]);
  // A's ten case files opened in June, one closed (hidden) → 9 open: X holds 5 men + Olena = 6, Y the 4 women − 1
  // closed = 3 (B's and the unplaced household's files are not A's) → max 6, average (6 + 3) / 2 = 4.5.
  expect(r.caseFilesOpened).toEqual(shown(10));
  expect(r.caseFilesClosed).toEqual(hidden);
  expect(r.openCaseFiles).toEqual(shown(9));
  expect(r.maxCaseload).toBe(6);
  expect(r.averageCaseload).toBe(4.5);
  // 5 insured of 11 = 45.45… → 45.5
  expect(r.healthInsuredPct).toEqual({ value: 45.5, numerator: 5, denominator: 11, suppressed: false });
  // Education at A: nobody assessed or enrolled; one school-age child (Sofiia) → hidden, and so the percentage.
  expect(r.childrenAssessed).toEqual(shown(0));
  expect(r.schoolAgeChildren).toEqual(hidden);
  expect(r.childrenEnrolledPct).toEqual(hiddenPct);
  expect(r.medianDaysToEnrolment).toEqual({ value: null, basis: 0, suppressed: false });
  expect(r.okanWaitingList).toEqual(shown(0));
});

test("site B: five children assessed and enrolled, median days to school; the people cells all small", async () => {
  const r = await indicators(siteB);
  expect(r.personsServed).toEqual(shown(6));
  // Iryna (F 18–59) 1, girls 3, boys 2: every non-zero cell hidden.
  expect(r.personsByAgeAndSex.filter((c: any) => c.count.suppressed)).toHaveLength(3);
  expect(r.householdsByComposition.find((c: any) => c.composition === "ADULTS_WITH_CHILDREN").count).toEqual(hidden);
  // Nobody insured at B: 0 of 6 people; numerator 0 reveals nobody, denominator 6 is not small → 0.0 shown.
  expect(r.healthInsuredPct).toEqual({ value: 0, numerator: 0, denominator: 6, suppressed: false });
  expect(r.childrenAssessed).toEqual(shown(5));
  expect(r.schoolAgeChildren).toEqual(shown(5));
  expect(r.childrenEnrolledPct).toEqual({ value: 100, numerator: 5, denominator: 5, suppressed: false });
  // 30, 31, 32, 33, 34 → median 32 over 5.
  expect(r.medianDaysToEnrolment).toEqual({ value: 32, basis: 5, suppressed: false });
  // B's one case file: hidden.
  expect(r.openCaseFiles).toEqual(hidden);
});

test("all sites: everyone registered counts, placed or not", async () => {
  const r = await indicators(null);
  // 11 + 6 + 3 = 20 persons; school age: Sofiia, B's five, Roman and Vira = 8, of whom 5 enrolled → 62.5 %.
  expect(r.personsServed).toEqual(shown(20));
  expect(r.schoolAgeChildren).toEqual(shown(8));
  expect(r.childrenEnrolledPct).toEqual({ value: 62.5, numerator: 5, denominator: 8, suppressed: false });
  // 12 case files opened, 1 closed → 11 open.
  expect(r.openCaseFiles).toEqual(shown(11));
});

async function entities(subgraph: "social" | "education", fields: string, siteId: string | null) {
  const token = await internalToken(ANALYST, "REPORTING", [subgraph, "housing", "social"]);
  return postGraphql(
    graph.subgraphUrls[subgraph],
    `query R($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport { ${fields} } } }`,
    { reps: [{ __typename: "IndicatorReport", from: FROM, to: TO, siteId }] },
    { authorization: `Bearer ${token}` },
  );
}

test("_entities on social and on education directly resolve the report for a site", async () => {
  const social = ok(await entities("social", "personsServed { value } householdsByComposition { composition }", siteA));
  expect(social._entities[0].personsServed).toEqual({ value: 11 });
  expect(social._entities[0].householdsByComposition).toHaveLength(6);
  const education = ok(await entities("education", "childrenAssessed { value } schoolAgeChildren { value }", siteB));
  expect(education._entities[0]).toEqual({ childrenAssessed: { value: 5 }, schoolAgeChildren: { value: 5 } });
  const bad = await entities("education", "childrenAssessed { value }", "not-a-site");
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
});

test("the ANALYST is refused a personal field in social and in education", async () => {
  const social = await graph.query(
    `query P($id: ID!) { person(id: $id) { givenName } }`,
    { id: aPeople[0] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(social)).toContain("FORBIDDEN");
  const education = await graph.query(
    `query S($id: ID!) { school(id: $id) { waitingList { id } } }`,
    { id: school },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(education)).toContain("FORBIDDEN");
});

test("caseFileFlow and timeToSchoolSeries narrow to a site with their filter", async () => {
  const flow = ok(
    await graph.query(
      `query F($filter: CoordinationFilter) { caseFileFlow(from: "2026-06-01", to: "2026-06-07", filter: $filter) {
         isoWeek opened { value suppressed } } }`,
      { filter: { siteId: siteA } },
      ANALYST,
      "REPORTING",
    ),
  ).caseFileFlow;
  // Week of 1 June: A's ten case files (3 June); unfiltered it would be 12.
  expect(flow).toEqual([{ isoWeek: "2026-W23", opened: shown(10) }]);
  const series = ok(
    await graph.query(
      `query T($filter: CoordinationFilter) { timeToSchoolSeries(from: "2026-05-01", to: "2026-06-30", filter: $filter) {
         month enrolled { value suppressed } medianDays { value basis suppressed } } }`,
      { filter: { siteId: siteB } },
      ANALYST,
      "REPORTING",
    ),
  ).timeToSchoolSeries;
  expect(series).toEqual([
    { month: "2026-05", enrolled: shown(0), medianDays: { value: null, basis: 0, suppressed: false } },
    { month: "2026-06", enrolled: shown(5), medianDays: { value: 32, basis: 5, suppressed: false } },
  ]);
  const none = ok(
    await graph.query(
      `query T($filter: CoordinationFilter) { timeToSchoolSeries(from: "2026-06-01", to: "2026-06-30", filter: $filter) {
         month enrolled { value } } }`,
      { filter: { siteId: siteA } },
      ANALYST,
      "REPORTING",
    ),
  ).timeToSchoolSeries;
  expect(none).toEqual([{ month: "2026-06", enrolled: { value: 0 } }]);
  // A site housing does not know: refused by housing, and the refusal keeps its code through the peer call.
  for (const series of ["caseFileFlow", "timeToSchoolSeries"]) {
    const unknown = await graph.query(
      `query U($filter: CoordinationFilter) { ${series}(from: "2026-06-01", to: "2026-06-30", filter: $filter) { __typename } }`,
      { filter: { siteId: "6c0e4a55-9d64-4b41-8a4e-1f4b2d6c0a11" } },
      ANALYST,
      "REPORTING",
    );
    expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(errorCodes(unknown)[0]);
  }
});
