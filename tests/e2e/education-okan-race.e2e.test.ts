// Through the gateway, 30 children handed over to an OKAN school with 5 free places are enrolled at the same moment: the database ends with exactly 5 ENROLLED and 25 WAITLISTED in strict arrival order, its counter never over capacity; concurrent departures give each freed place to the longest-waiting child, and the database itself refuses a place beyond capacity.
import { ok, SOCIAL } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { letters } from "../support/names";
import { TokenClaims } from "../support/tokens";

let graph: RunningGraph;
let school: string;
let staff: TokenClaims;
const ADMIN: TokenClaims = { sub: "e2e-admin", org: "STAD_GENT", roles: ["ADMIN"] };
const CAPACITY = 5;
const RACERS = 30;
const START = "2022-09-01";
/** Every child is 14 on the start day: OKAN age (12–17). */
const BIRTH_DATE = "2008-03-15";

const REQUEST = `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`;
const ENROL = `mutation E($input: EnrolInput!) { enrol(input: $input) { id status waitingListPosition } }`;
const LEAVE = `mutation L($input: LeaveSchoolInput!) { leaveSchool(input: $input) { id status } }`;

interface Row {
  id: string;
  person_id: string;
  status: string;
  seq: string;
}
let children: string[];
/** Enrolments of the race, in the order the database took them (seq). */
let race: Row[];

async function enrolments(): Promise<Row[]> {
  return graph.dataSources.education.query(
    `SELECT id, person_id, status, seq FROM enrolment WHERE school_id = $1 ORDER BY seq`,
    [school],
  );
}

async function counts(): Promise<{ enrolled: number; waitlisted: number; counter: number }> {
  const [row] = await graph.dataSources.education.query(
    `SELECT (SELECT count(*)::int FROM enrolment WHERE school_id = s.id AND programme = 'OKAN' AND status = 'ENROLLED')
              AS enrolled,
            (SELECT count(*)::int FROM enrolment WHERE school_id = s.id AND status = 'WAITLISTED') AS waitlisted,
            s.okan_enrolled AS counter
     FROM school s WHERE s.id = $1`,
    [school],
  );
  return row;
}

