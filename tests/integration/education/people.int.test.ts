// Person's education fields (assessment, enrolments, current enrolment) follow access.md, answer _ownPeople, and batch their SQL.
import { queryCount } from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { errorCodes } from "../../support/graphql";
import {
  createSchool,
  enrolChild,
  LEAVE,
  PERSON_EDUCATION,
  registerChild,
  registerPeople,
  requestFor,
  personRep,
  SOCIAL_WORKER,
  staffOf,
  EducationWorld,
  startEducation,
} from "./education-fixtures";
import { AUDIT_LINES } from "../../support/audit";

let sg: EducationWorld;
beforeAll(async () => {
  sg = await startEducation();
});
afterAll(async () => {
  await sg?.stop();
});

const ASSESS = `mutation A($input: RecordEducationAssessmentInput!) {
  recordEducationAssessment(input: $input) { id priorSchoolingYears lastGrade languages recommendedLevel date person { id } }
}`;

function assessment(personId: string, extra: Record<string, unknown> = {}) {
  return {
    personId,
    priorSchoolingYears: 6,
    lastGrade: "6th grade",
    languages: ["uk", "RU"],
    recommendedLevel: "OKAN",
    date: "2022-06-01",
    ...extra,
  };
}

async function assessmentCount(): Promise<number> {
  const [row] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM education_assessment`);
  return row.n;
}

test("school staff record an assessment for a child handed over to their school; the latest one shows", async () => {
  const school = await createSchool(sg);
  const personId = await registerChild(sg);
  // Naming their own school is not enough: the child must be handed over first.
  const before = await assessmentCount();
  const taken = await sg.query(
    ASSESS,
    { input: assessment(personId, { schoolId: school }) },
    staffOf(school),
    "ENROLMENT",
  );
  expect(errorCodes(taken)).toEqual(["FORBIDDEN"]);
  expect(taken.errors![0].message).toContain("no open enrolment request names one of your schools");
  expect(await assessmentCount()).toBe(before);
  await requestFor(sg, personId, school);
  const first = await sg.query(
    ASSESS,
    { input: assessment(personId, { schoolId: school }) },
    staffOf(school),
    "ENROLMENT",
  );
  expect(first.errors).toBeUndefined();
  expect(first.data.recordEducationAssessment).toMatchObject({
    priorSchoolingYears: 6,
    languages: ["uk", "ru"],
    recommendedLevel: "OKAN",
    person: { id: personId },
  });
  await enrolChild(sg, school, personId);
  // Once enrolled, the child is the school's own: no school needs naming.
  const later = await sg.query(
    ASSESS,
    {
      input: assessment(personId, {
        date: "2022-06-20",
        recommendedLevel: "SECONDARY",
        priorSchoolingYears: 7,
        speaksDutch: true,
      }),
    },
    staffOf(school),
    "ENROLMENT",
  );
  expect(later.errors).toBeUndefined();
  const read = await sg.query(PERSON_EDUCATION, { reps: [personRep(personId)] }, staffOf(school), "ENROLMENT");
  expect(read.errors).toBeUndefined();
  expect(read.data._entities[0].educationAssessment).toEqual({ recommendedLevel: "SECONDARY", priorSchoolingYears: 7 });
});

test.each([
  ["priorSchoolingYears", { priorSchoolingYears: 16 }, "input.priorSchoolingYears"],
  ["language", { languages: ["ukr"] }, "input.languages[0]"],
  ["future date", { date: "2999-01-01" }, "input.date"],
  ["long grade", { lastGrade: "x".repeat(61) }, "input.lastGrade"],
  ["school ID", { schoolId: "abc" }, "input.schoolId"],
])("recordEducationAssessment refuses bad input (%s) and writes nothing", async (_label, bad, field) => {
  const school = await createSchool(sg);
  const before = await assessmentCount();
  const res = await sg.query(
    ASSESS,
    { input: assessment(randomUUID(), { schoolId: school, ...bad }) },
    staffOf(school),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe(field);
  expect(await assessmentCount()).toBe(before);
});

test("recordEducationAssessment: another school's child is refused; social workers only read", async () => {
  const a = await createSchool(sg);
  const b = await createSchool(sg);
  const child = await enrolChild(sg, a);
  const before = await assessmentCount();
  const foreign = await sg.query(ASSESS, { input: assessment(child.personId) }, staffOf(b), "ENROLMENT");
  expect(errorCodes(foreign)).toEqual(["FORBIDDEN"]);
  // Naming their own school does not make another school's pupil theirs.
  const named = await sg.query(ASSESS, { input: assessment(child.personId, { schoolId: b }) }, staffOf(b), "ENROLMENT");
  expect(errorCodes(named)).toEqual(["FORBIDDEN"]);
  const refused = await sg.db.dataSource.query(
    `SELECT count(*)::int AS n FROM ${AUDIT_LINES} WHERE person_id = $1 AND action = 'WRITE' AND outcome = 'REFUSED'`,
    [child.personId],
  );
  expect(refused[0].n).toBeGreaterThanOrEqual(2);
  const sw = await sg.query(ASSESS, { input: assessment(child.personId) }, SOCIAL_WORKER);
  expect(errorCodes(sw)).toEqual(["FORBIDDEN"]);
  expect(await assessmentCount()).toBe(before);
});

test("recordEducationAssessment with the same idempotencyKey records once", async () => {
  const school = await createSchool(sg);
  const personId = await registerChild(sg);
  await requestFor(sg, personId, school);
  const input = assessment(personId, { schoolId: school, idempotencyKey: "assess-1" });
  const first = await sg.query(ASSESS, { input }, staffOf(school), "ENROLMENT");
  const before = await assessmentCount();
  const again = await sg.query(ASSESS, { input }, staffOf(school), "ENROLMENT");
  expect(again.data.recordEducationAssessment.id).toBe(first.data.recordEducationAssessment.id);
  expect(await assessmentCount()).toBe(before);
});

test("Person.enrolments and currentEnrolment: newest first; current is null once the child left", async () => {
  const a = await createSchool(sg);
  const b = await createSchool(sg);
  const child = await enrolChild(sg, a);
  await sg.query(LEAVE, { input: { enrolmentId: child.id, date: "2022-12-22" } }, staffOf(a), "ENROLMENT");
  const noneNow = await sg.query(PERSON_EDUCATION, { reps: [personRep(child.personId)] }, SOCIAL_WORKER);
  expect(noneNow.data._entities[0].currentEnrolment).toBeNull();
  const next = await enrolChild(sg, b, child.personId, "SECONDARY");
  const res = await sg.query(PERSON_EDUCATION, { reps: [personRep(child.personId)] }, SOCIAL_WORKER);
  expect(res.errors).toBeUndefined();
  expect(res.data._entities[0]).toMatchObject({
    enrolments: [
      { id: next.id, status: "ENROLLED", school: { id: b } },
      { id: child.id, status: "LEFT", school: { id: a } },
    ],
    currentEnrolment: { id: next.id, status: "ENROLLED" },
    educationAssessment: null,
  });
});

test("school staff read their own school's children, not another school's; reads and refusals are audited", async () => {
  const a = await createSchool(sg);
  const b = await createSchool(sg);
  const atA = await enrolChild(sg, a);
  const atB = await enrolChild(sg, b);
  const own = await sg.query(PERSON_EDUCATION, { reps: [personRep(atA.personId)] }, staffOf(a), "ENROLMENT");
  expect(own.errors).toBeUndefined();
  expect(own.data._entities[0].currentEnrolment.id).toBe(atA.id);
  const foreign = await sg.query(PERSON_EDUCATION, { reps: [personRep(atB.personId)] }, staffOf(a), "ENROLMENT");
  expect(errorCodes(foreign)).toContain("FORBIDDEN");
  const rows = await sg.db.dataSource.query(
    `SELECT person_id, outcome, fields FROM ${AUDIT_LINES} WHERE action = 'READ' AND subject = $1 ORDER BY outcome`,
    [`staff-${a}`],
  );
  expect(rows).toContainEqual({
    person_id: atA.personId,
    outcome: "ALLOWED",
    fields: expect.arrayContaining(["Person.currentEnrolment", "Person.educationAssessment", "Person.enrolments"]),
  });
  expect(rows.find((r: any) => r.person_id === atB.personId)?.outcome).toBe("REFUSED");
});

test("education data needs a purpose; roles without an education grant are refused", async () => {
  const school = await createSchool(sg);
  const child = await enrolChild(sg, school);
  const noPurpose = await sg.query(PERSON_EDUCATION, { reps: [personRep(child.personId)] }, SOCIAL_WORKER, null);
  expect(errorCodes(noPurpose)).toContain("PURPOSE_REQUIRED");
  const care = await sg.query(
    PERSON_EDUCATION,
    { reps: [personRep(child.personId)] },
    { roles: ["CARE_WORKER"] },
    "CARE",
  );
  expect(errorCodes(care)).toContain("FORBIDDEN");
  // A site coordinator's "own" comes from housing; with no housing peer to ask, nobody is own (fail closed).
  const site = await sg.query(
    PERSON_EDUCATION,
    { reps: [personRep(child.personId)] },
    { roles: ["SITE_COORDINATOR"], sites: [randomUUID()] },
    "PLACEMENT",
  );
  expect(errorCodes(site)).toContain("FORBIDDEN");
});

test("_ownPeople answers which of the given people are enrolled at or waiting for the caller's schools", async () => {
  const a = await createSchool(sg, { okanCapacity: 1 });
  const b = await createSchool(sg);
  const enrolled = await enrolChild(sg, a);
  const waiting = await enrolChild(sg, a);
  const left = await enrolChild(sg, a, undefined, "SECONDARY");
  await sg.query(LEAVE, { input: { enrolmentId: left.id, date: "2022-10-01" } }, staffOf(a), "ENROLMENT");
  const elsewhere = await enrolChild(sg, b);
  const ids = [enrolled.personId, waiting.personId, left.personId, elsewhere.personId, randomUUID()];
  const q = `query O($ids: [ID!]!) { _ownPeople(personIds: $ids) }`;
  const res = await sg.query(q, { ids }, staffOf(a), "ENROLMENT");
  expect(res.errors).toBeUndefined();
  expect(res.data._ownPeople.sort()).toEqual([enrolled.personId, waiting.personId].sort());
  const notStaff = await sg.query(q, { ids }, { roles: ["SOCIAL_WORKER"], schools: [a] });
  expect(notStaff.data._ownPeople).toEqual([]);
});

test("reading 50 children's education fields costs the same number of SQL statements as reading 2", async () => {
  const school = await createSchool(sg, { okanCapacity: 60 });
  const people: string[] = [];
  const ids = [...(await registerPeople(sg, Array(25).fill(13))), ...(await registerPeople(sg, Array(25).fill(15)))];
  for (const id of ids) people.push((await enrolChild(sg, school, id)).personId);
  const q = `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
    enrolments { id school { name okanEnrolled { value } } waitingListPosition } currentEnrolment { id } educationAssessment { date } } } }`;
  const cost = async (ids: string[]) => {
    const before = queryCount(sg.db.dataSource);
    const res = await sg.query(q, { reps: ids.map(personRep) }, staffOf(school), "ENROLMENT");
    expect(res.errors).toBeUndefined();
    return queryCount(sg.db.dataSource) - before;
  };
  const two = await cost(people.slice(0, 2));
  const fifty = await cost(people);
  expect(fifty).toBe(two);
  expect(fifty).toBeLessThanOrEqual(8);
});
