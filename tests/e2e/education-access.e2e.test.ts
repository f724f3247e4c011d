// Through the gateway, school staff read the identity and education of children at their own school only, and site coordinators' scope comes from housing.
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, postGraphql } from "../support/graphql";
import { internalToken, TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
const ADMIN: TokenClaims = { sub: "e2e-admin", org: "STAD_GENT", roles: ["ADMIN"] };
const SOCIAL_WORKER: TokenClaims = { sub: "e2e-sw", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
const staffOf = (school: string): TokenClaims => ({
  sub: `e2e-staff-${school.slice(0, 8)}`,
  org: "STAD_GENT_ONDERWIJS",
  roles: ["SCHOOL_STAFF"],
  schools: [school],
});

const REQUEST = `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id status } }`;
const ENROL = `mutation E($input: EnrolInput!) { enrol(input: $input) { id status } }`;
const CITY_EDUCATION_SERVICE: TokenClaims = { sub: "e2e-city-edu", org: "CITY_EDUCATION", roles: ["SCHOOL_STAFF"] };

let schoolA: string;
let mother: string;
let schoolB: string;
let childAtA: string;
let childAtB: string;

/** The data of a response that must succeed (setup steps). */
function ok(res: { data?: any; errors?: unknown[] }): any {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

beforeAll(async () => {
  graph = await startGraph();
  const reg = await ok(
    await graph.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id givenName } } }`,
      {
        input: {
          members: [
            {
              givenName: "Oksana",
              familyName: "Bondarenko",
              birthDate: "1984-03-02",
              sex: "FEMALE",
              languages: ["uk"],
            },
            { givenName: "Maksym", familyName: "Bondarenko", birthDate: "2009-10-11", sex: "MALE", languages: ["uk"] },
            {
              givenName: "Sofiia",
              familyName: "Bondarenko",
              birthDate: "2010-04-20",
              sex: "FEMALE",
              languages: ["uk"],
            },
          ],
        },
      },
      SOCIAL_WORKER,
    ),
  );
  const byName = new Map<string, string>(reg.registerHousehold.members.map((m: any) => [m.givenName, m.id]));
  childAtA = byName.get("Maksym")!;
  childAtB = byName.get("Sofiia")!;
  mother = byName.get("Oksana")!;
  const school = async (name: string) =>
    (
      await ok(
        await graph.query(
          `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
          { input: { name, nisCode: "44021", offersOkan: true, okanCapacity: 24 } },
          ADMIN,
          null,
        ),
      )
    ).registerSchool.id as string;
  schoolA = await school("OKAN school A");
  schoolB = await school("OKAN school B");
  for (const [personId, schoolId] of [
    [childAtA, schoolA],
    [childAtB, schoolB],
  ]) {
    // The hand-over first: a social worker asks the school to enrol the child.
    await ok(await graph.query(REQUEST, { input: { personId, schoolId } }, SOCIAL_WORKER));
    await ok(
      await graph.query(
        ENROL,
        { input: { personId, schoolId, programme: "OKAN", startDate: "2022-09-01" } },
        staffOf(schoolId),
        "ENROLMENT",
      ),
    );
  }
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

const CHILD = `query Child($id: ID!) {
  person(id: $id) { id givenName birthYear currentEnrolment { status programme school { id name okanEnrolled { value } } } }
}`;

test("school staff of school A read a child enrolled at A: identity from social, enrolment from education", async () => {
  const res = await graph.query(CHILD, { id: childAtA }, staffOf(schoolA), "ENROLMENT");
  expect(res.errors).toBeUndefined();
  expect(res.data.person).toEqual({
    id: childAtA,
    givenName: "Maksym",
    birthYear: 2009,
    currentEnrolment: {
      status: "ENROLLED",
      programme: "OKAN",
      school: { id: schoolA, name: "OKAN school A", okanEnrolled: { value: null } },
    },
  });
});