beforeAll(async () => {
  graph = await startGraph();
  school = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "OKAN school Race", nisCode: "44021", offersOkan: true, okanCapacity: CAPACITY } },
      ADMIN,
      null,
    ),
  ).registerSchool.id;
  staff = { sub: "e2e-staff-race", org: "STAD_GENT_ONDERWIJS", roles: ["SCHOOL_STAFF"], schools: [school] };
  children = [];
  // Six households of an adult and six children of OKAN age: 36 children (30 racers, 6 late arrivals).
  for (let h = 0; h < 6; h++) {
    const family = `Race${letters(h)}`;
    const members = [
      { givenName: `Mother${letters(h)}`, familyName: family, birthDate: "1980-01-01", sex: "FEMALE" },
      ...Array.from({ length: 6 }, (_, i) => ({
        givenName: `Kid${letters(h * 6 + i)}`,
        familyName: family,
        birthDate: BIRTH_DATE,
        sex: i % 2 ? "MALE" : "FEMALE",
      })),
    ];
    const reg = ok(
      await graph.query(
        `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id givenName } } }`,
        { input: { members } },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    ).registerHousehold;
    const byName = new Map<string, string>(reg.members.map((m: any) => [m.givenName, m.id]));
    children.push(...members.slice(1).map((m) => byName.get(m.givenName)!));
  }
  // The hand-over first: a social worker asks the school to enrol each child.
  for (const personId of children) {
    ok(await graph.query(REQUEST, { input: { personId, schoolId: school, programme: "OKAN" } }, SOCIAL));
  }
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

test("30 concurrent enrols for 5 places: exactly 5 ENROLLED, 25 WAITLISTED in arrival order, never over capacity", async () => {
  let watching = true;
  let maxSeen = 0;
  // Watches the committed state while the race runs: no moment shows more than the capacity.
  const watcher = (async () => {
    while (watching) {
      maxSeen = Math.max(maxSeen, (await counts()).enrolled);
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const answers = await Promise.all(
    children
      .slice(0, RACERS)
      .map((personId) =>
        graph.query(
          ENROL,
          { input: { personId, schoolId: school, programme: "OKAN", startDate: START } },
          staff,
          "ENROLMENT",
        ),
      ),
  );
  watching = false;
  await watcher;
  // No caller is told about capacity as an error: every child is enrolled or on the waiting list.
  expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
  race = await enrolments();
  expect(race).toHaveLength(RACERS);
  expect(await counts()).toEqual({ enrolled: CAPACITY, waitlisted: RACERS - CAPACITY, counter: CAPACITY });
  expect(maxSeen).toBeLessThanOrEqual(CAPACITY);
  // Arrival order is the order the database took them in: the first five got the places, the rest wait behind them.
  expect(race.map((r) => r.status)).toEqual([
    ...Array(CAPACITY).fill("ENROLLED"),
    ...Array(RACERS - CAPACITY).fill("WAITLISTED"),
  ]);
  // Each caller was told the position the database holds: 1 … 25 in seq order, no gaps or ties.
  const toldById = new Map(answers.map((a) => [a.data.enrol.id, a.data.enrol]));
  expect(race.map((r) => toldById.get(r.id)!.waitingListPosition)).toEqual([
    ...Array(CAPACITY).fill(null),
    ...Array.from({ length: RACERS - CAPACITY }, (_, i) => i + 1),
  ]);
  // The enrolment rows were written in seq order (taken under the school lock), one at a time.
  const times: { seq: string; created_at: Date }[] = await graph.dataSources.education.query(
    `SELECT seq, created_at FROM enrolment WHERE school_id = $1 ORDER BY seq`,
    [school],
  );
  for (let i = 1; i < times.length; i++) {
    expect(times[i].created_at.getTime()).toBeGreaterThanOrEqual(times[i - 1].created_at.getTime());
  }
  // Each hand-over was fulfilled by its own enrolment.
  const [fulfilled] = await graph.dataSources.education.query(
    `SELECT count(*)::int AS n FROM enrolment_request WHERE school_id = $1 AND status = 'FULFILLED'`,
    [school],
  );
  expect(fulfilled.n).toBe(RACERS);
}, 120_000);

test("the database itself refuses an OKAN place beyond capacity, whatever the code does", async () => {
  const waiting = race[CAPACITY];
  await expect(
    graph.dataSources.education.query(`UPDATE enrolment SET status = 'ENROLLED' WHERE id = $1`, [waiting.id]),
  ).rejects.toMatchObject({ driverError: { code: "23514", constraint: "school_okan_within_capacity" } });
  await expect(
    graph.dataSources.education.query(
      `INSERT INTO enrolment (person_id, school_id, programme, status, start_date, created_by)
       VALUES (gen_random_uuid(), $1, 'OKAN', 'ENROLLED', '2022-09-01', 'e2e')`,
      [school],
    ),
  ).rejects.toMatchObject({ driverError: { code: "23514", constraint: "school_okan_within_capacity" } });
  expect(await counts()).toEqual({ enrolled: CAPACITY, waitlisted: RACERS - CAPACITY, counter: CAPACITY });
});

test("three concurrent departures give the three places to the three longest-waiting children", async () => {
  const leavers = race.slice(0, 3);
  const answers = await Promise.all(
    leavers.map((e) => graph.query(LEAVE, { input: { enrolmentId: e.id, date: "2022-10-03" } }, staff, "ENROLMENT")),
  );
  expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
  const after = await enrolments();
  const statusOf = new Map(after.map((r) => [r.id, r.status]));
  expect(leavers.map((e) => statusOf.get(e.id))).toEqual(["LEFT", "LEFT", "LEFT"]);
  // Waiting positions 1–3 (seq order) were promoted; position 4 still waits, now first.
  expect(race.slice(CAPACITY, CAPACITY + 4).map((e) => statusOf.get(e.id))).toEqual([
    "ENROLLED",
    "ENROLLED",
    "ENROLLED",
    "WAITLISTED",
  ]);
  expect(await counts()).toEqual({ enrolled: CAPACITY, waitlisted: RACERS - CAPACITY - 3, counter: CAPACITY });
});

test("departures of pupils and of waiting children at the same moment, with late arrivals enrolling: order and capacity hold", async () => {
  const before = await enrolments();
  const enrolled = before.filter((r) => r.status === "ENROLLED");
  const waiting = before.filter((r) => r.status === "WAITLISTED");
  // Two pupils leave, the first and third waiting children leave the list, and six newcomers ask for a place.
  const leaving = [enrolled[0], enrolled[1], waiting[0], waiting[2]];
  const latecomers = children.slice(RACERS);
  const answers = await Promise.all([
    ...leaving.map((e) => graph.query(LEAVE, { input: { enrolmentId: e.id, date: "2022-11-07" } }, staff, "ENROLMENT")),
    ...latecomers.map((personId) =>
      graph.query(
        ENROL,
        { input: { personId, schoolId: school, programme: "OKAN", startDate: START } },
        staff,
        "ENROLMENT",
      ),
    ),
  ]);
  expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
  const after = await enrolments();
  const statusOf = new Map(after.map((r) => [r.id, r.status]));
  // Whatever the interleaving, the two places go to waiting children 2 and 4 (the longest waiting who stayed);
  // newcomers arrive behind everyone already waiting, so they all wait.
  expect(leaving.map((e) => statusOf.get(e.id))).toEqual(["LEFT", "LEFT", "LEFT", "LEFT"]);
  expect([waiting[1], waiting[3], waiting[4]].map((e) => statusOf.get(e.id))).toEqual([
    "ENROLLED",
    "ENROLLED",
    "WAITLISTED",
  ]);
  const newcomers = after.filter((r) => latecomers.includes(r.person_id));
  expect(newcomers.map((r) => r.status)).toEqual(Array(latecomers.length).fill("WAITLISTED"));
  // The waiting list is still in seq order with the newcomers at its end.
  const list = after.filter((r) => r.status === "WAITLISTED").map((r) => r.id);
  expect(list.slice(-latecomers.length)).toEqual(newcomers.map((r) => r.id));
  expect(await counts()).toEqual({
    enrolled: CAPACITY,
    waitlisted: waiting.length - 4 + latecomers.length,
    counter: CAPACITY,
  });
}, 120_000);

test("should the count in code ever disagree with the database, the child is waitlisted, never an error", async () => {
  const small = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "OKAN school Guard", nisCode: "44021", offersOkan: true, okanCapacity: 1 } },
      ADMIN,
      null,
    ),
  ).registerSchool.id;
  const child = ok(
    await graph.query(
      `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id } } }`,
      { input: { members: [{ givenName: "Guard", familyName: "Race", birthDate: BIRTH_DATE, sex: "MALE" }] } },
      SOCIAL,
      "CASE_MANAGEMENT",
    ),
  ).registerHousehold.members[0].id;
  ok(await graph.query(REQUEST, { input: { personId: child, schoolId: small, programme: "OKAN" } }, SOCIAL));
  // The counter says full while no row holds the place: the code's count sees a free place, the database does not.
  await graph.dataSources.education.query(`UPDATE school SET okan_enrolled = 1 WHERE id = $1`, [small]);
  const smallStaff = { ...staff, sub: "e2e-staff-guard", schools: [small] };
  const res = await graph.query(
    ENROL,
    { input: { personId: child, schoolId: small, programme: "OKAN", startDate: START } },
    smallStaff,
    "ENROLMENT",
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.enrol).toMatchObject({ status: "WAITLISTED", waitingListPosition: 1 });
  const rows = await graph.dataSources.education.query(`SELECT status FROM enrolment WHERE school_id = $1`, [small]);
  expect(rows).toEqual([{ status: "WAITLISTED" }]);
});
