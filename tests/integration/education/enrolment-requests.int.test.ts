// Scope is handed over, never taken: school staff enrol and assess only children an open enrolment request names their school for (made by a social worker, the child's site coordinator or the city education service), within school age as social tells it.
import { errorCodes } from "../../support/graphql";
import { TokenClaims } from "../../support/tokens";
import { siteWithRooms } from "../housing/housing-test-kit";
import {
  CITY_EDUCATION_SERVICE,
  createSchool,
  EducationWorld,
  ENROL,
  enrolChild,
  ok,
  registerChild,
  registerFamily,
  REQUEST,
  requestFor,
  SOCIAL_WORKER,
  START,
  startEducation,
  staffOf,
  WITHDRAW,
} from "./education-fixtures";
import { AUDIT_LINES } from "../../support/audit";

let world: EducationWorld;
beforeAll(async () => {
  world = await startEducation({ housing: true });
}, 60_000);
afterAll(async () => {
  await world?.stop();
});

const HOUSING_COORDINATOR: TokenClaims = { sub: "hc", org: "CITY_GHENT", roles: ["HOUSING_COORDINATOR"] };

async function count(table: string): Promise<number> {
  const [row] = await world.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

function enrolInput(personId: string, schoolId: string, programme = "OKAN") {
  return { input: { personId, schoolId, programme, startDate: START } };
}

test("school staff cannot enrol a child without an open request naming their school; with one they can, and it is FULFILLED", async () => {
  const school = await createSchool(world);
  const child = await registerChild(world);
  const before = await count("enrolment");
  const refused = await world.query(ENROL, enrolInput(child, school), staffOf(school), "ENROLMENT");
  expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
  expect(refused.errors![0].message).toContain(`No open enrolment request names school ${school} for this person`);
  expect(await count("enrolment")).toBe(before);
  const audit = await world.db.dataSource.query(
    `SELECT action, outcome, reason FROM ${AUDIT_LINES} WHERE person_id = $1 AND action = 'WRITE'`,
    [child],
  );
  expect(audit).toEqual([{ action: "WRITE", outcome: "REFUSED", reason: "FORBIDDEN" }]);

  const request = ok(
    await world.query(REQUEST, { input: { personId: child, schoolId: school, programme: "OKAN", note: "Speaks uk" } }),
  ).requestEnrolment;
  expect(request).toMatchObject({
    status: "OPEN",
    programme: "OKAN",
    requestedByRole: "SOCIAL_WORKER",
    note: "Speaks uk",
  });
  const enrolled = ok(await world.query(ENROL, enrolInput(child, school), staffOf(school), "ENROLMENT")).enrol;
  expect(enrolled.status).toBe("ENROLLED");
  const [row] = await world.db.dataSource.query(
    `SELECT status, enrolment_id, closed_by FROM enrolment_request WHERE id = $1`,
    [request.id],
  );
  expect(row).toEqual({ status: "FULFILLED", enrolment_id: enrolled.id, closed_by: `staff-${school}` });
});

test("the hand-over opens the child's identity to the school's staff in social, and only then", async () => {
  const school = await createSchool(world);
  const child = await registerChild(world, 13);
  const q = `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { givenName birthYear } } }`;
  const reps = [{ __typename: "Person", id: child }];
  const before = await world.socialQuery(q, { reps }, staffOf(school), "ENROLMENT");
  expect(errorCodes(before)).toContain("FORBIDDEN");
  await requestFor(world, child, school);
  const after = await world.socialQuery(q, { reps }, staffOf(school), "ENROLMENT");
  expect(after.errors).toBeUndefined();
  expect(after.data._entities[0].birthYear).toBe(2009);
  // Another school's staff gain nothing from it.
  const other = await createSchool(world);
  expect(errorCodes(await world.socialQuery(q, { reps }, staffOf(other), "ENROLMENT"))).toContain("FORBIDDEN");
});

test("a plain school's staff cannot make a request; the city education service can; both are audited", async () => {
  const school = await createSchool(world);
  const child = await registerChild(world);
  const before = await count("enrolment_request");
  const staff = await world.query(
    REQUEST,
    { input: { personId: child, schoolId: school } },
    staffOf(school),
    "ENROLMENT",
  );
  expect(errorCodes(staff)).toEqual(["FORBIDDEN"]);
  expect(staff.errors![0].message).toContain("CITY_EDUCATION");
  expect(await count("enrolment_request")).toBe(before);
  const city = await world.query(
    REQUEST,
    { input: { personId: child, schoolId: school } },
    CITY_EDUCATION_SERVICE,
    "ENROLMENT",
  );
  expect(city.errors).toBeUndefined();
  expect(city.data.requestEnrolment).toMatchObject({ status: "OPEN", requestedByRole: "CITY_EDUCATION_SERVICE" });
  const rows = await world.db.dataSource.query(
    `SELECT subject, outcome FROM ${AUDIT_LINES} WHERE person_id = $1 AND fields = '{Mutation.requestEnrolment}' ORDER BY outcome`,
    [child],
  );
  expect(rows).toEqual([
    { subject: "city-edu", outcome: "ALLOWED" },
    { subject: `staff-${school}`, outcome: "REFUSED" },
  ]);
  // A second open request for the same child and school is a CONFLICT.
  const again = await world.query(REQUEST, { input: { personId: child, schoolId: school } });
  expect(errorCodes(again)).toEqual(["CONFLICT"]);
  // Requests need a purpose that covers education.
  const noPurpose = await world.query(REQUEST, { input: { personId: child, schoolId: school } }, SOCIAL_WORKER, null);
  expect(errorCodes(noPurpose)).toEqual(["PURPOSE_REQUIRED"]);
  const care = await world.query(REQUEST, { input: { personId: child, schoolId: school } }, SOCIAL_WORKER, "CARE");
  expect(errorCodes(care)).toEqual(["FORBIDDEN"]);
});

test("a site coordinator requests only for the residents of their own site (asked of housing)", async () => {
  const school = await createSchool(world);
  const resident = await registerFamily(world, [40, 13]);
  const stranger = await registerChild(world, 13);
  const housing = { query: (q: string, v?: Record<string, unknown>) => world.housingQuery(q, v, HOUSING_COORDINATOR) };
  const { siteId } = await siteWithRooms(housing, "Nooddorp", [4]);
  ok(
    await world.housingQuery(
      `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`,
      { input: { householdId: resident.householdId, siteId, moveInDate: "2022-05-02" } },
      HOUSING_COORDINATOR,
    ),
  );
  const coordinator: TokenClaims = { sub: "site-coord", org: "IOM", roles: ["SITE_COORDINATOR"], sites: [siteId] };
  const own = await world.query(
    REQUEST,
    { input: { personId: resident.memberIds[1], schoolId: school } },
    coordinator,
    "ENROLMENT",
  );
  expect(own.errors).toBeUndefined();
  expect(own.data.requestEnrolment.requestedByRole).toBe("SITE_COORDINATOR");
  const before = await count("enrolment_request");
  const foreign = await world.query(
    REQUEST,
    { input: { personId: stranger, schoolId: school } },
    coordinator,
    "ENROLMENT",
  );
  expect(errorCodes(foreign)).toEqual(["FORBIDDEN"]);
  expect(foreign.errors![0].message).toContain("does not live at one of your sites");
  expect(await count("enrolment_request")).toBe(before);
});

test("outside school age is BAD_USER_INPUT on input.personId, as social tells the age; nothing is written", async () => {
  const okan = await createSchool(world);
  const [adult, nine] = (await registerFamily(world, [19, 9])).memberIds;
  await requestFor(world, adult, okan);
  await requestFor(world, nine, okan);
  const before = await count("enrolment");
  const grownUp = await world.query(ENROL, enrolInput(adult, okan, "SECONDARY"), staffOf(okan), "ENROLMENT");
  expect(errorCodes(grownUp)).toEqual(["BAD_USER_INPUT"]);
  expect(grownUp.errors![0].extensions!.field).toBe("input.personId");
  expect(grownUp.errors![0].message).toBe(`School enrolment is for ages 5–17; this person is 19 on ${START}.`);
  const young = await world.query(ENROL, enrolInput(nine, okan, "OKAN"), staffOf(okan), "ENROLMENT");
  expect(errorCodes(young)).toEqual(["BAD_USER_INPUT"]);
  expect(young.errors![0].message).toBe(`OKAN is for ages 12–17; this person is 9 on ${START}.`);
  expect(await count("enrolment")).toBe(before);
  const open = await world.db.dataSource.query(
    `SELECT status FROM enrolment_request WHERE person_id = ANY($1::uuid[])`,
    [[adult, nine]],
  );
  expect(open.map((r: any) => r.status)).toEqual(["OPEN", "OPEN"]);
  // The nine-year-old fits primary school.
  expect(ok(await world.query(ENROL, enrolInput(nine, okan, "PRIMARY"), staffOf(okan), "ENROLMENT")).enrol.status).toBe(
    "ENROLLED",
  );
});

test("an assessment for another school's pupil is FORBIDDEN, audited, and writes nothing", async () => {
  const a = await createSchool(world);
  const b = await createSchool(world);
  const pupil = await enrolChild(world, a);
  const before = await count("education_assessment");
  const res = await world.query(
    `mutation A($input: RecordEducationAssessmentInput!) { recordEducationAssessment(input: $input) { id } }`,
    {
      input: {
        personId: pupil.personId,
        schoolId: b,
        priorSchoolingYears: 7,
        languages: ["uk"],
        recommendedLevel: "OKAN",
        date: "2022-06-01",
      },
    },
    staffOf(b),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  expect(res.errors![0].message).not.toContain(a);
  expect(await count("education_assessment")).toBe(before);
  const audit = await world.db.dataSource.query(
    `SELECT outcome FROM ${AUDIT_LINES} WHERE person_id = $1 AND subject = $2 AND action = 'WRITE'`,
    [pupil.personId, `staff-${b}`],
  );
  expect(audit).toEqual([{ outcome: "REFUSED" }]);
});

test("CONFLICT for a child enrolled at another school names neither that school nor its enrolment", async () => {
  const a = await createSchool(world, { name: "Secret School A" });
  const b = await createSchool(world);
  const pupil = await enrolChild(world, a);
  await requestFor(world, pupil.personId, b);
  const res = await world.query(ENROL, enrolInput(pupil.personId, b), staffOf(b), "ENROLMENT");
  expect(errorCodes(res)).toEqual(["CONFLICT"]);
  const text = JSON.stringify(res.errors);
  expect(text).not.toContain("Secret School A");
  expect(text).not.toContain(pupil.id);
  expect(text).not.toContain(a);
  expect(res.errors![0].message).toBe(
    "This person already has an active enrolment elsewhere; ask the city education service.",
  );
  // The request stays open: nothing was written.
  const [row] = await world.db.dataSource.query(
    `SELECT status FROM enrolment_request WHERE person_id = $1 AND school_id = $2`,
    [pupil.personId, b],
  );
  expect(row.status).toBe("OPEN");
});

test("a withdrawn request hands nothing over; only requesters withdraw, once", async () => {
  const school = await createSchool(world);
  const child = await registerChild(world);
  const id = await requestFor(world, child, school);
  const byStaff = await world.query(WITHDRAW, { input: { requestId: id } }, staffOf(school), "ENROLMENT");
  expect(errorCodes(byStaff)).toEqual(["FORBIDDEN"]);
  const withdrawn = ok(await world.query(WITHDRAW, { input: { requestId: id } })).withdrawEnrolmentRequest;
  expect(withdrawn.status).toBe("WITHDRAWN");
  expect(errorCodes(await world.query(WITHDRAW, { input: { requestId: id } }))).toEqual(["CONFLICT"]);
  const enrol = await world.query(ENROL, enrolInput(child, school), staffOf(school), "ENROLMENT");
  expect(errorCodes(enrol)).toEqual(["FORBIDDEN"]);
});

test("School.enrolmentRequests and Person.enrolmentRequests: the school's staff, the city service and social workers", async () => {
  const school = await createSchool(world);
  const other = await createSchool(world);
  const child = await registerChild(world);
  const id = await requestFor(world, child, school);
  const list = `query S($id: ID!) { school(id: $id) { enrolmentRequests { id status person { id } } } }`;
  for (const [as, purpose] of [
    [staffOf(school), "ENROLMENT"],
    [CITY_EDUCATION_SERVICE, "ENROLMENT"],
    [SOCIAL_WORKER, "CASE_MANAGEMENT"],
  ] as const) {
    const res = await world.query(list, { id: school }, as, purpose);
    expect(res.errors).toBeUndefined();
    expect(res.data.school.enrolmentRequests).toEqual([{ id, status: "OPEN", person: { id: child } }]);
  }
  const foreign = await world.query(list, { id: school }, staffOf(other), "ENROLMENT");
  expect(foreign.data.school.enrolmentRequests).toEqual([]);
  const noPurpose = await world.query(list, { id: school }, SOCIAL_WORKER, null);
  expect(errorCodes(noPurpose)).toEqual(["PURPOSE_REQUIRED"]);

  const person = `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { enrolmentRequests { id school { id } } } } }`;
  const reps = [{ __typename: "Person", id: child }];
  const own = await world.query(person, { reps }, staffOf(school), "ENROLMENT");
  expect(own.errors).toBeUndefined();
  expect(own.data._entities[0].enrolmentRequests).toEqual([{ id, school: { id: school } }]);
  expect(errorCodes(await world.query(person, { reps }, staffOf(other), "ENROLMENT"))).toEqual(["FORBIDDEN"]);
});

test("social not answering the age check is an error, never a pass; nothing is written", async () => {
  const school = await createSchool(world);
  const child = await registerChild(world);
  await requestFor(world, child, school);
  const before = await count("enrolment");
  await world.social.stop();
  const errors = jest.spyOn(console, "error").mockImplementation(() => {});
  try {
    const res = await world.query(ENROL, enrolInput(child, school), staffOf(school), "ENROLMENT");
    expect(errorCodes(res)).toEqual(["UNAVAILABLE"]);
    expect(res.errors![0].message).toMatch(/social service is not answering/);
  } finally {
    errors.mockRestore();
  }
  expect(await count("enrolment")).toBe(before);
});
