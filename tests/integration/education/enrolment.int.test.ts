// OKAN places are never over capacity (also under concurrent enrols), the waiting list is first come first served, and leaving promotes the first child.
import { randomUUID } from "node:crypto";
import { errorCodes } from "../../support/graphql";
import {
  createSchool,
  EducationWorld,
  ENROL,
  enrolChild,
  LEAVE,
  registerChild,
  registerPeople,
  requestFor,
  SOCIAL_WORKER,
  startEducation,
  staffOf,
} from "./education-fixtures";
import { AUDIT_LINES } from "../../support/audit";

let sg: EducationWorld;
beforeAll(async () => {
  sg = await startEducation();
});
afterAll(async () => {
  await sg?.stop();
});

const WAITING_LIST = `query W($id: ID!) {
  school(id: $id) { okanEnrolled { value suppressed } okanAvailable waitingList { id status waitingListPosition person { id } } }
}`;

async function enrolmentCount(): Promise<number> {
  const [row] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM enrolment`);
  return row.n;
}

test("within capacity a child is ENROLLED; when OKAN is full the next ones are WAITLISTED in arrival order", async () => {
  const school = await createSchool(sg, { okanCapacity: 2 });
  const a = await enrolChild(sg, school);
  const b = await enrolChild(sg, school);
  const c = await enrolChild(sg, school);
  const d = await enrolChild(sg, school);
  expect([a, b, c, d].map((e) => e.status)).toEqual(["ENROLLED", "ENROLLED", "WAITLISTED", "WAITLISTED"]);
  const list = await sg.query(WAITING_LIST, { id: school }, staffOf(school), "ENROLMENT");
  expect(list.errors).toBeUndefined();
  expect(list.data.school).toEqual({
    // 2 children: a count of people of 1–4, suppressed; the free places would give it back, so null too.
    okanEnrolled: { value: null, suppressed: true },
    okanAvailable: null,
    waitingList: [
      { id: c.id, status: "WAITLISTED", waitingListPosition: 1, person: { id: c.personId } },
      { id: d.id, status: "WAITLISTED", waitingListPosition: 2, person: { id: d.personId } },
    ],
  });
});

test("twelve concurrent OKAN enrols for three places: exactly three get a place, nine wait in a strict order", async () => {
  const school = await createSchool(sg, { okanCapacity: 3 });
  const children = await registerPeople(sg, Array(12).fill(13));
  for (const c of children) await requestFor(sg, c, school);
  const results = await Promise.all(
    children.map((personId) =>
      sg.query(
        ENROL,
        { input: { personId, schoolId: school, programme: "OKAN", startDate: "2022-09-01" } },
        staffOf(school),
        "ENROLMENT",
      ),
    ),
  );
  expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
  const statuses = results.map((r) => r.data.enrol.status);
  expect(statuses.filter((s) => s === "ENROLLED")).toHaveLength(3);
  expect(statuses.filter((s) => s === "WAITLISTED")).toHaveLength(9);
  const [row] = await sg.db.dataSource.query(
    `SELECT count(*) AS n FROM enrolment WHERE school_id = $1 AND status = 'ENROLLED'`,
    [school],
  );
  expect(row.n).toBe(3);
  const positions = results.map((r) => r.data.enrol.waitingListPosition).filter((p) => p !== null);
  expect(positions.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // Every waitlisted child arrived (seq) after every enrolled one.
  const rows = await sg.db.dataSource.query(`SELECT status FROM enrolment WHERE school_id = $1 ORDER BY seq`, [school]);
  expect(rows.map((r: any) => r.status)).toEqual([...Array(3).fill("ENROLLED"), ...Array(9).fill("WAITLISTED")]);
});

test("leaveSchool frees the place for the first waitlisted child, whose start moves to the leaving day", async () => {
  const school = await createSchool(sg, { okanCapacity: 1 });
  const first = await enrolChild(sg, school);
  const second = await enrolChild(sg, school);
  const third = await enrolChild(sg, school);
  const left = await sg.query(
    LEAVE,
    { input: { enrolmentId: first.id, date: "2022-11-30" } },
    staffOf(school),
    "ENROLMENT",
  );
  expect(left.errors).toBeUndefined();
  expect(left.data.leaveSchool).toEqual({ id: first.id, status: "LEFT", endDate: "2022-11-30" });
  const [promoted] = await sg.db.dataSource.query(`SELECT status, start_date FROM enrolment WHERE id = $1`, [
    second.id,
  ]);
  expect(promoted).toEqual({ status: "ENROLLED", start_date: "2022-11-30" });
  const list = await sg.query(WAITING_LIST, { id: school }, staffOf(school), "ENROLMENT");
  expect(list.data.school.okanEnrolled).toEqual({ value: null, suppressed: true });
  expect(list.data.school.waitingList.map((e: any) => [e.id, e.waitingListPosition])).toEqual([[third.id, 1]]);
  // Leaving twice is a state change not allowed from LEFT.
  const again = await sg.query(
    LEAVE,
    { input: { enrolmentId: first.id, date: "2022-12-01" } },
    staffOf(school),
    "ENROLMENT",
  );
  expect(errorCodes(again)).toEqual(["CONFLICT"]);
});

test("leaving the waiting list promotes nobody and moves the others up", async () => {
  const school = await createSchool(sg, { okanCapacity: 1 });
  await enrolChild(sg, school);
  const w1 = await enrolChild(sg, school);
  const w2 = await enrolChild(sg, school);
  const res = await sg.query(
    LEAVE,
    { input: { enrolmentId: w1.id, date: "2022-10-01" } },
    staffOf(school),
    "ENROLMENT",
  );
  expect(res.data.leaveSchool.status).toBe("LEFT");
  const list = await sg.query(WAITING_LIST, { id: school }, staffOf(school), "ENROLMENT");
  expect(list.data.school.okanEnrolled).toEqual({ value: null, suppressed: true });
  expect(list.data.school.waitingList.map((e: any) => [e.id, e.waitingListPosition])).toEqual([[w2.id, 1]]);
});

test("concurrent departures each promote a different waitlisted child, never over capacity", async () => {
  const school = await createSchool(sg, { okanCapacity: 3 });
  const enrolled = [await enrolChild(sg, school), await enrolChild(sg, school), await enrolChild(sg, school)];
  const waiting = [await enrolChild(sg, school), await enrolChild(sg, school), await enrolChild(sg, school)];
  const results = await Promise.all(
    enrolled.map((e) =>
      sg.query(LEAVE, { input: { enrolmentId: e.id, date: "2022-12-20" } }, staffOf(school), "ENROLMENT"),
    ),
  );
  expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
  const rows = await sg.db.dataSource.query(`SELECT id, status FROM enrolment WHERE school_id = $1 ORDER BY seq`, [
    school,
  ]);
  const status = new Map(rows.map((r: any) => [r.id, r.status]));
  expect(waiting.map((w) => status.get(w.id))).toEqual(["ENROLLED", "ENROLLED", "ENROLLED"]);
});

test("regular programmes are never waitlisted; OKAN at a school without OKAN is BAD_USER_INPUT and writes nothing", async () => {
  const primary = await createSchool(sg, { offersOkan: false });
  const child = await enrolChild(sg, primary, undefined, "PRIMARY");
  expect(child.status).toBe("ENROLLED");
  const teen = await registerChild(sg, 13);
  await requestFor(sg, teen, primary);
  const before = await enrolmentCount();
  const res = await sg.query(
    ENROL,
    { input: { personId: teen, schoolId: primary, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(primary),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.programme");
  expect(await enrolmentCount()).toBe(before);
});

test("bad IDs are BAD_USER_INPUT naming the field; an unknown school is NOT_FOUND", async () => {
  const school = await createSchool(sg);
  const badPerson = await sg.query(
    ENROL,
    { input: { personId: "nope", schoolId: school, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(school),
    "ENROLMENT",
  );
  expect(errorCodes(badPerson)).toEqual(["BAD_USER_INPUT"]);
  expect(badPerson.errors![0].extensions!.field).toBe("input.personId");
  const unknown = "00000000-0000-4000-8000-000000000001";
  const missing = await sg.query(
    ENROL,
    { input: { personId: randomUUID(), schoolId: unknown, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(unknown),
    "ENROLMENT",
  );
  expect(errorCodes(missing)).toEqual(["NOT_FOUND"]);
  const badDate = await sg.query(
    ENROL,
    { input: { personId: randomUUID(), schoolId: school, programme: "OKAN", startDate: "2022-02-30" } },
    staffOf(school),
    "ENROLMENT",
  );
  expect(errorCodes(badDate)).toEqual(["BAD_USER_INPUT"]);
});

test("a child already enrolled or waiting is a CONFLICT; so is the same child at two schools at the same moment", async () => {
  const a = await createSchool(sg);
  const b = await createSchool(sg);
  const child = await enrolChild(sg, a);
  await requestFor(sg, child.personId, b);
  const again = await sg.query(
    ENROL,
    { input: { personId: child.personId, schoolId: b, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(b),
    "ENROLMENT",
  );
  expect(errorCodes(again)).toEqual(["CONFLICT"]);
  expect(again.errors![0].message).toBe(
    "This person already has an active enrolment elsewhere; ask the city education service.",
  );
  expect(again.errors![0].extensions!.existingId).toBeUndefined();
  const twin = await registerChild(sg);
  await requestFor(sg, twin, a);
  await requestFor(sg, twin, b);
  const both = await Promise.all(
    [a, b].map((s) =>
      sg.query(
        ENROL,
        { input: { personId: twin, schoolId: s, programme: "SECONDARY", startDate: "2022-09-01" } },
        staffOf(s),
        "ENROLMENT",
      ),
    ),
  );
  expect(both.map((r) => (r.errors ? r.errors[0].extensions!.code : "OK")).sort()).toEqual(["CONFLICT", "OK"]);
});

test("leaveSchool before the first school day is BAD_USER_INPUT and changes nothing", async () => {
  const school = await createSchool(sg);
  const child = await enrolChild(sg, school);
  const res = await sg.query(
    LEAVE,
    { input: { enrolmentId: child.id, date: "2022-08-01" } },
    staffOf(school),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("input.date");
  const [row] = await sg.db.dataSource.query(`SELECT status FROM enrolment WHERE id = $1`, [child.id]);
  expect(row.status).toBe("ENROLLED");
});

test("enrol with the same idempotencyKey returns the first enrolment and creates nothing", async () => {
  const school = await createSchool(sg);
  const personId = await registerChild(sg);
  await requestFor(sg, personId, school);
  const input = {
    personId,
    schoolId: school,
    programme: "OKAN",
    startDate: "2022-09-01",
    idempotencyKey: "enrol-1",
  };
  const first = await sg.query(ENROL, { input }, staffOf(school), "ENROLMENT");
  expect(first.errors).toBeUndefined();
  const before = await enrolmentCount();
  const again = await sg.query(ENROL, { input }, staffOf(school), "ENROLMENT");
  expect(again.data.enrol.id).toBe(first.data.enrol.id);
  expect(await enrolmentCount()).toBe(before);
});

test("another caller's idempotency key skips no check: no hand-over is FORBIDDEN, an adult is refused by age", async () => {
  // Scenario: staff of school B reuse the key staff of school A used; the key is theirs alone, so every check runs.
  const a = await createSchool(sg);
  const b = await createSchool(sg);
  const child = await registerChild(sg);
  await requestFor(sg, child, a);
  const key = "shared-key-across-schools";
  const input = { personId: child, schoolId: a, programme: "OKAN", startDate: "2022-09-01", idempotencyKey: key };
  expect((await sg.query(ENROL, { input }, staffOf(a), "ENROLMENT")).errors).toBeUndefined();
  const other = await registerChild(sg);
  const before = await enrolmentCount();
  const res = await sg.query(ENROL, { input: { ...input, personId: other, schoolId: b } }, staffOf(b), "ENROLMENT");
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  // An adult handed over to B by mistake: the age check still runs for B's first use of the key.
  const adult = await registerChild(sg, 30);
  await requestFor(sg, adult, b);
  const adultRes = await sg.query(
    ENROL,
    { input: { ...input, personId: adult, schoolId: b } },
    staffOf(b),
    "ENROLMENT",
  );
  expect(errorCodes(adultRes)).toEqual(["BAD_USER_INPUT"]);
  expect(adultRes.errors![0].extensions!.field).toBe("input.personId");
  expect(await enrolmentCount()).toBe(before);
});

test("only staff of the enrolment's school write: another school's staff are refused and audited, nothing written", async () => {
  const a = await createSchool(sg);
  const b = await createSchool(sg);
  const before = await enrolmentCount();
  const personId = await registerChild(sg);
  await requestFor(sg, personId, a);
  const res = await sg.query(
    ENROL,
    { input: { personId, schoolId: a, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(b),
    "ENROLMENT",
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  expect(await enrolmentCount()).toBe(before);
  const audit = await sg.db.dataSource.query(
    `SELECT category, action, outcome, reason FROM ${AUDIT_LINES} WHERE person_id = $1`,
    [personId],
  );
  expect(audit).toContainEqual({ category: "EDUCATION", action: "WRITE", outcome: "REFUSED", reason: "FORBIDDEN" });
  expect(audit.filter((r: any) => r.outcome === "REFUSED")).toHaveLength(1);

  const child = await enrolChild(sg, a);
  const leave = await sg.query(
    LEAVE,
    { input: { enrolmentId: child.id, date: "2022-10-01" } },
    staffOf(b),
    "ENROLMENT",
  );
  expect(errorCodes(leave)).toEqual(["FORBIDDEN"]);

  const sw = await sg.query(
    ENROL,
    { input: { personId, schoolId: a, programme: "OKAN", startDate: "2022-09-01" } },
    SOCIAL_WORKER,
  );
  expect(errorCodes(sw)).toEqual(["FORBIDDEN"]);
  const noPurpose = await sg.query(
    ENROL,
    { input: { personId, schoolId: a, programme: "OKAN", startDate: "2022-09-01" } },
    staffOf(a),
    null,
  );
  expect(errorCodes(noPurpose)).toEqual(["PURPOSE_REQUIRED"]);
  expect(await enrolmentCount()).toBe(before + 1);
});

test("an allowed enrol is audited as a write of education data for the child", async () => {
  const school = await createSchool(sg);
  const child = await enrolChild(sg, school);
  const rows = await sg.db.dataSource.query(
    `SELECT category, action, outcome, purpose, subject, fields FROM ${AUDIT_LINES} WHERE person_id = $1`,
    [child.personId],
  );
  expect(rows).toContainEqual({
    category: "EDUCATION",
    action: "WRITE",
    outcome: "ALLOWED",
    purpose: "ENROLMENT",
    subject: `staff-${school}`,
    fields: ["Mutation.enrol"],
  });
});

test("the waiting list shows other schools' staff none of the children; social workers see all", async () => {
  const school = await createSchool(sg, { okanCapacity: 0 });
  const w = await enrolChild(sg, school);
  const other = await createSchool(sg);
  const foreign = await sg.query(WAITING_LIST, { id: school }, staffOf(other), "ENROLMENT");
  expect(foreign.data.school.waitingList).toEqual([]);
  const sw = await sg.query(WAITING_LIST, { id: school }, SOCIAL_WORKER);
  expect(sw.data.school.waitingList.map((e: any) => e.id)).toEqual([w.id]);
  const noPurpose = await sg.query(WAITING_LIST, { id: school }, SOCIAL_WORKER, null);
  expect(errorCodes(noPurpose)).toEqual(["PURPOSE_REQUIRED"]);
});

test("Enrolment resolves by key through _entities for those who may read it, and refuses others", async () => {
  const a = await createSchool(sg);
  const b = await createSchool(sg);
  const child = await enrolChild(sg, a);
  const q = `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enrolment { id status programme school { id } } } }`;
  const reps = [
    { __typename: "Enrolment", id: child.id },
    { __typename: "Enrolment", id: "00000000-0000-4000-8000-000000000002" },
  ];
  const own = await sg.query(q, { reps }, staffOf(a), "ENROLMENT");
  expect(own.errors).toBeUndefined();
  expect(own.data._entities).toEqual([
    { id: child.id, status: "ENROLLED", programme: "OKAN", school: { id: a } },
    null,
  ]);
  const sw = await sg.query(q, { reps: reps.slice(0, 1) }, SOCIAL_WORKER);
  expect(sw.data._entities[0].id).toBe(child.id);
  const foreign = await sg.query(q, { reps: reps.slice(0, 1) }, staffOf(b), "ENROLMENT");
  expect(errorCodes(foreign)).toEqual(["FORBIDDEN"]);
});