test("school staff of school A cannot read a child enrolled at school B, in either subgraph", async () => {
  const identity = await graph.query(
    `query C($id: ID!) { person(id: $id) { givenName } }`,
    { id: childAtB },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(identity)).toContain("FORBIDDEN");
  expect(identity.data?.person?.givenName ?? null).toBeNull();
  const education = await graph.query(
    `query C($id: ID!) { person(id: $id) { id currentEnrolment { id } } }`,
    { id: childAtB },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(education)).toEqual(["FORBIDDEN"]);
  expect(education.data?.person?.currentEnrolment ?? null).toBeNull();
  // Social refuses first (the child is not theirs), and records it.
  const refusedInSocial = await graph.dataSources.social.query(
    `SELECT category, outcome FROM ${AUDIT_LINES} WHERE person_id = $1 AND outcome = 'REFUSED' AND subject = $2`,
    [childAtB, staffOf(schoolA).sub],
  );
  expect(refusedInSocial).toContainEqual({ category: "IDENTITY_BASIC", outcome: "REFUSED" });
  // Education refuses on its own too, reached directly with a validly signed internal token.
  const direct = await postGraphql(
    graph.subgraphUrls.education,
    `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { currentEnrolment { id } } } }`,
    { reps: [{ __typename: "Person", id: childAtB }] },
    { authorization: `Bearer ${await internalToken(staffOf(schoolA), "ENROLMENT", ["education"])}` },
  );
  expect(errorCodes(direct)).toEqual(["FORBIDDEN"]);
  const refused = await graph.dataSources.education.query(
    `SELECT category, outcome FROM ${AUDIT_LINES} WHERE person_id = $1 AND outcome = 'REFUSED'`,
    [childAtB],
  );
  expect(refused).toContainEqual({ category: "EDUCATION", outcome: "REFUSED" });
});

