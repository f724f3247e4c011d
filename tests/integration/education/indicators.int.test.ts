// Scenario: social registers on 1 August 2026 six children of 8, two of 14, one of 10, one of 4 and an adult;
// a primary school enrols the six (first school days in September and one in October), an OKAN school with one
// place enrols one 14-year-old and waitlists the other; the school assesses five children. Education's fields of
// the IndicatorReport, read through `_entities` (as the gateway joins them), and timeToSchoolSeries give the
// hand-computed figures: school-age children counted by social in one internal call (counts only), enrolled %
// shown and suppressed, median days to school, a suppressed count, zeros shown; an ANALYST (REPORTING) reads them
// and is refused a personal field of education; a bad key or period is BAD_USER_INPUT.
import { todayInBrussels } from "@reception-graph/kit";
import { errorCodes } from "../../support/graphql";
import { letters } from "../../support/names";
import { TokenClaims } from "../../support/tokens";
import {
  createSchool,
  EducationWorld,
  ENROL,
  ok,
  REQUEST,
  SOCIAL_WORKER,
  staffOf,
  startEducation,
} from "./education-fixtures";

const ANALYST: TokenClaims = { sub: "analyst-an", roles: ["ANALYST"], org: "IOM" };

let world: EducationWorld;
let primary: string;
let okan: string;
const eights: string[] = [];

