// Scenario: a reporting officer pulls the last 30 days before a funder's deadline. Partners entered what
// happened through the gateway, each in their own subgraph: two IOM reception centres (Schoonmeersen with 18
// beds, Ter Rive with 4); five households registered with the OCMW cell (18 people), four placed, six people moved
// out in the period; case files, health insurance; feedback channels and complaints, staff trainings, a
// living-conditions survey and twelve referrals; five girls assessed and enrolled at a school. One `indicators`
// query, answered by housing, care, social and education and joined by the gateway, gives every field below,
// hand-computed in the comments: counts shown, counts of 1–4 people suppressed, a complementary suppression in
// the age × sex table and one among the referral statuses, percentages with their numerator and denominator,
// results-matrix indicators against their targets. The same report read at each subgraph through `_entities`
// gives each contributor's part unchanged.
import { internalAudience, Purpose, todayInBrussels } from "@reception-graph/kit";
import { Kind, ObjectTypeDefinitionNode, parse } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HOUSING, ok, PLACE, SOCIAL, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { postGraphql } from "../support/graphql";
import { internalToken, TokenClaims } from "../support/tokens";

const ANALYST: TokenClaims = { sub: "analyst-deadline", org: "IOM", roles: ["ANALYST"] };
const ADMIN: TokenClaims = { sub: "admin-indicators", org: "STAD_GENT", roles: ["ADMIN"] };
const OCMW_ADMIN: TokenClaims = { sub: "admin-ocmw-indicators", org: "OCMW_GHENT", roles: ["OCMW_ADMIN"] };
const CAW: TokenClaims = { sub: "cw-indicators", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };

const D = todayInBrussels();
/** The day `offset` days from today (negative: before). */
const day = (offset: number) => new Date(Date.parse(D) + offset * 86_400_000).toISOString().slice(0, 10);
/** A birth date `years` old on today, ten days past the birthday. */
function aged(years: number): string {
  const [y, m, d] = D.split("-").map(Number);
  return new Date(Date.UTC(y - years, m - 1, d - 10)).toISOString().slice(0, 10);
}
const FROM = day(-29);

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const hiddenPct = { value: null, numerator: null, denominator: null, suppressed: true };

const RESULT = "code level name unit value numerator denominator suppressed baseline target met";
const HOUSING_FIELDS = `centresOperational { ${RESULT} } placesTotal placesOccupied { value suppressed }
  occupancyRate { value numerator denominator suppressed } moveOuts { value suppressed }
  averageStayDays { value basis suppressed }`;
const CARE_FIELDS = `livingConditionsImprovedPct { ${RESULT} } staffTrainedPsea { ${RESULT} }
  staffTrainedMhpss { ${RESULT} } feedbackChannelsPerCentre { ${RESULT} } feedbackReceived { value suppressed }
  feedbackClosed { value suppressed } medianFeedbackResponseDays { value basis suppressed }
  referralsByStatus { status count { value suppressed } } overdueReferrals { value suppressed }`;
const SOCIAL_FIELDS = `personsServed { value suppressed } personsByAgeAndSex { ageBand sex count { value suppressed } }
  householdsByComposition { composition count { value suppressed } } openCaseFiles { value suppressed }
  caseFilesOpened { value suppressed } caseFilesClosed { value suppressed } maxCaseload averageCaseload
  healthInsuredPct { value numerator denominator suppressed }`;
const EDUCATION_FIELDS = `childrenAssessed { value suppressed } schoolAgeChildren { value suppressed }
  childrenEnrolledPct { value numerator denominator suppressed } medianDaysToEnrolment { value basis suppressed }
  okanWaitingList { value suppressed }`;
const REPORT = `query Report($from: Date!, $to: Date!, $siteId: ID) { indicators(from: $from, to: $to, siteId: $siteId) {
  from to siteId ${HOUSING_FIELDS} ${CARE_FIELDS} ${SOCIAL_FIELDS} ${EDUCATION_FIELDS} } }`;

let graph: RunningGraph;
let siteA: string;
let siteB: string;

type Member = { givenName: string; sex: "FEMALE" | "MALE"; age: number };

