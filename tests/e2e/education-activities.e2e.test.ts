// Through the gateway, a site's coordinator records an activity at their site with attendance counted by age band and sex (no names) and anyone with aggregates reads it back with totals; another site's coordinator is refused and audited with nothing written; bad input names the field and value and writes nothing.
import { todayInBrussels } from "@reception-graph/kit";
import { HOUSING, ok, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
let siteA: string;
let siteB: string;
let school: string;
const ADMIN: TokenClaims = { sub: "e2e-admin", org: "STAD_GENT", roles: ["ADMIN"] };
const ANALYST: TokenClaims = { sub: "e2e-analyst", org: "IOM", roles: ["ANALYST"] };
const CITY_EDUCATION_SERVICE: TokenClaims = { sub: "e2e-city-edu", org: "CITY_EDUCATION", roles: ["SCHOOL_STAFF"] };

const RECORD = `mutation A($input: RecordActivityInput!) {
  recordActivity(input: $input) { id date kind title organiser site { id } totalAttendance { value suppressed } attendance { ageBand sex count { value suppressed } } }
}`;
const LIST = `query L($siteId: ID, $from: Date, $to: Date) {
  activities(siteId: $siteId, from: $from, to: $to) { id date kind organiser site { id } school { name } totalAttendance { value } attendance { ageBand sex count { value suppressed } } }
}`;

async function activityCount(): Promise<number> {
  const [a] = await graph.dataSources.education.query(`SELECT count(*)::int AS n FROM activity`);
  const [b] = await graph.dataSources.education.query(`SELECT count(*)::int AS n FROM activity_attendance`);
  return a.n * 1000 + b.n;
}

const football = () => ({
  siteId: siteA,
  date: "2022-06-04",
  kind: "SPORT",
  title: "Football on the square",
  organiser: "IOM site team",
  attendance: [
    { ageBand: "AGE_12_17", sex: "MALE", count: 7 },
    { ageBand: "AGE_5_11", sex: "FEMALE", count: 3 },
    { ageBand: "AGE_5_11", sex: "MALE", count: 4 },
    { ageBand: "AGE_18_59", sex: "FEMALE", count: 0 },
  ],
});

beforeAll(async () => {
  graph = await startGraph();
  siteA = await validatedSite(graph, "Schoonmeersen", [4]);
  siteB = await validatedSite(graph, "Ter Rive", [4]);
  school = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "Primary school De Vlieger", nisCode: "44021", offersOkan: false, okanCapacity: 0 } },
      ADMIN,
      null,
    ),
  ).registerSchool.id;
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

test("the site's coordinator records an activity with no purpose needed; zero groups are not stored", async () => {
  const res = await graph.query(RECORD, { input: football() }, siteCoordinator(siteA), null);
  expect(res.errors).toBeUndefined();
  expect(res.data.recordActivity).toEqual({
    id: expect.any(String),
    date: "2022-06-04",
    kind: "SPORT",
    title: "Football on the square",
    organiser: "IOM site team",
    site: { id: siteA },
    totalAttendance: { value: 14, suppressed: false },
    // 3 and 4 are 1–4: suppressed (the kit's rule); 7 is shown, and with two cells hidden none can be worked back.
    attendance: [
      { ageBand: "AGE_5_11", sex: "FEMALE", count: { value: null, suppressed: true } },
      { ageBand: "AGE_5_11", sex: "MALE", count: { value: null, suppressed: true } },
      { ageBand: "AGE_12_17", sex: "MALE", count: { value: 7, suppressed: false } },
    ],
  });
  const rows = await graph.dataSources.education.query(
    `SELECT age_band, sex, count FROM activity_attendance WHERE activity_id = $1 ORDER BY age_band, sex`,
    [res.data.recordActivity.id],
  );
  expect(rows).toEqual([
    { age_band: "AGE_12_17", sex: "MALE", count: 7 },
    { age_band: "AGE_5_11", sex: "FEMALE", count: 3 },
    { age_band: "AGE_5_11", sex: "MALE", count: 4 },
  ]);
});

test("the housing coordinator and the city education service record at any site; a school's staff for their own school", async () => {
  const art = {
    siteId: siteB,
    date: "2022-06-10",
    kind: "ART",
    organiser: "Kunstendagen",
    attendance: [{ ageBand: "AGE_60_PLUS", sex: "FEMALE", count: 5 }],
  };
  expect(ok(await graph.query(RECORD, { input: art }, HOUSING, null)).recordActivity.totalAttendance).toEqual({
    value: 5,
    suppressed: false,
  });
  const cafe = {
    ...art,
    kind: "LANGUAGE_CAFE",
    organiser: "City education service",
    attendance: [{ ageBand: "AGE_18_59", sex: "MALE", count: 6 }],
  };
  expect(ok(await graph.query(RECORD, { input: cafe }, CITY_EDUCATION_SERVICE, null)).recordActivity.kind).toBe(
    "LANGUAGE_CAFE",
  );
  const staff: TokenClaims = {
    sub: "e2e-staff-vlieger",
    org: "STAD_GENT_ONDERWIJS",
    roles: ["SCHOOL_STAFF"],
    schools: [school],
  };
  const games = {
    ...art,
    date: "2022-06-11",
    kind: "GAMES",
    organiser: "De Vlieger",
    schoolId: school,
    attendance: [{ ageBand: "AGE_5_11", sex: "OTHER", count: 1 }],
  };
  expect(ok(await graph.query(RECORD, { input: games }, staff, null)).recordActivity.kind).toBe("GAMES");
  // Without naming their school, a school's staff record for no one.
  const before = await activityCount();
  const refused = await graph.query(RECORD, { input: { ...games, schoolId: null } }, staff, null);
  expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
  expect(await activityCount()).toBe(before);
});

