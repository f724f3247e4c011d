// Scenario: the cell registers 20 people in 10 households before June 2026 (5 single women aged 30; one household of
// two men; four fathers with 7 girls and 2 boys) and one woman in July; opens, closes, transfers and assigns case
// files; registers health insurance. Social's fields of the IndicatorReport, read through `_entities` as housing's
// `indicators` would, give the hand-computed figures: a complementary suppression in personsByAgeAndSex, suppressed
// household cells, a suppressed and a shown percentage, zeros shown as 0, caseloads at the end of the period (a later
// reassignment does not change June). An ANALYST (REPORTING) reads them and is refused a personal field; a bad key is
// BAD_USER_INPUT. caseFileFlow suppresses small weekly counts.
import { socialSubgraph } from "@reception-graph/social";
import { errorCodes } from "../../support/graphql";
import { letters } from "../../support/names";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { TokenClaims } from "../../support/tokens";
import { ok, OCMW_ADMIN, registerStaff, SOCIAL_WORKER } from "./social-fixtures";

const ANALYST: TokenClaims = { sub: "analyst-an", roles: ["ANALYST"] };

let sg: RunningSubgraph;
let workerA: string;
let workerB: string;
const singleWomen: string[] = [];
const fathers: string[] = [];
let twoMen: string;
const personIds: string[] = [];
let reassigned: string;

type Member = { givenName: string; familyName: string; birthDate?: string; sex: string };

async function household(members: Member[], registeredOn: string): Promise<{ id: string; memberIds: string[] }> {
  const h = ok(
    await sg.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      { input: { members, registeredOn } },
      OCMW_ADMIN,
    ),
  ).registerHousehold;
  return { id: h.id, memberIds: members.map((m) => h.members.find((x: any) => x.givenName === m.givenName).id) };
}

async function open(householdId: string, openedOn: string, socialWorkerId: string): Promise<string> {
  return ok(
    await sg.query(`mutation O($input: OpenCaseFileInput!) { openCaseFile(input: $input) { id } }`, {
      input: { householdId, source: "IOM_CENTRE", openedOn, socialWorkerId },
    }),
  ).openCaseFile.id;
}

async function insure(personId: string, status: string, date: string) {
  ok(
    await sg.query(
      `mutation I($input: RegisterHealthInsuranceInput!) { registerHealthInsurance(input: $input) { id } }`,
      {
        input: { personId, fund: "CM", status, date },
      },
    ),
  );
}

beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  workerA = await registerStaff(sg, "Iryna", "Indicator", "SOCIAL_WORKER", ["SOCIAL_WORK"]);
  workerB = await registerStaff(sg, "Pieter", "Indicator", "SOCIAL_WORKER", ["SOCIAL_WORK"]);
  // Ages on 2026-06-30: women 30 (born 1996-01-10), men 40, girls 8 (2018-02-01), boys 10 (2016-03-01).
  for (let i = 0; i < 5; i++) {
    const h = await household(
      [{ givenName: `Olena${letters(i)}`, familyName: "Single", birthDate: "1996-01-10", sex: "FEMALE" }],
      "2026-03-01",
    );
    singleWomen.push(h.id);
    personIds.push(...h.memberIds);
  }
  const men = await household(
    [
      { givenName: "Andrii", familyName: "Pair", birthDate: "1986-01-10", sex: "MALE" },
      { givenName: "Bohdan", familyName: "Pair", birthDate: "1986-01-10", sex: "MALE" },
    ],
    "2026-03-01",
  );
  twoMen = men.id;
  personIds.push(...men.memberIds);
  // Four fathers with 7 girls and 2 boys: 2+2+2+1 girls, the boys with the last two fathers.
  const kids = [
    ["F", "F"],
    ["F", "F"],
    ["F", "F", "M"],
    ["F", "M"],
  ];
  for (let i = 0; i < 4; i++) {
    const h = await household(
      [
        { givenName: `Father${letters(i)}`, familyName: "Family", birthDate: "1986-01-10", sex: "MALE" },
        ...kids[i].map((s, j) => ({
          givenName: `Child${letters(j)}`,
          familyName: "Family",
          birthDate: s === "F" ? "2018-02-01" : "2016-03-01",
          sex: s === "F" ? "FEMALE" : "MALE",
        })),
      ],
      "2026-04-15",
    );
    fathers.push(h.id);
    personIds.push(...h.memberIds);
  }
  // Registered after June: counted from July on only.
  await household([{ givenName: "Lesia", familyName: "Later", birthDate: "2000-05-05", sex: "FEMALE" }], "2026-07-10");

  // Case files: the five single women since April with A; in June two end (one closed, one transferred); the
  // two men and the four fathers (five households) opened in June, two with A and three with B.
  const women = await Promise.all(singleWomen.map((h) => open(h, "2026-04-01", workerA)));
  ok(
    await sg.query(`mutation X($input: CloseCaseFileInput!) { closeCaseFile(input: $input) { id } }`, {
      input: { caseFileId: women[0], reason: "MOVED_AWAY", date: "2026-06-20" },
    }),
  );
  ok(
    await sg.query(`mutation T($input: TransferCaseFileInput!) { transferCaseFile(input: $input) { id } }`, {
      input: { caseFileId: women[1], welfareOffice: "OCMW Gent", date: "2026-06-25" },
    }),
  );
  await open(twoMen, "2026-06-05", workerA);
  await open(fathers[0], "2026-06-08", workerA);
  reassigned = await open(fathers[1], "2026-06-09", workerB);
  await open(fathers[2], "2026-06-10", workerB);
  await open(fathers[3], "2026-06-11", workerB);
  // Reassigned today (after June): the June caseloads keep B's three.
  ok(
    await sg.query(`mutation A($input: AssignSocialWorkerInput!) { assignSocialWorker(input: $input) { id } }`, {
      input: { caseFileId: reassigned, socialWorkerId: workerA },
    }),
  );

  // Insurance: three registered in May; two more in August; one only requested.
  await insure(personIds[0], "REGISTERED", "2026-05-01");
  await insure(personIds[1], "REGISTERED", "2026-05-01");
  await insure(personIds[5], "REGISTERED", "2026-05-02");
  await insure(personIds[6], "REGISTERED", "2026-08-01");
  await insure(personIds[7], "REGISTERED", "2026-08-03");
  await insure(personIds[8], "REQUESTED", "2026-05-01");
});
afterAll(async () => {
  await sg?.stop();
});

