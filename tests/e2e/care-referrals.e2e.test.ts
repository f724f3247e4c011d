// Through the gateway, referrals are answered only by the receiving partner, and care workers and school staff see and refer only their own people.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
const ADMIN: TokenClaims = { sub: "e2e-admin", org: "STAD_GENT", roles: ["ADMIN"] };
const SOCIAL_WORKER: TokenClaims = { sub: "e2e-sw", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
const CAW: TokenClaims = { sub: "e2e-caw", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };
const VDAB: TokenClaims = { sub: "e2e-vdab", org: "VDAB", roles: ["CARE_WORKER"] };

let mother: string;
let son: string;
let neighbour: string;
let cawService: string;
let referral: string;
let school: string;

/** The data of a response that must succeed (setup steps). */
function ok(res: { data?: any; errors?: unknown[] }): any {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

async function registerHousehold(members: Record<string, unknown>[]): Promise<string[]> {
  const data = await ok(
    await graph.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id givenName } } }`,
      { input: { members } },
      SOCIAL_WORKER,
    ),
  );
  const byName = new Map<string, string>(data.registerHousehold.members.map((m: any) => [m.givenName, m.id]));
  return members.map((m) => byName.get(m.givenName as string)!);
}

const CREATE = `mutation C($input: CreateReferralInput!) { createReferral(input: $input) { id status } }`;
const MOVE = `mutation T($input: TransitionReferralInput!) { transitionReferral(input: $input) { id status history { status by } } }`;

beforeAll(async () => {
  graph = await startGraph();
  [mother, son] = await registerHousehold([
    { givenName: "Nataliia", familyName: "Kovalenko", birthDate: "1986-01-15", sex: "FEMALE", languages: ["uk", "ru"] },
    { givenName: "Andrii", familyName: "Kovalenko", birthDate: "2011-06-30", sex: "MALE", languages: ["uk"] },
  ]);
  [neighbour] = await registerHousehold([
    { givenName: "Halyna", familyName: "Melnyk", birthDate: "1958-09-09", sex: "FEMALE", languages: ["uk"] },
  ]);
  cawService = (
    await ok(
      await graph.query(
        `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
        {
          input: {
            name: "Free psychosocial programme",
            organisation: "CAW_OOST_VLAANDEREN",
            type: "MENTAL_HEALTH",
            languages: ["uk", "nl"],
            contact: "078 15 03 00",
            openingHours: "Mon-Fri 9:00-17:00",
          },
        },
        ADMIN,
        null,
      ),
    )
  ).registerService.id;
  referral = (
    await ok(
      await graph.query(
        CREATE,
        { input: { personId: mother, serviceId: cawService, reason: "MENTAL_HEALTH", consent: true } },
        SOCIAL_WORKER,
      ),
    )
  ).createReferral.id;
  school = (
    await ok(
      await graph.query(
        `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
        { input: { name: "Primary school De Vlieger", nisCode: "44021", offersOkan: false, okanCapacity: 0 } },
        ADMIN,
        null,
      ),
    )
  ).registerSchool.id;
  // The hand-over first: a social worker asks the school to enrol the child.
  ok(
    await graph.query(
      `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`,
      { input: { personId: son, schoolId: school } },
      SOCIAL_WORKER,
    ),
  );
  await ok(
    await graph.query(
      `mutation E($input: EnrolInput!) { enrol(input: $input) { id } }`,
      { input: { personId: son, schoolId: school, programme: "PRIMARY", startDate: "2022-09-01" } },
      { sub: "e2e-staff", org: "STAD_GENT_ONDERWIJS", roles: ["SCHOOL_STAFF"], schools: [school] },
      "ENROLMENT",
    ),
  );
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

test("a care worker of another organisation cannot accept the referral; the receiving partner can", async () => {
  const other = await graph.query(MOVE, { input: { referralId: referral, to: "ACCEPTED" } }, VDAB, "CARE");
  expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
  const own = await graph.query(
    MOVE,
    { input: { referralId: referral, to: "ACCEPTED", note: "Intake Tuesday" } },
    CAW,
    "CARE",
  );
  expect(own.errors).toBeUndefined();
  expect(own.data.transitionReferral.history).toEqual([
    { status: "SENT", by: "e2e-sw" },
    { status: "ACCEPTED", by: "e2e-caw" },
  ]);
});

test("the receiving partner reads the referred person's name (social asks care) and referrals; another organisation cannot", async () => {
  const q = `query P($id: ID!) { person(id: $id) { givenName referrals { status service { name organisation } } } }`;
  const own = await graph.query(q, { id: mother }, CAW, "CARE");
  expect(own.errors).toBeUndefined();
  expect(own.data.person.givenName).toBe("Nataliia");
  expect(own.data.person.referrals).toEqual([
    { status: "ACCEPTED", service: { name: "Free psychosocial programme", organisation: "CAW_OOST_VLAANDEREN" } },
  ]);
  const other = await graph.query(
    `query P($id: ID!) { person(id: $id) { id referrals { id } } }`,
    { id: mother },
    VDAB,
    "CARE",
  );
  expect(errorCodes(other)).toContain("FORBIDDEN");
  const notReferred = await graph.query(q, { id: neighbour }, CAW, "CARE");
  expect(errorCodes(notReferred)).toContain("FORBIDDEN");
});

test("a query starting at a referral reaches the person's identity in social", async () => {
  const res = await graph.query(
    `query R($id: ID!) { referral(id: $id) { status service { name } person { givenName familyName } } }`,
    { id: referral },
    CAW,
    "CARE",
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.referral).toEqual({
    status: "ACCEPTED",
    service: { name: "Free psychosocial programme" },
    person: { givenName: "Nataliia", familyName: "Kovalenko" },
  });
  const other = await graph.query(`query R($id: ID!) { referral(id: $id) { status } }`, { id: referral }, VDAB, "CARE");
  expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
});

test("school staff refer a child of their school (care asks education), not someone else's", async () => {
  const staff: TokenClaims = {
    sub: "e2e-staff",
    org: "STAD_GENT_ONDERWIJS",
    roles: ["SCHOOL_STAFF"],
    schools: [school],
  };
  const pupil = await graph.query(
    CREATE,
    {
      input: {
        personId: son,
        serviceId: cawService,
        reason: "MENTAL_HEALTH",
        consent: true,
        note: "Withdrawn in class",
      },
    },
    staff,
    "ENROLMENT",
  );
  expect(pupil.errors).toBeUndefined();
  expect(pupil.data.createReferral.status).toBe("SENT");
  const stranger = await graph.query(
    CREATE,
    { input: { personId: neighbour, serviceId: cawService, reason: "MENTAL_HEALTH", consent: true } },
    staff,
    "ENROLMENT",
  );
  expect(errorCodes(stranger)).toEqual(["FORBIDDEN"]);
  const [row] = await graph.dataSources.care.query(`SELECT count(*) AS n FROM referral WHERE person_id = $1`, [
    neighbour,
  ]);
  expect(row.n).toBe(0);
});

test("the referral list for coordinators: by status and organisation, with the audit in care's own log", async () => {
  const res = await graph.query(
    `query L($f: ReferralFilter) { referrals(first: 10, filter: $f) { totalCount edges { node { id status person { id } } } } }`,
    { f: { organisation: "CAW_OOST_VLAANDEREN", status: "ACCEPTED" } },
    SOCIAL_WORKER,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.referrals.totalCount).toBe(1);
  expect(res.data.referrals.edges[0].node).toEqual({ id: referral, status: "ACCEPTED", person: { id: mother } });
  const rows = await graph.dataSources.care.query(
    `SELECT category, action, outcome FROM ${AUDIT_LINES} WHERE person_id = $1 AND subject = 'e2e-sw' AND action = 'READ'`,
    [mother],
  );
  expect(rows).toContainEqual({ category: "REFERRAL", action: "READ", outcome: "ALLOWED" });
});

test("one query crosses social, care and education for one child", async () => {
  const res = await graph.query(
    `query Child($id: ID!) { person(id: $id) { givenName referrals { status } currentEnrolment { programme school { name } } } }`,
    { id: son },
    SOCIAL_WORKER,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.person).toEqual({
    givenName: "Andrii",
    referrals: [{ status: "SENT" }],
    currentEnrolment: { programme: "PRIMARY", school: { name: "Primary school De Vlieger" } },
  });
});