test("activities(siteId, from, to) lists a site's activities in the period with totals, newest first", async () => {
  const all = ok(
    await graph.query(LIST, { siteId: siteB, from: "2022-06-01", to: "2022-06-30" }, ANALYST, "REPORTING"),
  );
  // Newest first; on the same day, the one recorded last first.
  // GAMES had one participant: suppressed (null) for everyone reading the aggregate.
  expect(all.activities.map((a: any) => [a.date, a.kind, a.totalAttendance.value, a.school?.name ?? null])).toEqual([
    ["2022-06-11", "GAMES", null, "Primary school De Vlieger"],
    ["2022-06-10", "LANGUAGE_CAFE", 6, null],
    ["2022-06-10", "ART", 5, null],
  ]);
  const narrow = ok(
    await graph.query(LIST, { siteId: siteB, from: "2022-06-11", to: "2022-06-11" }, ANALYST, "REPORTING"),
  );
  expect(narrow.activities.map((a: any) => a.kind)).toEqual(["GAMES"]);
  const siteAOnly = ok(await graph.query(LIST, { siteId: siteA }, siteCoordinator(siteA), null));
  expect(siteAOnly.activities.map((a: any) => [a.site.id, a.totalAttendance.value])).toEqual([[siteA, 14]]);
});

test("another site's coordinator is refused, audited in education, and nothing is written", async () => {
  const before = await activityCount();
  const other = siteCoordinator(siteB);
  const res = await graph.query(RECORD, { input: football() }, other, null);
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
  expect(await activityCount()).toBe(before);
  const audit = await graph.dataSources.education.query(
    `SELECT category, action, outcome, reason FROM ${AUDIT_LINES} WHERE subject = $1 AND 'Mutation.recordActivity' = ANY(fields)`,
    [other.sub],
  );
  expect(audit).toEqual([{ category: "AGGREGATES", action: "WRITE", outcome: "REFUSED", reason: "FORBIDDEN" }]);
});

test("the counts are aggregates: a caller with no aggregates grant (ADMIN) reads the activity but not its attendance", async () => {
  const res = await graph.query(`query { activities { kind totalAttendance { value } } }`, {}, ADMIN, null);
  expect(errorCodes(res)).toContain("FORBIDDEN");
  expect(res.data?.activities ?? null).toBeNull();
  const kinds = ok(await graph.query(`query { activities { kind } }`, {}, ADMIN, null));
  expect(kinds.activities).toHaveLength(4);
});

describe("bad input is BAD_USER_INPUT naming the field and the value, and writes nothing", () => {
  const today = todayInBrussels();
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const cases: [string, () => Record<string, unknown>, string, string][] = [
    [
      "unknown site",
      () => ({ ...football(), siteId: "6c0e4a55-9d64-4b41-8a4e-1f4b2d6c0a11" }),
      "input.siteId",
      "6c0e4a55-9d64-4b41-8a4e-1f4b2d6c0a11",
    ],
    [
      "unknown school",
      () => ({ ...football(), schoolId: "0b7e1f3a-2a4c-4d8e-9f10-5a6b7c8d9e0f" }),
      "input.schoolId",
      "0b7e1f3a-2a4c-4d8e-9f10-5a6b7c8d9e0f",
    ],
    [
      "negative attendance",
      () => ({ ...football(), attendance: [{ ageBand: "AGE_5_11", sex: "MALE", count: -2 }] }),
      "input.attendance[0].count",
      "-2",
    ],
    ["future date", () => ({ ...football(), date: tomorrow }), "input.date", tomorrow],
    [
      "no one attended",
      () => ({ ...football(), attendance: [{ ageBand: "AGE_5_11", sex: "MALE", count: 0 }] }),
      "input.attendance",
      "no one",
    ],
    ["empty organiser", () => ({ ...football(), organiser: "  " }), "input.organiser", "must not be empty"],
    [
      "a group given twice",
      () => ({
        ...football(),
        attendance: [
          { ageBand: "AGE_5_11", sex: "MALE", count: 1 },
          { ageBand: "AGE_5_11", sex: "MALE", count: 2 },
        ],
      }),
      "input.attendance[1]",
      "AGE_5_11 MALE",
    ],
  ];
  test.each(cases)("%s", async (_name, input, field, value) => {
    const before = await activityCount();
    const res = await graph.query(RECORD, { input: input() }, HOUSING, null);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe(field);
    expect(res.errors![0].message).toContain(value);
    expect(await activityCount()).toBe(before);
  });

  test("an unknown site in the query", async () => {
    const res = await graph.query(LIST, { siteId: "6c0e4a55-9d64-4b41-8a4e-1f4b2d6c0a11" }, ANALYST, "REPORTING");
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe("siteId");
  });
});

test("repeating recordActivity with the same idempotency key records it once", async () => {
  const input = { ...football(), date: "2022-06-05", idempotencyKey: "e2e-activity-once" };
  const first = ok(await graph.query(RECORD, { input }, siteCoordinator(siteA), null)).recordActivity.id;
  const before = await activityCount();
  const again = ok(await graph.query(RECORD, { input }, siteCoordinator(siteA), null)).recordActivity.id;
  expect(again).toBe(first);
  expect(await activityCount()).toBe(before);
});