test("school staff of school A cannot enrol a child at school B", async () => {
  const res = await graph.query(
    `mutation E($input: EnrolInput!) { enrol(input: $input) { id } }`,
    { input: { personId: childAtB, schoolId: schoolB, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
});

test("school staff cannot take a child by enrolling them: no request, FORBIDDEN, nothing written, name still hidden", async () => {
  const before = await graph.dataSources.education.query(`SELECT count(*)::int AS n FROM enrolment`);
  const res = await graph.query(
    ENROL,
    { input: { personId: mother, schoolId: schoolA, programme: "SECONDARY", startDate: "2022-09-01" } },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  expect(res.errors![0].message).toContain(`No open enrolment request names school ${schoolA} for this person`);
  expect(await graph.dataSources.education.query(`SELECT count(*)::int AS n FROM enrolment`)).toEqual(before);
  const name = await graph.query(
    `query C($id: ID!) { person(id: $id) { givenName } }`,
    { id: mother },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(name)).toContain("FORBIDDEN");
  // Nor can they hand her over to themselves.
  const request = await graph.query(
    REQUEST,
    { input: { personId: mother, schoolId: schoolA } },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(request)).toEqual(["FORBIDDEN"]);
});

test("an adult handed over by the city service is still refused by age, which education asks of social", async () => {
  ok(
    await graph.query(REQUEST, { input: { personId: mother, schoolId: schoolA } }, CITY_EDUCATION_SERVICE, "ENROLMENT"),
  );
  const res = await graph.query(
    ENROL,
    { input: { personId: mother, schoolId: schoolA, programme: "SECONDARY", startDate: "2022-09-01" } },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.personId");
  expect(res.errors![0].message).toBe("School enrolment is for ages 5–17; this person is 38 on 2022-09-01.");
  const rows = await graph.dataSources.education.query(
    `SELECT count(*)::int AS n FROM enrolment WHERE person_id = $1`,
    [mother],
  );
  expect(rows[0].n).toBe(0);
});

test("enrolling a child another school has: CONFLICT without that school's name or enrolment", async () => {
  ok(await graph.query(REQUEST, { input: { personId: childAtB, schoolId: schoolA } }, SOCIAL_WORKER));
  const res = await graph.query(
    ENROL,
    { input: { personId: childAtB, schoolId: schoolA, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(schoolA),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["CONFLICT"]);
  expect(JSON.stringify(res.errors)).not.toContain("OKAN school B");
  expect(res.errors![0].extensions!.existingId).toBeUndefined();
  ok(
    await graph.query(
      `mutation W($input: WithdrawEnrolmentRequestInput!) { withdrawEnrolmentRequest(input: $input) { status } }`,
      {
        input: {
          requestId: (
            await graph.dataSources.education.query(
              `SELECT id FROM enrolment_request WHERE person_id = $1 AND school_id = $2 AND status = 'OPEN'`,
              [childAtB, schoolA],
            )
          )[0].id,
        },
      },
      SOCIAL_WORKER,
    ),
  );
});

test("social workers read every child's education; the read is audited in education's own log", async () => {
  const res = await graph.query(
    `query C($id: ID!) { person(id: $id) { givenName enrolments { status school { name } } educationAssessment { date } } }`,
    { id: childAtB },
    SOCIAL_WORKER,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.person).toEqual({
    givenName: "Sofiia",
    enrolments: [{ status: "ENROLLED", school: { name: "OKAN school B" } }],
    educationAssessment: null,
  });
  const rows = await graph.dataSources.education.query(
    `SELECT category, action, outcome, purpose, subject FROM ${AUDIT_LINES} WHERE person_id = $1 AND subject = 'e2e-sw'`,
    [childAtB],
  );
  expect(rows).toContainEqual({
    category: "EDUCATION",
    action: "READ",
    outcome: "ALLOWED",
    purpose: "CASE_MANAGEMENT",
    subject: "e2e-sw",
  });
});

test("the school's municipality is housing's, joined by NIS code", async () => {
  const res = await graph.query(
    `query S($id: ID!) { school(id: $id) { name municipality { nisCode } } }`,
    { id: schoolA },
    SOCIAL_WORKER,
    null,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.school.municipality.nisCode).toBe("44021");
});

test("a site coordinator with no resident among these children reads none of their education", async () => {
  const res = await graph.query(
    `query C($id: ID!) { person(id: $id) { id enrolments { id } } }`,
    { id: childAtA },
    { sub: "e2e-site", org: "IOM", roles: ["SITE_COORDINATOR"], sites: ["00000000-0000-4000-8000-00000000000a"] },
    "PLACEMENT",
  );
  expect(errorCodes(res)).toContain("FORBIDDEN");
});

test("a site coordinator reads the education of the children placed at their site (scope asked of housing)", async () => {
  const coordinator: TokenClaims = { sub: "e2e-city", org: "STAD_GENT", roles: ["HOUSING_COORDINATOR"] };
  const site = await ok(
    await graph.query(
      `mutation S($input: RegisterSiteInput!) { registerSite(input: $input) { id offer { id } } }`,
      {
        input: {
          name: "Schoonmeersen",
          kind: "RECEPTION_CENTRE",
          operator: "IOM",
          nisCode: "44021",
          address: "Schoonmeersstraat 26, 9000 Gent",
          sustainable: true,
        },
      },
      coordinator,
      "PLACEMENT",
    ),
  );
  const siteId = site.registerSite.id;
  await ok(
    await graph.query(
      `mutation R($input: AddRoomInput!) { addRoom(input: $input) { id } }`,
      { input: { siteId, label: "Room 1", beds: 4, floorAreaM2: 24 } },
      coordinator,
      "PLACEMENT",
    ),
  );
  await ok(
    await graph.query(
      `mutation V($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`,
      { input: { offerId: site.registerSite.offer.id, status: "VALIDATED", effectiveOn: "2022-05-01" } },
      coordinator,
      "PLACEMENT",
    ),
  );
  const household = await ok(
    await graph.query(`query H($id: ID!) { person(id: $id) { household { id } } }`, { id: childAtA }, SOCIAL_WORKER),
  );
  await ok(
    await graph.query(
      `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`,
      { input: { householdId: household.person.household.id, siteId, moveInDate: "2022-05-02" } },
      coordinator,
      "PLACEMENT",
    ),
  );
  const siteCoordinator: TokenClaims = {
    sub: "e2e-site-own",
    org: "IOM",
    roles: ["SITE_COORDINATOR"],
    sites: [siteId],
  };
  const res = await graph.query(
    `query C($id: ID!) { person(id: $id) { id currentEnrolment { status school { name } } } }`,
    { id: childAtA },
    siteCoordinator,
    "CASE_MANAGEMENT",
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.person.currentEnrolment).toEqual({ status: "ENROLLED", school: { name: "OKAN school A" } });
  // Reading is all a site coordinator may do with education data.
  const write = await graph.query(
    `mutation E($input: LeaveSchoolInput!) { leaveSchool(input: $input) { id } }`,
    { input: { enrolmentId: "00000000-0000-4000-8000-000000000001", date: "2022-12-01" } },
    siteCoordinator,
    "PLACEMENT",
  );
  expect(errorCodes(write)).toEqual(["FORBIDDEN"]);
});

test("_ownPeople is not part of the public graph", async () => {
  const res = await graph.query(`query O { _ownPeople(personIds: []) }`, {}, staffOf(schoolA), "ENROLMENT");
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
});