async function person(givenName: string, birthDate: string, sex: string): Promise<string> {
  const h = ok(
    await world.socialQuery(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id } } }`,
      { input: { members: [{ givenName, familyName: "Indicator", birthDate, sex }], registeredOn: "2026-08-01" } },
      { roles: ["OCMW_ADMIN"] },
    ),
  ).registerHousehold;
  return h.members[0].id;
}

async function enrol(personId: string, schoolId: string, programme: string, startDate: string): Promise<string> {
  ok(await world.query(REQUEST, { input: { personId, schoolId } }, SOCIAL_WORKER));
  return ok(
    await world.query(ENROL, { input: { personId, schoolId, programme, startDate } }, staffOf(schoolId), "ENROLMENT"),
  ).enrol.status;
}

beforeAll(async () => {
  world = await startEducation({ housing: true });
  primary = await createSchool(world, { offersOkan: false, okanCapacity: 0 });
  okan = await createSchool(world, { offersOkan: true, okanCapacity: 1 });
  // Ages on 30 September 2026: 8 (born 2018-01-15), 14 (2012-01-15), 10 (2016-01-15), 4 (2022-01-15), 30.
  for (let i = 0; i < 6; i++) eights.push(await person(`Child${letters(i)}`, "2018-01-15", i % 2 ? "MALE" : "FEMALE"));
  const fourteens = [await person("Taras", "2012-01-15", "MALE"), await person("Zlata", "2012-01-15", "FEMALE")];
  await person("Marko", "2016-01-15", "MALE");
  await person("Nina", "2022-01-15", "FEMALE");
  await person("Oksana", "1996-01-15", "FEMALE");
  // Days from registration (1 August; never placed, so no later arrival) to the first school day:
  // 1 Sep 31, 1 Sep 31, 3 Sep 33, 5 Sep 35, 7 Sep 37, 5 Oct 65; OKAN 15 Sep 45.
  const starts = ["2026-09-01", "2026-09-01", "2026-09-03", "2026-09-05", "2026-09-07", "2026-10-05"];
  for (let i = 0; i < 6; i++) expect(await enrol(eights[i], primary, "PRIMARY", starts[i])).toBe("ENROLLED");
  expect(await enrol(fourteens[0], okan, "OKAN", "2026-09-15")).toBe("ENROLLED");
  expect(await enrol(fourteens[1], okan, "OKAN", "2026-09-15")).toBe("WAITLISTED");
  // Five children assessed on 20 September, one of them twice (counted once).
  for (const id of [...eights.slice(0, 5), eights[0]]) {
    ok(
      await world.query(
        `mutation A($input: RecordEducationAssessmentInput!) { recordEducationAssessment(input: $input) { id } }`,
        { input: { personId: id, schoolId: primary, priorSchoolingYears: 2, languages: ["uk"], date: "2026-09-20" } },
        staffOf(primary),
        "ENROLMENT",
      ),
    );
  }
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

const FIELDS = `from to siteId childrenAssessed { value suppressed } schoolAgeChildren { value suppressed }
  childrenEnrolledPct { value numerator denominator suppressed }
  medianDaysToEnrolment { value basis suppressed } okanWaitingList { value suppressed }`;
const REPORT = `query R($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport { ${FIELDS} } } }`;

async function report(from: string, to: string, as: TokenClaims = ANALYST) {
  return ok(
    await world.query(REPORT, { reps: [{ __typename: "IndicatorReport", from, to, siteId: null }] }, as, "REPORTING"),
  )._entities[0];
}

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

test("September 2026: hand-computed figures through _entities, as an ANALYST", async () => {
  const r = await report("2026-09-01", "2026-09-30");
  expect(r.from).toBe("2026-09-01");
  // Assessed in September: 5 distinct children (one assessed twice).
  expect(r.childrenAssessed).toEqual(shown(5));
  // School age (5–17) on 30 September among persons served: six of 8, two of 14, one of 10 = 9 (not 4 nor 30).
  expect(r.schoolAgeChildren).toEqual(shown(9));
  // With a place on 30 September: five primary (the sixth starts 5 October) + one OKAN = 6; the waitlisted is not.
  // 6 / 9 = 66.66… → 66.7
  expect(r.childrenEnrolledPct).toEqual({ value: 66.7, numerator: 6, denominator: 9, suppressed: false });
  // First school day in September: 31, 31, 33, 35, 37, 45 → median (33 + 35) / 2 = 34 over 6 children.
  expect(r.medianDaysToEnrolment).toEqual({ value: 34, basis: 6, suppressed: false });
  // The waiting list is read from when education recorded it (today): on 30 September nobody was on it yet.
  expect(r.okanWaitingList).toEqual(shown(0));
});

test("1–2 September: small figures are suppressed, zeros shown", async () => {
  const r = await report("2026-09-01", "2026-09-02");
  expect(r.childrenAssessed).toEqual(shown(0));
  // With a place on 2 September: 2 of 9 — a count of 1–4 children, so the percentage is suppressed.
  expect(r.childrenEnrolledPct).toEqual({ value: null, numerator: null, denominator: null, suppressed: true });
  // Two first school days (31, 31): a median over 2 children is suppressed.
  expect(r.medianDaysToEnrolment).toEqual({ value: null, basis: null, suppressed: true });
});

test("up to today: one child on the OKAN waiting list, suppressed", async () => {
  const today = todayInBrussels();
  const r = await report("2026-11-15", today);
  expect(r.okanWaitingList).toEqual(hidden);
});

test("timeToSchoolSeries per month: a suppressed month and zeros", async () => {
  const series = ok(
    await world.query(
      `query { timeToSchoolSeries(from: "2026-08-01", to: "2026-10-31") { month enrolled { value suppressed }
         medianDays { value basis suppressed } } }`,
      {},
      ANALYST,
      "REPORTING",
    ),
  ).timeToSchoolSeries;
  expect(series).toEqual([
    { month: "2026-08", enrolled: shown(0), medianDays: { value: null, basis: 0, suppressed: false } },
    // September as above: 6 children, median 34.
    { month: "2026-09", enrolled: shown(6), medianDays: { value: 34, basis: 6, suppressed: false } },
    // October: one child (65 days): count and median hidden.
    { month: "2026-10", enrolled: hidden, medianDays: { value: null, basis: null, suppressed: true } },
  ]);
  const long = await world.query(
    `query { timeToSchoolSeries(from: "2025-01-01", to: "2026-10-31") { month } }`,
    {},
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(long)).toEqual(["BAD_USER_INPUT"]);
  expect(long.errors![0].extensions!.field).toBe("to");
  const backwards = await world.query(
    `query { timeToSchoolSeries(from: "2026-10-31", to: "2026-08-01") { month } }`,
    {},
    ANALYST,
    "REPORTING",
  );
  expect(backwards.errors![0].extensions!.field).toBe("to");
});

test("the ANALYST is refused a personal field of education, and a bad report key is BAD_USER_INPUT", async () => {
  const personal = await world.query(
    `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { enrolments { id } } } }`,
    { reps: [{ __typename: "Person", id: eights[0] }] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(personal)).toEqual(["FORBIDDEN"]);
  const bad = await world.query(
    REPORT,
    { reps: [{ __typename: "IndicatorReport", from: "2026-09-01", to: "2027-12-31", siteId: null }] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("to");
});
