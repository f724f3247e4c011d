// Through the gateway, scoped roles see only their own people's basic identity: a school sees its enrolled child, never certificate or support.
import { errorCodes } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
let schoolId: string;
let otherSchoolId: string;
let motherId: string;
let childId: string;
let school: TokenClaims;

const SOCIAL: TokenClaims = { sub: "sw-hanne", roles: ["SOCIAL_WORKER"] };

function ok(res: { data?: any; errors?: unknown[] }): any {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

beforeAll(async () => {
  graph = await startGraph();
  const reg = ok(
    await graph.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      {
        input: {
          members: [
            {
              givenName: "Iryna",
              familyName: "Bondarenko",
              birthDate: "1987-04-12",
              sex: "FEMALE",
              certificateNumber: "UA-BE-2026-001",
            },
            {
              givenName: "Maksym",
              familyName: "Bondarenko",
              birthDate: "2015-09-03",
              sex: "MALE",
              certificateNumber: "UA-BE-2026-002",
            },
          ],
        },
      },
      SOCIAL,
    ),
  ).registerHousehold;
  motherId = reg.members.find((m: any) => m.givenName === "Iryna").id;
  childId = reg.members.find((m: any) => m.givenName === "Maksym").id;
  ok(
    await graph.query(
      `mutation D($input: DecideSupportInput!) { decideSupport(input: $input) { id } }`,
      { input: { personId: motherId, category: "WITH_FAMILY_DEPENDANTS", startDate: "2026-10-01" } },
      SOCIAL,
    ),
  );
  const registerSchool = async (name: string) =>
    ok(
      await graph.query(
        `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
        { input: { name, nisCode: "44021", offersOkan: true, okanCapacity: 20 } },
        { sub: "admin", roles: ["ADMIN"] },
        "ADMINISTRATION",
      ),
    ).registerSchool.id as string;
  schoolId = await registerSchool("Basisschool De Wonderfluit");
  otherSchoolId = await registerSchool("Sint-Barbaracollege");
  school = { sub: "teacher-an", roles: ["SCHOOL_STAFF"], schools: [schoolId] };
  // The hand-over first: a social worker asks the school to enrol the child.
  ok(
    await graph.query(
      `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`,
      { input: { personId: childId, schoolId: schoolId } },
      SOCIAL,
    ),
  );
  ok(
    await graph.query(
      `mutation E($input: EnrolInput!) { enrol(input: $input) { id } }`,
      { input: { personId: childId, schoolId, programme: "PRIMARY", startDate: "2026-11-16" } },
      school,
      "ENROLMENT",
    ),
  );
});
afterAll(async () => {
  await graph?.stop();
});

test("a school staff token sees name and birth year of an enrolled child but not the certificate number or support", async () => {
  const basic = ok(
    await graph.query(
      `query P($id: ID!) { person(id: $id) { givenName familyName birthYear } }`,
      { id: childId },
      school,
      "ENROLMENT",
    ),
  );
  expect(basic.person).toEqual({ givenName: "Maksym", familyName: "Bondarenko", birthYear: 2015 });

  const certificate = await graph.query(
    `query P($id: ID!) { person(id: $id) { givenName temporaryProtection { certificateNumber } } }`,
    { id: childId },
    school,
    "ENROLMENT",
  );
  expect(errorCodes(certificate)).toEqual(["FORBIDDEN"]);
  expect(certificate.data?.person?.temporaryProtection ?? null).toBeNull();
  expect(JSON.stringify(certificate)).not.toContain("UA-BE-2026-002");

  const support = await graph.query(
    `query P($id: ID!) { person(id: $id) { support { monthlyAmount } } }`,
    { id: childId },
    school,
    "ENROLMENT",
  );
  expect(errorCodes(support)).toEqual(["FORBIDDEN"]);

  const birthDate = await graph.query(
    `query P($id: ID!) { person(id: $id) { birthDate } }`,
    { id: childId },
    school,
    "ENROLMENT",
  );
  expect(errorCodes(birthDate)).toEqual(["FORBIDDEN"]);
});

test("the school does not see the child's mother (not enrolled), nor does another school see the child", async () => {
  const mother = await graph.query(
    `query P($id: ID!) { person(id: $id) { givenName } }`,
    { id: motherId },
    school,
    "ENROLMENT",
  );
  expect(errorCodes(mother)).toEqual(["FORBIDDEN"]);
  const other = await graph.query(
    `query P($id: ID!) { person(id: $id) { givenName } }`,
    { id: childId },
    { sub: "teacher-other", roles: ["SCHOOL_STAFF"], schools: [otherSchoolId] },
    "ENROLMENT",
  );
  expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
});

test("the people list of a school shows only its own pupils; without a purpose it is PURPOSE_REQUIRED", async () => {
  const list = ok(
    await graph.query(
      `query { people(first: 10) { totalCount edges { node { id givenName } } } }`,
      {},
      school,
      "ENROLMENT",
    ),
  );
  expect(list.people).toEqual({ totalCount: 1, edges: [{ node: { id: childId, givenName: "Maksym" } }] });
  const searched = ok(
    await graph.query(
      `query { people(filter: { search: "Maxim Bondarenko" }) { totalCount } }`,
      {},
      school,
      "ENROLMENT",
    ),
  );
  expect(searched.people.totalCount).toBe(1);
  const noPurpose = await graph.query(`query { people { totalCount } }`, {}, school, null);
  expect(errorCodes(noPurpose)).toEqual(["PURPOSE_REQUIRED"]);
});

test("reads by the school are audited in social with the purpose; refusals too", async () => {
  const rows = await graph.dataSources.social.query(
    `SELECT person_id, category, outcome, purpose FROM ${AUDIT_LINES} WHERE subject = 'teacher-an' ORDER BY id`,
  );
  expect(rows).toContainEqual({
    person_id: childId,
    category: "IDENTITY_BASIC",
    outcome: "ALLOWED",
    purpose: "ENROLMENT",
  });
  expect(rows).toContainEqual({
    person_id: childId,
    category: "IDENTITY_FULL",
    outcome: "REFUSED",
    purpose: "ENROLMENT",
  });
  expect(rows).toContainEqual({
    person_id: childId,
    category: "SOCIAL_FINANCIAL",
    outcome: "REFUSED",
    purpose: "ENROLMENT",
  });
  expect(rows).toContainEqual({
    person_id: motherId,
    category: "IDENTITY_BASIC",
    outcome: "REFUSED",
    purpose: "ENROLMENT",
  });
});

test("a site coordinator sees full identity of the people placed at their site, never their support, and lists only them", async () => {
  const housing: TokenClaims = { sub: "city-housing", roles: ["HOUSING_COORDINATOR"] };
  const site = ok(
    await graph.query(
      `mutation S($input: RegisterSiteInput!) { registerSite(input: $input) { id offer { id } } }`,
      {
        input: {
          name: "Schoonmeersen",
          kind: "RECEPTION_CENTRE",
          operator: "IOM",
          nisCode: "44021",
          address: "Schoonmeersstraat 26, Gent",
          sustainable: true,
        },
      },
      housing,
      "PLACEMENT",
    ),
  ).registerSite;
  ok(
    await graph.query(
      `mutation R($input: AddRoomInput!) { addRoom(input: $input) { id } }`,
      { input: { siteId: site.id, label: "A1", beds: 4, floorAreaM2: 18 } },
      housing,
      "PLACEMENT",
    ),
  );
  ok(
    await graph.query(
      `mutation V($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`,
      { input: { offerId: site.offer.id, status: "VALIDATED", note: "inspected", effectiveOn: "2026-01-01" } },
      housing,
      "PLACEMENT",
    ),
  );
  const placed = ok(
    await graph.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id } } }`,
      {
        input: {
          members: [
            {
              givenName: "Liudmyla",
              familyName: "Hnatiuk",
              birthDate: "1969-01-21",
              sex: "FEMALE",
              certificateNumber: "UA-BE-2026-003",
            },
          ],
        },
      },
      SOCIAL,
    ),
  ).registerHousehold;
  const residentId = placed.members[0].id;
  ok(
    await graph.query(
      `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`,
      { input: { householdId: placed.id, siteId: site.id, moveInDate: "2026-11-02" } },
      housing,
      "PLACEMENT",
    ),
  );
  const coordinator: TokenClaims = { sub: "iom-schoonmeersen", roles: ["SITE_COORDINATOR"], sites: [site.id] };
  const full = ok(
    await graph.query(
      `query P($id: ID!) { person(id: $id) { givenName birthDate temporaryProtection { certificateNumber } household { composition } } }`,
      { id: residentId },
      coordinator,
      "PLACEMENT",
    ),
  );
  expect(full.person).toEqual({
    givenName: "Liudmyla",
    birthDate: "1969-01-21",
    temporaryProtection: { certificateNumber: "UA-BE-2026-003" },
    household: { composition: "SINGLE_WOMAN" },
  });
  const support = await graph.query(
    `query P($id: ID!) { person(id: $id) { support { id } } }`,
    { id: residentId },
    coordinator,
    "PLACEMENT",
  );
  expect(errorCodes(support)).toEqual(["FORBIDDEN"]);
  const notHere = await graph.query(
    `query P($id: ID!) { person(id: $id) { givenName } }`,
    { id: childId },
    coordinator,
    "PLACEMENT",
  );
  expect(errorCodes(notHere)).toEqual(["FORBIDDEN"]);
  const list = ok(
    await graph.query(`query { people { totalCount edges { node { id } } } }`, {}, coordinator, "PLACEMENT"),
  );
  expect(list.people).toEqual({ totalCount: 1, edges: [{ node: { id: residentId } }] });
});
