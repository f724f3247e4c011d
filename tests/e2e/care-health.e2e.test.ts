// Scenario: through the gateway, a CAW care worker (whose organisation accepted a mother's referral) records health
// contacts (a medical intake with an onward referral), an MHPSS plan and legal sessions; social learns only that the
// intake was done and when; a social worker and a care worker of another organisation are refused the health data,
// nothing is written for them, and each refusal is in care's audit log.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { ok, registerHousehold, SOCIAL, validatedSite } from "../support/fixtures";
import { TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
const ADMIN: TokenClaims = { sub: "e2e-admin", org: "STAD_GENT", roles: ["ADMIN"] };
const CAW: TokenClaims = { sub: "e2e-nurse", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };
const VDAB: TokenClaims = { sub: "e2e-vdab", org: "VDAB", roles: ["CARE_WORKER"] };
/** Text that must never leave care: searched for in every table of social. */
const SECRET = "Hypertension suspected, follow up";

let site: string;
let mother: string;
let son: string;
let gpService: string;

const RECORD = `mutation C($input: RecordCareContactInput!) {
  recordCareContact(input: $input) { id kind date outcome organisation recordedBy onwardReferral { status service { name } } }
}`;
const CONTACTS = `query P($id: ID!) { person(id: $id) { careContacts { kind outcome organisation } } }`;
const PLAN = `query P($id: ID!) { person(id: $id) { supportPlan { goals status sessions { date kind attended } history { status goals sessionsAdded by } } } }`;
const UPDATE_PLAN = `mutation U($input: UpdateSupportPlanInput!) { updateSupportPlan(input: $input) { status goals organisation } }`;

async function registerService(name: string, organisation: string, type: string): Promise<string> {
  return ok(
    await graph.query(
      `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
      { input: { name, organisation, type, languages: ["uk"], contact: "09 000 00 00", openingHours: "Mon 9-12" } },
      ADMIN,
      null,
    ),
  ).registerService.id;
}

async function count(table: string, personId: string): Promise<number> {
  const [row] = await graph.dataSources.care.query(`SELECT count(*)::int AS n FROM ${table} WHERE person_id = $1`, [
    personId,
  ]);
  return row.n;
}

async function refusals(subject: string, field: string): Promise<{ person_id: string | null }[]> {
  return graph.dataSources.care.query(
    `SELECT person_id FROM ${AUDIT_LINES} WHERE subject = $1 AND outcome = 'REFUSED' AND $2 = ANY(fields)`,
    [subject, field],
  );
}

beforeAll(async () => {
  graph = await startGraph();
  site = await validatedSite(graph, "Schoonmeersen", [2]);
  ({
    memberIds: [mother, son],
  } = await registerHousehold(graph, 2, "Shevchenko"));
  const caw = await registerService("Nurse at the centre", "CAW_OOST_VLAANDEREN", "HEALTH");
  gpService = await registerService("General practice Zuid", "HUISARTS_ZUID", "HEALTH");
  for (const personId of [mother, son]) {
    const referral = ok(
      await graph.query(
        `mutation R($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
        { input: { personId, serviceId: caw, reason: "HEALTH", consent: true } },
        SOCIAL,
      ),
    ).createReferral.id;
    // The son's referral stays SENT: CAW may write for him but has not taken him on.
    if (personId === mother) {
      ok(
        await graph.query(
          `mutation T($input: TransitionReferralInput!) { transitionReferral(input: $input) { status } }`,
          { input: { referralId: referral, to: "ACCEPTED" } },
          CAW,
          "CARE",
        ),
      );
    }
  }
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

test("a medical intake is kept in care with its onward referral; social shows it done and holds no outcome text", async () => {
  const res = await graph.query(
    RECORD,
    {
      input: {
        personId: mother,
        siteId: site,
        date: "2022-05-03",
        kind: "MEDICAL_INTAKE",
        outcome: SECRET,
        referral: { serviceId: gpService, reason: "HEALTH", consent: true, note: "Appointment in two weeks" },
      },
    },
    CAW,
    "CARE",
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.recordCareContact).toMatchObject({
    kind: "MEDICAL_INTAKE",
    date: "2022-05-03",
    outcome: SECRET,
    organisation: "CAW_OOST_VLAANDEREN",
    recordedBy: "e2e-nurse",
    onwardReferral: { status: "SENT", service: { name: "General practice Zuid" } },
  });

  const social = await graph.query(
    `query P($id: ID!) { person(id: $id) { medicalIntake { done date } } }`,
    { id: mother },
    SOCIAL,
  );
  expect(social.errors).toBeUndefined();
  expect(social.data.person.medicalIntake).toEqual({ done: true, date: "2022-05-03" });

  // Every text-like column of every table in social's database: the outcome must be in none.
  const columns: { table_name: string; column_name: string }[] = await graph.dataSources.social.query(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  expect(columns.length).toBeGreaterThan(10);
  const hits: string[] = [];
  for (const c of columns) {
    const [row] = await graph.dataSources.social.query(
      `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text ILIKE $1`,
      ["%Hypertension%"],
    );
    if (row.n > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  expect(hits).toEqual([]);
  const [intake] = await graph.dataSources.social.query(`SELECT * FROM medical_intake WHERE person_id = $1`, [mother]);
  expect(Object.keys(intake).sort()).toEqual(["done_on", "person_id", "recorded_at", "recorded_by"]);
});

test("the recording organisation reads the contacts back, audited per person in care", async () => {
  const res = await graph.query(CONTACTS, { id: mother }, CAW, "CARE");
  expect(res.errors).toBeUndefined();
  expect(res.data.person.careContacts).toEqual([
    { kind: "MEDICAL_INTAKE", outcome: SECRET, organisation: "CAW_OOST_VLAANDEREN" },
  ]);
  const rows = await graph.dataSources.care.query(
    `SELECT outcome FROM ${AUDIT_LINES} WHERE subject = 'e2e-nurse' AND person_id = $1 AND category = 'HEALTH'
       AND action = 'READ' AND 'Person.careContacts' = ANY(fields)`,
    [mother],
  );
  expect(rows).toEqual([{ outcome: "ALLOWED" }]);
});

test("a social worker is refused health contacts and the MHPSS plan; the refusals are in care's audit log", async () => {
  for (const [query, field] of [
    [CONTACTS, "Person.careContacts"],
    [PLAN, "Person.supportPlan"],
  ] as const) {
    const res = await graph.query(query, { id: mother }, SOCIAL, "CARE");
    expect(errorCodes(res)).toContain("FORBIDDEN");
    expect(JSON.stringify(res.data ?? null)).not.toContain("Hypertension");
    expect((await refusals(SOCIAL.sub!, field)).length).toBe(1);
  }
  const write = await graph.query(
    RECORD,
    { input: { personId: mother, siteId: site, date: "2022-05-04", kind: "CHECK_UP", outcome: "Fine" } },
    SOCIAL,
    "CARE",
  );
  expect(errorCodes(write)).toEqual(["FORBIDDEN"]);
  expect(await count("care_contact", mother)).toBe(1);
});

test("a care worker of another organisation is refused reading and writing; nothing is written", async () => {
  const read = await graph.query(CONTACTS, { id: mother }, VDAB, "CARE");
  expect(errorCodes(read)).toContain("FORBIDDEN");
  const write = await graph.query(
    RECORD,
    { input: { personId: mother, siteId: site, date: "2022-05-04", kind: "FIRST_AID", outcome: "Plaster" } },
    VDAB,
    "CARE",
  );
  expect(errorCodes(write)).toEqual(["FORBIDDEN"]);
  expect(await count("care_contact", mother)).toBe(1);
  const plan = await graph.query(UPDATE_PLAN, { input: { personId: mother, goals: ["Sleep better"] } }, VDAB, "CARE");
  expect(errorCodes(plan)).toEqual(["FORBIDDEN"]);
  expect(await count("support_plan", mother)).toBe(0);
  const rows = await graph.dataSources.care.query(
    `SELECT DISTINCT person_id, category FROM ${AUDIT_LINES} WHERE subject = 'e2e-vdab' AND outcome = 'REFUSED'`,
  );
  expect(rows).toEqual([{ person_id: mother, category: "HEALTH" }]);
});

test("a contact about a person only referred (not yet taken on) is readable by its recorder only", async () => {
  const res = await graph.query(
    RECORD,
    { input: { personId: son, siteId: site, date: "2022-05-04", kind: "VACCINATION", outcome: "Measles booster" } },
    CAW,
    "CARE",
  );
  expect(res.errors).toBeUndefined();
  const read = await graph.query(CONTACTS, { id: son }, CAW, "CARE");
  expect(read.errors).toBeUndefined();
  expect(read.data.person.careContacts).toEqual([
    { kind: "VACCINATION", outcome: "Measles booster", organisation: "CAW_OOST_VLAANDEREN" },
  ]);
  // No plan and no taken-on referral for the son: the plan is not readable.
  const plan = await graph.query(PLAN, { id: son }, CAW, "CARE");
  expect(errorCodes(plan)).toContain("FORBIDDEN");
});

test("bad input is refused naming the field: a future date, an unknown site", async () => {
  const future = await graph.query(
    RECORD,
    { input: { personId: mother, siteId: site, date: "2999-01-01", kind: "CHECK_UP", outcome: "Fine" } },
    CAW,
    "CARE",
  );
  expect(errorCodes(future)).toEqual(["BAD_USER_INPUT"]);
  expect(future.errors![0].message).toContain("2999-01-01");
  const unknownSite = await graph.query(
    RECORD,
    {
      input: {
        personId: mother,
        siteId: "00000000-0000-4000-8000-000000000000",
        date: "2022-05-04",
        kind: "CHECK_UP",
        outcome: "Fine",
      },
    },
    CAW,
    "CARE",
  );
  expect(errorCodes(unknownSite)).toEqual(["BAD_USER_INPUT"]);
  expect(await count("care_contact", mother)).toBe(1);
});

test("an MHPSS plan: created, changed with sessions, every change kept; CLOSED is final", async () => {
  const created = await graph.query(
    UPDATE_PLAN,
    { input: { personId: mother, goals: ["Sleep better", "Join a women's group"] } },
    CAW,
    "CARE",
  );
  expect(created.errors).toBeUndefined();
  expect(created.data.updateSupportPlan).toEqual({
    status: "ACTIVE",
    goals: ["Sleep better", "Join a women's group"],
    organisation: "CAW_OOST_VLAANDEREN",
  });
  const changed = await graph.query(
    UPDATE_PLAN,
    {
      input: {
        personId: mother,
        status: "CLOSED",
        sessions: [
          { date: "2022-05-10", kind: "INDIVIDUAL", attended: true },
          { date: "2022-05-17", kind: "GROUP", attended: false },
        ],
      },
    },
    CAW,
    "CARE",
  );
  expect(changed.errors).toBeUndefined();
  const read = await graph.query(PLAN, { id: mother }, CAW, "CARE");
  expect(read.errors).toBeUndefined();
  expect(read.data.person.supportPlan).toEqual({
    goals: ["Sleep better", "Join a women's group"],
    status: "CLOSED",
    sessions: [
      { date: "2022-05-10", kind: "INDIVIDUAL", attended: true },
      { date: "2022-05-17", kind: "GROUP", attended: false },
    ],
    history: [
      { status: "ACTIVE", goals: ["Sleep better", "Join a women's group"], sessionsAdded: 0, by: "e2e-nurse" },
      { status: "CLOSED", goals: ["Sleep better", "Join a women's group"], sessionsAdded: 2, by: "e2e-nurse" },
    ],
  });
  const again = await graph.query(UPDATE_PLAN, { input: { personId: mother, status: "ACTIVE" } }, CAW, "CARE");
  expect(errorCodes(again)).toEqual(["CONFLICT"]);
});

test("legal sessions: an individual one read back by the lawyer's organisation; a group one counted, small counts suppressed", async () => {
  const individual = await graph.query(
    `mutation L($input: RecordLegalSessionInput!) { recordLegalSession(input: $input) { topic date organisation } }`,
    {
      input: { personId: mother, topic: "TEMPORARY_PROTECTION", date: "2022-05-05", outcome: "Card renewal explained" },
    },
    CAW,
    "CARE",
  );
  expect(individual.errors).toBeUndefined();
  const read = await graph.query(
    `query P($id: ID!) { person(id: $id) { legalSessions { topic outcome } } }`,
    { id: mother },
    CAW,
    "CARE",
  );
  expect(read.errors).toBeUndefined();
  expect(read.data.person.legalSessions).toEqual([
    { topic: "TEMPORARY_PROTECTION", outcome: "Card renewal explained" },
  ]);
  const other = await graph.query(
    `query P($id: ID!) { person(id: $id) { legalSessions { topic } } }`,
    { id: mother },
    VDAB,
    "CARE",
  );
  expect(errorCodes(other)).toContain("FORBIDDEN");

  const group = await graph.query(
    `mutation G($input: RecordGroupLegalSessionInput!) { recordGroupLegalSession(input: $input) { id topic } }`,
    {
      input: {
        siteId: site,
        topic: "EMPLOYMENT",
        date: "2022-05-12",
        attendees: [
          { ageBand: "AGE_18_59", sex: "FEMALE", count: 9 },
          { ageBand: "AGE_18_59", sex: "MALE", count: 6 },
          { ageBand: "AGE_60_PLUS", sex: "FEMALE", count: 2 },
          { ageBand: "AGE_12_17", sex: "MALE", count: 0 },
        ],
      },
    },
    CAW,
    "CARE",
  );
  expect(group.errors).toBeUndefined();
  const list = await graph.query(
    `query G($f: GroupLegalSessionFilter) { groupLegalSessions(first: 10, filter: $f) {
       totalCount edges { node { topic date totalAttendees attendees { ageBand sex count suppressed } } } } }`,
    { f: { siteId: site } },
    { sub: "e2e-analyst", org: "IOM", roles: ["ANALYST"] },
    "REPORTING",
  );
  expect(list.errors).toBeUndefined();
  expect(list.data.groupLegalSessions.totalCount).toBe(1);
  // 2 is below 5; then the smallest shown cell (6) goes too, or 17 − 9 − 6 would give the 2 away.
  expect(list.data.groupLegalSessions.edges[0].node).toEqual({
    topic: "EMPLOYMENT",
    date: "2022-05-12",
    totalAttendees: 17,
    attendees: [
      { ageBand: "AGE_18_59", sex: "FEMALE", count: 9, suppressed: false },
      { ageBand: "AGE_18_59", sex: "MALE", count: null, suppressed: true },
      { ageBand: "AGE_60_PLUS", sex: "FEMALE", count: null, suppressed: true },
    ],
  });
  const empty = await graph.query(
    `mutation G($input: RecordGroupLegalSessionInput!) { recordGroupLegalSession(input: $input) { id } }`,
    {
      input: {
        siteId: site,
        topic: "OTHER",
        date: "2022-05-12",
        attendees: [{ ageBand: "AGE_0_4", sex: "MALE", count: 0 }],
      },
    },
    CAW,
    "CARE",
  );
  expect(errorCodes(empty)).toEqual(["BAD_USER_INPUT"]);
});