const FIELDS = `from to siteId
  personsServed { value suppressed }
  personsByAgeAndSex { ageBand sex count { value suppressed } }
  householdsByComposition { composition count { value suppressed } }
  openCaseFiles { value suppressed } caseFilesOpened { value suppressed } caseFilesClosed { value suppressed }
  maxCaseload averageCaseload
  healthInsuredPct { value numerator denominator suppressed }`;

const REPORT = `query R($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport { ${FIELDS} } } }`;

function report(from: string, to: string, as: TokenClaims = ANALYST) {
  return sg.query(REPORT, { reps: [{ __typename: "IndicatorReport", from, to, siteId: null }] }, as, "REPORTING");
}

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

test("June 2026: hand-computed figures, a complementary suppression, zeros shown, caseloads at the end of June", async () => {
  const r = ok(await report("2026-06-01", "2026-06-30"))._entities[0];
  expect(r.from).toBe("2026-06-01");
  expect(r.siteId).toBeNull();
  // Persons served: 5 women + 2 men + 4 fathers + 9 children = 20 (Lesia registered in July is not counted).
  expect(r.personsServed).toEqual(shown(20));
  // Cells: F 18–59 = 5, M 18–59 = 2 + 4 = 6, F 5–11 = 7, M 5–11 = 2; all others 0. M 5–11 (2) is suppressed, and
  // since 20 − 6 − 7 − 5 would give it back, the smallest other non-zero cell (F 18–59, 5) is suppressed too.
  const cell = (ageBand: string | null, sex: string) =>
    r.personsByAgeAndSex.find((c: any) => c.ageBand === ageBand && c.sex === sex).count;
  expect(r.personsByAgeAndSex).toHaveLength(24);
  expect(r.personsByAgeAndSex.slice(0, 4).map((c: any) => [c.ageBand, c.sex])).toEqual([
    ["AGE_0_4", "FEMALE"],
    ["AGE_0_4", "MALE"],
    ["AGE_0_4", "OTHER"],
    ["AGE_0_4", "UNKNOWN"],
  ]);
  expect(r.personsByAgeAndSex[20].ageBand).toBeNull();
  expect(cell("AGE_18_59", "FEMALE")).toEqual(hidden);
  expect(cell("AGE_5_11", "MALE")).toEqual(hidden);
  expect(cell("AGE_18_59", "MALE")).toEqual(shown(6));
  expect(cell("AGE_5_11", "FEMALE")).toEqual(shown(7));
  expect(cell("AGE_0_4", "FEMALE")).toEqual(shown(0));
  expect(cell(null, "UNKNOWN")).toEqual(shown(0));
  expect(r.personsByAgeAndSex.filter((c: any) => c.count.suppressed)).toHaveLength(2);
  // Households: SINGLE_WOMAN 5, ADULTS_ONLY 1 (the two men), ADULTS_WITH_CHILDREN 4: the two small cells hidden.
  expect(r.householdsByComposition).toEqual([
    { composition: "SINGLE_WOMAN", count: shown(5) },
    { composition: "SINGLE_MAN", count: shown(0) },
    { composition: "SINGLE_ADULT_OTHER", count: shown(0) },
    { composition: "ADULTS_WITH_CHILDREN", count: hidden },
    { composition: "ADULTS_ONLY", count: hidden },
    { composition: "MINORS_ONLY", count: shown(0) },
  ]);
  // Case files: 5 in April + 5 in June (the two men's household and the four fathers') = 10, 2 ended in
  // June → 8 open on 30 June; 5 opened in June; 1 closed (the transfer is not a closure) → suppressed.
  expect(r.openCaseFiles).toEqual(shown(8));
  expect(r.caseFilesOpened).toEqual(shown(5));
  expect(r.caseFilesClosed).toEqual(hidden);
  // Caseload at the end of June: A = 3 women left + two men + father 0 = 5; B = 3 (today's reassignment is later).
  expect(r.maxCaseload).toBe(5);
  expect(r.averageCaseload).toBe(4); // (5 + 3) / 2
  // Insured on 30 June: 3 of 20 — a count of 1–4 people, so the percentage is suppressed.
  expect(r.healthInsuredPct).toEqual({ value: null, numerator: null, denominator: null, suppressed: true });
});