async function household(family: string, members: Member[]): Promise<{ id: string; memberIds: string[] }> {
  const h = ok(
    await graph.query(
      `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      {
        input: {
          registeredOn: day(-90),
          members: members.map((m) => ({
            givenName: m.givenName,
            familyName: family,
            birthDate: aged(m.age),
            sex: m.sex,
          })),
        },
      },
      SOCIAL,
      "CASE_MANAGEMENT",
    ),
  ).registerHousehold;
  return { id: h.id, memberIds: members.map((m) => h.members.find((x: any) => x.givenName === m.givenName).id) };
}

async function placeAt(householdId: string, siteId: string, moveInDate: string): Promise<string[]> {
  const placements = ok(
    await graph.query(PLACE, { input: { householdId, siteId, moveInDate } }, HOUSING, "PLACEMENT"),
  ).placeHousehold;
  return placements.map((p: { id: string }) => p.id);
}

/** Each mutation's input type, read from the committed supergraph (recordLivingConditionsSurvey takes LivingConditionsSurveyInput). */
const INPUT_TYPES = new Map(
  parse(readFileSync(join(__dirname, "../../schema/supergraph.graphql"), "utf8"))
    .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .filter((d) => d.name.value === "Mutation")
    .flatMap((d) => d.fields ?? [])
    .flatMap((f) => {
      const input = f.arguments?.find((a) => a.name.value === "input")?.type;
      return input?.kind === Kind.NON_NULL_TYPE && input.type.kind === Kind.NAMED_TYPE
        ? [[f.name.value, input.type.name.value] as const]
        : [];
    }),
);

async function mutate(name: string, input: Record<string, unknown>, as: TokenClaims, purpose: Purpose | null) {
  const type = INPUT_TYPES.get(name);
  return ok(
    await graph.query(`mutation M($input: ${type}!) { ${name}(input: $input) { id } }`, { input }, as, purpose),
  )[name].id as string;
}

const woman = (givenName: string, age: number): Member => ({ givenName, sex: "FEMALE", age });
const man = (givenName: string, age: number): Member => ({ givenName, sex: "MALE", age });

beforeAll(async () => {
  graph = await startGraph();
  // Housing: two IOM reception centres, validated since 2022: 3 × 6 = 18 beds and 4 beds.
  siteA = await validatedSite(graph, "Schoonmeersen", [6, 6, 6]);
  siteB = await validatedSite(graph, "Ter Rive", [4]);

  // Social: five households registered 90 days ago (ages today).
  const bondarenko = await household("Bondarenko", [
    woman("Olena", 30),
    woman("Iryna", 32),
    woman("Oksana", 34),
    woman("Sofiia", 7),
    woman("Anna", 8),
    woman("Daryna", 9),
  ]);
  const shevchenko = await household("Shevchenko", [
    woman("Tetiana", 40),
    woman("Nataliia", 42),
    woman("Mariia", 6),
    woman("Zlata", 10),
    man("Andrii", 45),
  ]);
  const kovalenko = await household("Kovalenko", [
    man("Taras", 25),
    man("Petro", 27),
    man("Oleh", 29),
    man("Serhii", 31),
  ]);
  const melnyk = await household("Melnyk", [woman("Halyna", 50), man("Mykola", 70)]);
  const lysenko = await household("Lysenko", [woman("Liudmyla", 36)]);

  // Placements: Bondarenko and Shevchenko at A (60 and 45 days ago), Kovalenko at A (40 days ago, out 10 days
  // ago: 30 days each), Melnyk at B (50 days ago, out 5 days ago: 45 days each). Lysenko is not placed.
  await placeAt(bondarenko.id, siteA, day(-60));
  await placeAt(shevchenko.id, siteA, day(-45));
  const out = [
    ...(await placeAt(kovalenko.id, siteA, day(-40))).map((id) => [id, day(-10)]),
    ...(await placeAt(melnyk.id, siteB, day(-50))).map((id) => [id, day(-5)]),
  ];
  for (const [placementId, date] of out) {
    ok(
      await graph.query(
        `mutation O($input: MoveOutInput!) { moveOut(input: $input) { id } }`,
        { input: { placementId, date, reason: "moved to social housing" } },
        HOUSING,
        "PLACEMENT",
      ),
    );
  }

  // Social: case files opened 20 days ago, Xenia for Bondarenko, Shevchenko and Kovalenko, Yurii for Melnyk
  // and Lysenko; Kovalenko's closed 8 days ago. Health insurance for Bondarenko's six and four of Shevchenko's.
  const worker = (givenName: string) =>
    mutate(
      "registerStaffMember",
      { givenName, familyName: "Worker", role: "SOCIAL_WORKER", diplomas: ["SOCIAL_WORK"] },
      OCMW_ADMIN,
      "CASE_MANAGEMENT",
    );
  const xenia = await worker("Xenia");
  const yurii = await worker("Yurii");
  const files: string[] = [];
  for (const [h, w] of [
    [bondarenko.id, xenia],
    [shevchenko.id, xenia],
    [kovalenko.id, xenia],
    [melnyk.id, yurii],
    [lysenko.id, yurii],
  ]) {
    files.push(
      await mutate(
        "openCaseFile",
        { householdId: h, source: "IOM_CENTRE", openedOn: day(-20), socialWorkerId: w },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    );
  }
  await mutate(
    "closeCaseFile",
    { caseFileId: files[2], reason: "MOVED_AWAY", date: day(-8) },
    SOCIAL,
    "CASE_MANAGEMENT",
  );
  for (const personId of [...bondarenko.memberIds, ...shevchenko.memberIds.slice(0, 4)]) {
    await mutate(
      "registerHealthInsurance",
      { personId, fund: "CM", status: "REGISTERED", date: day(-30) },
      SOCIAL,
      "CASE_MANAGEMENT",
    );
  }

  // Care: feedback channels (A: a box and a phone line, B: a box); six complaints at A.
  const coordA = siteCoordinator(siteA);
  const box = await mutate("registerFeedbackChannel", { siteId: siteA, kind: "BOX" }, coordA, "CASE_MANAGEMENT");
  await mutate("registerFeedbackChannel", { siteId: siteA, kind: "PHONE" }, coordA, "CASE_MANAGEMENT");
  await mutate("registerFeedbackChannel", { siteId: siteB, kind: "BOX" }, siteCoordinator(siteB), "CASE_MANAGEMENT");
  for (const [received, answered] of [
    [-25, -23],
    [-20, -19],
    [-15, -11],
    [-12, -6],
    [-8, -5],
    [-3, null],
  ] as const) {
    const feedbackId = await mutate(
      "submitFeedback",
      {
        siteId: siteA,
        channelId: box,
        category: "COMPLAINT",
        text: "The heating",
        language: "uk",
        anonymous: true,
        receivedOn: day(received),
      },
      coordA,
      "CARE",
    );
    if (answered !== null)
      await mutate(
        "respondToFeedback",
        { feedbackId, response: "Repaired", respondedOn: day(answered) },
        coordA,
        "CARE",
      );
  }
  // Trainings: two staff in PSEA, five in MHPSS / psychological first aid.
  for (const [staffName, topic] of [
    ["Marta Koval", "PSEA"],
    ["Ivan Hrytsenko", "PSEA"],
    ["Petro Lysak", "MHPSS_PFA"],
    ["Maria Tkachenko", "MHPSS_PFA"],
    ["Oksana Boyko", "MHPSS_PFA"],
    ["Yevhen Savchuk", "MHPSS_PFA"],
    ["Inna Moroz", "MHPSS_PFA"],
  ]) {
    await mutate(
      "recordTraining",
      { staffName, organisation: "IOM", topic, trainedOn: day(-12), siteId: siteA },
      HOUSING,
      "CASE_MANAGEMENT",
    );
  }
  // Survey at A: Bondarenko's six say improved, Shevchenko's five not.
  for (const [i, personId] of [...bondarenko.memberIds, ...shevchenko.memberIds].entries()) {
    await mutate(
      "recordLivingConditionsSurvey",
      { personId, siteId: siteA, answeredOn: day(-7), answer: i < 6 ? "IMPROVED" : "NOT_IMPROVED" },
      coordA,
      "CASE_MANAGEMENT",
    );
  }
  // Referrals, all sent today: Bondarenko's six accepted, Shevchenko's five still sent, Mykola's declined.
  const service = await mutate(
    "registerService",
    {
      name: "Psychosocial programme",
      organisation: CAW.org,
      type: "MENTAL_HEALTH",
      languages: ["uk", "nl"],
      contact: "078 15 03 00",
      openingHours: "Mon-Fri 9:00-17:00",
    },
    ADMIN,
    null,
  );
  const refer = (personId: string) =>
    mutate(
      "createReferral",
      { personId, serviceId: service, reason: "MENTAL_HEALTH", consent: true, send: true },
      SOCIAL,
      "CASE_MANAGEMENT",
    );
  const transition = (referralId: string, to: string) => mutate("transitionReferral", { referralId, to }, CAW, "CARE");
  for (const personId of bondarenko.memberIds) await transition(await refer(personId), "ACCEPTED");
  for (const personId of shevchenko.memberIds) await refer(personId);
  await transition(await refer(melnyk.memberIds[1]), "DECLINED");

  // Education: the five girls of 6–10 assessed 16 days ago and enrolled (Bondarenko's from 15 days ago,
  // Shevchenko's from 14 days ago).
  const school = await mutate(
    "registerSchool",
    { name: "Basisschool De Vlieger", nisCode: "44021", offersOkan: false, okanCapacity: 0 },
    ADMIN,
    null,
  );
  const staff: TokenClaims = { sub: "staff-vlieger", org: "SCHOOL", roles: ["SCHOOL_STAFF"], schools: [school] };
  for (const [personId, start] of [
    ...bondarenko.memberIds.slice(3).map((id) => [id, day(-15)]),
    ...shevchenko.memberIds.slice(2, 4).map((id) => [id, day(-14)]),
  ]) {
    await mutate("requestEnrolment", { personId, schoolId: school }, SOCIAL, "CASE_MANAGEMENT");
    await mutate(
      "recordEducationAssessment",
      { personId, schoolId: school, priorSchoolingYears: 2, languages: ["uk"], date: day(-16) },
      staff,
      "ENROLMENT",
    );
    await mutate("enrol", { personId, schoolId: school, programme: "PRIMARY", startDate: start }, staff, "ENROLMENT");
  }
}, 300_000);
afterAll(async () => {
  await graph?.stop();
});

/** The whole report for the last 30 days, all sites, as hand-computed from the scenario above. */
function expectedReport() {
  const ageSex = (ageBand: string | null, sex: string) => {
    // Served today (registered 90 days ago): women 18–59: Olena, Iryna, Oksana, Tetiana, Nataliia, Halyna,
    // Liudmyla = 7; men 18–59: Andrii and Kovalenko's four = 5; girls 5–11: 5; men 60+: Mykola = 1 (suppressed).
    // One hidden cell would come back as 18 − 7 − 5 − 5, so the smallest other non-zero cell is hidden with it:
    // girls 5–11 (5, before men 18–59 in the table's order).
    if (ageBand === "AGE_18_59" && sex === "FEMALE") return shown(7);
    if (ageBand === "AGE_18_59" && sex === "MALE") return shown(5);
    if (ageBand === "AGE_5_11" && sex === "FEMALE") return hidden;
    if (ageBand === "AGE_60_PLUS" && sex === "MALE") return hidden;
    return shown(0);
  };
  const bands = ["AGE_0_4", "AGE_5_11", "AGE_12_17", "AGE_18_59", "AGE_60_PLUS", null];
  const sexes = ["FEMALE", "MALE", "OTHER", "UNKNOWN"];
  return {
    from: FROM,
    to: D,
    siteId: null,
    // Housing. Centres: both reception centres validated: 2 of target 2.
    centresOperational: {
      code: "OUTPUT_1_1",
      level: "Output 1.1",
      name: "# centres providing housing assistance to refugees from Ukraine",
      unit: "COUNT",
      value: 2,
      numerator: null,
      denominator: null,
      suppressed: false,
      baseline: 0,
      target: 2,
      met: true,
    },
    // Beds 18 + 4 = 22; tonight Bondarenko 6 + Shevchenko 5 = 11 people: 11 / 22 = 50%.
    placesTotal: 22,
    placesOccupied: shown(11),
    occupancyRate: { value: 50, numerator: 11, denominator: 22, suppressed: false },
    // Moved out in the period: Kovalenko's 4 after 30 days, Melnyk's 2 after 45: 6; (4 × 30 + 2 × 45) / 6 = 35.
    moveOuts: shown(6),
    averageStayDays: { value: 35, basis: 6, suppressed: false },
    // Care. Survey: 6 improved of 11 answers = 54.5%, target 90 not met.
    livingConditionsImprovedPct: {
      code: "OUTCOME_1",
      level: "Outcome 1",
      name: "% of refugees receiving housing assistance who report improved living conditions",
      unit: "PERCENT",
      value: 54.5,
      numerator: 6,
      denominator: 11,
      suppressed: false,
      baseline: 0,
      target: 90,
      met: false,
    },
    // Staff: 2 trained in PSEA (target 2, met), 5 in MHPSS/PFA (target 6, not met); staff are never suppressed.
    staffTrainedPsea: {
      code: "OUTPUT_1_2_PSEA",
      level: "Output 1.2",
      name: "# staff trained in PSEA",
      unit: "COUNT",
      value: 2,
      numerator: null,
      denominator: null,
      suppressed: false,
      baseline: 0,
      target: 2,
      met: true,
    },
    staffTrainedMhpss: {
      code: "OUTPUT_1_2_MHPSS",
      level: "Output 1.2",
      name: "# staff trained in MHPSS / psychological first aid",
      unit: "COUNT",
      value: 5,
      numerator: null,
      denominator: null,
      suppressed: false,
      baseline: 0,
      target: 6,
      met: false,
    },
    // Channels: A has 2, B has 1; the fewest in any centre is 1; both centres have one: target 1 per centre met.
    feedbackChannelsPerCentre: {
      code: "OUTPUT_1_2_CFM",
      level: "Output 1.2",
      name: "# complaint and feedback systems in each centre",
      unit: "PER_CENTRE",
      value: 1,
      numerator: 2,
      denominator: 2,
      suppressed: false,
      baseline: 0,
      target: 1,
      met: true,
    },
    // Six complaints received in the period, five answered, after 2, 1, 4, 6 and 3 days: median 3.
    feedbackReceived: shown(6),
    feedbackClosed: shown(5),
    medianFeedbackResponseDays: { value: 3, basis: 5, suppressed: false },
    // Twelve referrals made: ACCEPTED 6, SENT 5, DECLINED 1 (suppressed); 12 − 6 − 5 would give it back, so the
    // smallest other non-zero cell, SENT 5, is hidden too. No due dates: none overdue.
    referralsByStatus: [
      { status: "DRAFT", count: shown(0) },
      { status: "SENT", count: hidden },
      { status: "ACCEPTED", count: shown(6) },
      { status: "DECLINED", count: hidden },
      { status: "IN_PROGRESS", count: shown(0) },
      { status: "COMPLETED", count: shown(0) },
      { status: "CANCELLED", count: shown(0) },
    ],
    overdueReferrals: shown(0),
    // Social: 6 + 5 + 4 + 2 + 1 = 18 persons served.
    personsServed: shown(18),
    personsByAgeAndSex: bands.flatMap((ageBand) => sexes.map((sex) => ({ ageBand, sex, count: ageSex(ageBand, sex) }))),
    // Bondarenko and Shevchenko: adults with children (2); Kovalenko, Melnyk: adults only (2); Lysenko: a single
    // woman (1). Three small cells: each hidden; the empty ones are shown as 0.
    householdsByComposition: [
      { composition: "SINGLE_WOMAN", count: hidden },
      { composition: "SINGLE_MAN", count: shown(0) },
      { composition: "SINGLE_ADULT_OTHER", count: shown(0) },
      { composition: "ADULTS_WITH_CHILDREN", count: hidden },
      { composition: "ADULTS_ONLY", count: hidden },
      { composition: "MINORS_ONLY", count: shown(0) },
    ],
    // Five case files opened, Kovalenko's closed: 4 open tonight (suppressed), 1 closed (suppressed). Caseloads
    // are staff workload: Xenia 2 (Bondarenko, Shevchenko), Yurii 2 (Melnyk, Lysenko): max 2, mean 2.
    openCaseFiles: hidden,
    caseFilesOpened: shown(5),
    caseFilesClosed: hidden,
    maxCaseload: 2,
    averageCaseload: 2,
    // Insured: Bondarenko's 6 + 4 of Shevchenko's = 10 of 18 = 55.6%.
    healthInsuredPct: { value: 55.6, numerator: 10, denominator: 18, suppressed: false },
    // Education: the five girls of 6–10 are the school-age children served, all assessed and all with a place:
    // 5 / 5 = 100%. Days to school from moving in: Bondarenko's 60 − 15 = 45 (three girls), Shevchenko's
    // 45 − 14 = 31 (two): 31 31 45 45 45, median 45. No OKAN waiting list.
    childrenAssessed: shown(5),
    schoolAgeChildren: shown(5),
    childrenEnrolledPct: { value: 100, numerator: 5, denominator: 5, suppressed: false },
    medianDaysToEnrolment: { value: 45, basis: 5, suppressed: false },
    okanWaitingList: shown(0),
  };
}

test("one query, four contributors: every indicator of the last 30 days, hand-computed", async () => {
  const res = await graph.query(REPORT, { from: FROM, to: D, siteId: null }, ANALYST, "REPORTING");
  expect(res.errors).toBeUndefined();
  expect(res.data.indicators).toEqual(expectedReport());
});

test("each subgraph's part of the report, asked with `_entities` as the gateway does, is the same", async () => {
  const expected = expectedReport() as Record<string, unknown>;
  const parts = { housing: HOUSING_FIELDS, care: CARE_FIELDS, social: SOCIAL_FIELDS, education: EDUCATION_FIELDS };
  const caller = {
    sub: ANALYST.sub!,
    org: ANALYST.org!,
    roles: ANALYST.roles,
    sites: [],
    schools: [],
    organisations: [],
  };
  for (const [name, fields] of Object.entries(parts)) {
    const token = await internalToken(ANALYST, "REPORTING", internalAudience(name as never, caller));
    const res = await postGraphql(
      graph.subgraphUrls[name],
      `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on IndicatorReport { ${fields} } } }`,
      { reps: [{ __typename: "IndicatorReport", from: FROM, to: D, siteId: null }] },
      { authorization: `Bearer ${token}` },
    );
    expect(res.errors).toBeUndefined();
    const part = res.data._entities[0] as Record<string, unknown>;
    expect(Object.keys(part).length).toBeGreaterThanOrEqual(5);
    for (const [field, value] of Object.entries(part))
      expect([name, field, value]).toEqual([name, field, expected[field]]);
  }
});

test("narrowed to Ter Rive: Melnyk's two residents are counted, and every count of them is suppressed", async () => {
  const res = await graph.query(REPORT, { from: FROM, to: D, siteId: siteB }, ANALYST, "REPORTING");
  expect(res.errors).toBeUndefined();
  const r = res.data.indicators;
  // One centre (target 2: not met); 4 beds, nobody tonight: 0 shown, a rate of 0%.
  expect(r.centresOperational).toMatchObject({ value: 1, met: false });
  expect([r.placesTotal, r.placesOccupied, r.occupancyRate]).toEqual([
    4,
    shown(0),
    { value: 0, numerator: 0, denominator: 4, suppressed: false },
  ]);
  // Two moved out after 45 days: both counts and the average over them are suppressed.
  expect([r.moveOuts, r.averageStayDays]).toEqual([hidden, { value: null, basis: null, suppressed: true }]);
  // The period's residents: Halyna and Mykola. Two served, one case file, Mykola's declined referral.
  expect(r.personsServed).toEqual(hidden);
  expect(r.healthInsuredPct).toEqual(hiddenPct);
  expect(r.referralsByStatus.find((c: { status: string }) => c.status === "DECLINED").count).toEqual(hidden);
  // Social does not count among fewer than 5 people (not even a 0): whether either is a child is not told.
  expect(r.schoolAgeChildren).toEqual(hidden);
  expect(r.childrenEnrolledPct).toEqual(hiddenPct);
  // The channel at B: 1 for its one centre.
  expect(r.feedbackChannelsPerCentre).toMatchObject({ value: 1, numerator: 1, denominator: 1, met: true });
});