test("July–September: Lesia counted, five insured of 21 shown; January: everything 0, shown", async () => {
  const q3 = ok(await report("2026-07-01", "2026-09-30"))._entities[0];
  expect(q3.personsServed).toEqual(shown(21));
  // 5 / 21 = 23.809… → 23.8
  expect(q3.healthInsuredPct).toEqual({ value: 23.8, numerator: 5, denominator: 21, suppressed: false });
  expect(q3.caseFilesOpened).toEqual(shown(0));
  const jan = ok(await report("2026-01-01", "2026-01-31"))._entities[0];
  expect(jan.personsServed).toEqual(shown(0));
  expect(jan.personsByAgeAndSex.every((c: any) => c.count.value === 0 && !c.count.suppressed)).toBe(true);
  expect(jan.householdsByComposition.every((c: any) => c.count.value === 0)).toBe(true);
  expect(jan.openCaseFiles).toEqual(shown(0));
  expect(jan.maxCaseload).toBe(0);
  expect(jan.averageCaseload).toBeNull();
  expect(jan.healthInsuredPct).toEqual({ value: null, numerator: 0, denominator: 0, suppressed: false });
});

test("the cell's own workload today follows the reassignment (the report does not)", async () => {
  const w = ok(await sg.query(`query { cellWorkload { maxCaseload } }`, {}, OCMW_ADMIN)).cellWorkload;
  // Today: A = 5 + the reassigned file = 6.
  expect(w.maxCaseload).toBe(6);
});

test("an ANALYST (REPORTING) reads the report but is refused a personal field of social", async () => {
  const res = await sg.query(
    `query P($id: ID!) { person(id: $id) { givenName } }`,
    { id: personIds[0] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  const social = await report("2026-06-01", "2026-06-30", SOCIAL_WORKER);
  expect(ok(social)._entities[0].personsServed).toEqual(shown(20));
});

test("a bad report key is BAD_USER_INPUT naming the field", async () => {
  const backwards = await sg.query(
    REPORT,
    { reps: [{ __typename: "IndicatorReport", from: "2026-06-30", to: "2026-06-01", siteId: null }] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(backwards)).toEqual(["BAD_USER_INPUT"]);
  expect(backwards.errors![0].extensions!.field).toBe("to");
  const site = await sg.query(
    REPORT,
    { reps: [{ __typename: "IndicatorReport", from: "2026-06-01", to: "2026-06-30", siteId: "nope" }] },
    ANALYST,
    "REPORTING",
  );
  expect(errorCodes(site)).toEqual(["BAD_USER_INPUT"]);
  expect(site.errors![0].extensions!.field).toBe("siteId");
});

test("caseFileFlow suppresses small weekly counts; transferred and closed are hidden together", async () => {
  const flow = ok(
    await sg.query(
      `query { caseFileFlow(from: "2026-06-01", to: "2026-06-28") { isoWeek opened { value suppressed }
         transferred { value suppressed } closed { value suppressed } outflow { value suppressed } } }`,
      {},
      ANALYST,
      "REPORTING",
    ),
  ).caseFileFlow;
  // W23 (1–7 June): 1 opened; W24 (8–14): 4 opened; W25 (15–21): closed 1; W26 (22–28): transferred 1.
  expect(flow).toEqual([
    { isoWeek: "2026-W23", opened: hidden, transferred: shown(0), closed: shown(0), outflow: shown(0) },
    { isoWeek: "2026-W24", opened: hidden, transferred: shown(0), closed: shown(0), outflow: shown(0) },
    { isoWeek: "2026-W25", opened: shown(0), transferred: shown(0), closed: hidden, outflow: hidden },
    { isoWeek: "2026-W26", opened: shown(0), transferred: hidden, closed: shown(0), outflow: hidden },
  ]);
});
