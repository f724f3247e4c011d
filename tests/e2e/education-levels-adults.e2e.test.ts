// Issue 9, through the gateway: school staff assess children and the level is proposed from the age (asked of social) and Dutch, overridden only with a reason, every assessment kept; an analyst reads how long children waited for school (median hand-computed, bands, small counts suppressed); a social worker records adults' Dutch courses and integration programme, while housing coordinators, care workers, analysts and other schools' staff are refused, audited, nothing written.
import { Purpose } from "@reception-graph/kit";
import { ok, place, siteCoordinator, SOCIAL, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, postGraphql } from "../support/graphql";
import { letters } from "../support/names";
import { internalToken, TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

const ADMIN: TokenClaims = { sub: "admin-levels", org: "CITY_GENT", roles: ["ADMIN"] };
const ANALYST: TokenClaims = { sub: "analyst-levels", org: "CITY_GENT", roles: ["ANALYST"] };
const HOUSING: TokenClaims = { sub: "housing-levels", org: "CITY_GENT", roles: ["HOUSING_COORDINATOR"] };
const CARE: TokenClaims = { sub: "care-levels", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };
const staffOf = (schoolId: string): TokenClaims => ({
  sub: `staff-${schoolId.slice(0, 8)}`,
  org: "SCHOOL",
  roles: ["SCHOOL_STAFF"],
  schools: [schoolId],
});

const REGISTER = `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`;
const REQUEST = `mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`;
const ENROL = `mutation E($input: EnrolInput!) { enrol(input: $input) { id status } }`;
const LEAVE = `mutation L($input: LeaveSchoolInput!) { leaveSchool(input: $input) { id status } }`;
const ASSESS = `mutation A($input: RecordEducationAssessmentInput!) {
  recordEducationAssessment(input: $input) { id proposedLevel recommendedLevel overrideReason overridden speaksDutch date }
}`;
const ASSESSMENTS = `query P($id: ID!) { person(id: $id) {
  educationAssessment { id recommendedLevel }
  educationAssessments { id date proposedLevel recommendedLevel overrideReason }
} }`;
const TIME_TO_SCHOOL = `query T($from: Date!, $to: Date!, $siteId: ID) { timeToSchool(from: $from, to: $to, siteId: $siteId) {
  children { value suppressed } median medianSuppressed buckets { label count suppressed }
} }`;
const COURSE = `mutation C($input: EnrolInDutchCourseInput!) {
  enrolInDutchCourse(input: $input) { id level provider startDate endDate status person { id } }
}`;
const UPDATE_COURSE = `mutation U($input: UpdateDutchCourseInput!) { updateDutchCourse(input: $input) { id status endDate } }`;
const STEP = `mutation S($input: RecordIntegrationStepInput!) {
  recordIntegrationStep(input: $input) { id status statusDate history { status date note } }
}`;
const ADULT = `query A($id: ID!) { person(id: $id) {
  dutchCourses { id level provider status startDate endDate }
  integrationProgramme { status statusDate history { status date } }
} }`;

let familyCount = 0;

/** Registers people (letters-only names) born on the given days; returns their IDs in order. */
async function register(birthDates: string[]): Promise<string[]> {
  return (await registerFamily(birthDates)).ids;
}

async function registerFamily(birthDates: string[]): Promise<{ householdId: string; ids: string[] }> {
  familyCount++;
  const familyName = `Levels${letters(familyCount)}`;
  const members = birthDates.map((birthDate, i) => ({
    givenName: `Child${letters(i + 1)}`,
    familyName,
    birthDate,
    sex: i % 2 ? "MALE" : "FEMALE",
  }));
  const h = ok(await graph.query(REGISTER, { input: { members } }, SOCIAL, "CASE_MANAGEMENT")).registerHousehold;
  const byName = new Map<string, string>(h.members.map((m: { id: string; givenName: string }) => [m.givenName, m.id]));
  return { householdId: h.id, ids: members.map((m) => byName.get(m.givenName)!) };
}

async function registerSchool(name: string): Promise<string> {
  return ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name, nisCode: "44021", offersOkan: true, okanCapacity: 30 } },
      ADMIN,
      null,
    ),
  ).registerSchool.id;
}

async function handOver(personId: string, schoolId: string) {
  ok(await graph.query(REQUEST, { input: { personId, schoolId } }, SOCIAL, "CASE_MANAGEMENT"));
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await graph.dataSources.education.query(sql, params);
  return row.n as number;
}

/** Refusal lines in education's audit_log for a field and caller. */
function refusals(field: string, subject: string): Promise<number> {
  return count(
    `SELECT count(*)::int AS n FROM ${AUDIT_LINES} WHERE $1 = ANY(fields) AND subject = $2 AND outcome = 'REFUSED'`,
    [field, subject],
  );
}

const ASSESSED_ON = "2022-09-05";

describe("level proposal", () => {
  let school: string;
  const assessment = (personId: string, extra: Record<string, unknown> = {}) => ({
    personId,
    schoolId: school,
    priorSchoolingYears: 3,
    lastGrade: "Grade three",
    languages: ["uk"],
    date: ASSESSED_ON,
    ...extra,
  });
  beforeAll(async () => {
    school = await registerSchool("Levels school");
  });

  test("each age band (on the assessment day, asked of social) gets its level; Dutch decides between OKAN and secondary", async () => {
    // Birth dates give these ages on 2022-09-05: 4, 5 (a day before the sixth birthday), 6, 11, 12, 17, 15, 17.
    const cases: { birthDate: string; speaksDutch?: boolean; expected: string }[] = [
      { birthDate: "2018-01-10", expected: "KINDERGARTEN" },
      { birthDate: "2016-09-06", expected: "KINDERGARTEN" },
      { birthDate: "2016-09-05", expected: "PRIMARY" },
      { birthDate: "2010-09-06", expected: "PRIMARY" },
      { birthDate: "2010-09-05", speaksDutch: false, expected: "OKAN" },
      { birthDate: "2004-09-06", expected: "OKAN" },
      { birthDate: "2007-03-01", speaksDutch: true, expected: "SECONDARY" },
      { birthDate: "2004-09-06", speaksDutch: true, expected: "SECONDARY" },
    ];
    const ids = await register(cases.map((c) => c.birthDate));
    for (const [i, c] of cases.entries()) {
      await handOver(ids[i], school);
      const extra = c.speaksDutch === undefined ? {} : { speaksDutch: c.speaksDutch };
      const res = ok(
        await graph.query(ASSESS, { input: assessment(ids[i], extra) }, staffOf(school), "ENROLMENT"),
      ).recordEducationAssessment;
      expect({ birthDate: c.birthDate, ...res, id: undefined }).toEqual({
        birthDate: c.birthDate,
        id: undefined,
        proposedLevel: c.expected,
        recommendedLevel: c.expected,
        overrideReason: null,
        overridden: false,
        speaksDutch: c.speaksDutch ?? false,
        date: ASSESSED_ON,
      });
    }
  });

  test("an override needs a reason (BAD_USER_INPUT, nothing written); a reassessment keeps the history", async () => {
    const [child] = await register(["2008-02-01"]); // 14 on the assessment day: OKAN proposed
    await handOver(child, school);
    const written = () => count(`SELECT count(*)::int AS n FROM education_assessment WHERE person_id = $1`, [child]);
    const noReason = await graph.query(
      ASSESS,
      { input: assessment(child, { recommendedLevel: "SECONDARY" }) },
      staffOf(school),
      "ENROLMENT",
    );
    expect(errorCodes(noReason)).toEqual(["BAD_USER_INPUT"]);
    expect((noReason.errors![0] as any).extensions.field).toBe("input.overrideReason");
    expect(await written()).toBe(0);
    const blank = await graph.query(
      ASSESS,
      { input: assessment(child, { recommendedLevel: "SECONDARY", overrideReason: "   " }) },
      staffOf(school),
      "ENROLMENT",
    );
    expect(errorCodes(blank)).toEqual(["BAD_USER_INPUT"]);
    expect(await written()).toBe(0);

    const first = ok(
      await graph.query(
        ASSESS,
        {
          input: assessment(child, {
            recommendedLevel: "SECONDARY",
            overrideReason: "Followed a Flemish school abroad",
          }),
        },
        staffOf(school),
        "ENROLMENT",
      ),
    ).recordEducationAssessment;
    expect(first).toMatchObject({
      proposedLevel: "OKAN",
      recommendedLevel: "SECONDARY",
      overrideReason: "Followed a Flemish school abroad",
      overridden: true,
    });
    const second = ok(
      await graph.query(
        ASSESS,
        { input: assessment(child, { date: "2022-10-03", priorSchoolingYears: 8 }) },
        staffOf(school),
        "ENROLMENT",
      ),
    ).recordEducationAssessment;
    expect(second).toMatchObject({ proposedLevel: "OKAN", recommendedLevel: "OKAN", overridden: false });
    expect(await written()).toBe(2);

    const person = ok(await graph.query(ASSESSMENTS, { id: child }, staffOf(school), "ENROLMENT")).person;
    expect(person.educationAssessment).toEqual({ id: second.id, recommendedLevel: "OKAN" });
    expect(person.educationAssessments).toEqual([
      { id: second.id, date: "2022-10-03", proposedLevel: "OKAN", recommendedLevel: "OKAN", overrideReason: null },
      {
        id: first.id,
        date: ASSESSED_ON,
        proposedLevel: "OKAN",
        recommendedLevel: "SECONDARY",
        overrideReason: "Followed a Flemish school abroad",
      },
    ]);
  });

  test("an adult gets no school level: BAD_USER_INPUT on input.personId, nothing written", async () => {
    const [adult] = await register(["1990-05-05"]);
    await handOver(adult, school);
    const res = await graph.query(ASSESS, { input: assessment(adult) }, staffOf(school), "ENROLMENT");
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect((res.errors![0] as any).extensions.field).toBe("input.personId");
    expect(await count(`SELECT count(*)::int AS n FROM education_assessment WHERE person_id = $1`, [adult])).toBe(0);
  });
});

describe("time to school", () => {
  let school: string;
  let other: string;
  beforeAll(async () => {
    school = await registerSchool("Time school");
    other = await registerSchool("Second time school");
  });

  /** Registers 8-year-olds, sets their registration day in social, hands them over and enrols them on startDate. */
  async function enrolAfter(children: { registeredOn: string; startDate: string }[], at = school) {
    const ids = await register(children.map(() => "2014-06-01"));
    const enrolments: string[] = [];
    for (const [i, c] of children.entries()) {
      // Registration happens "now" in the test; the past registration day is set in social's own database.
      await graph.dataSources.social.query(
        `UPDATE person SET registered_at = ($2::date + time '10:00') AT TIME ZONE 'Europe/Brussels' WHERE id = $1`,
        [ids[i], c.registeredOn],
      );
      await handOver(ids[i], at);
      const e = ok(
        await graph.query(
          ENROL,
          { input: { personId: ids[i], schoolId: at, programme: "PRIMARY", startDate: c.startDate } },
          staffOf(at),
          "ENROLMENT",
        ),
      ).enrol;
      expect(e.status).toBe("ENROLLED");
      enrolments.push(e.id);
    }
    return { ids, enrolments };
  }

  test("median and bands for a period, hand-computed; a small band is suppressed with its complement; later enrolments do not count", async () => {
    // Days waited (registration 2022-12-01): 0 (registered after the first school day), 2, 5, 7, 7 | 8, 9, 10, 11,
    // 14, 14 | 15, 30. Sorted, the 7th of 13 is 9: the median. Bands: 5, 6, 2 (suppressed), 0; the single
    // hidden band takes the smallest other non-zero band (0-7, 5) with it, so the total gives nothing away.
    const reg = "2022-12-01";
    const day = (n: number) => new Date(Date.UTC(2022, 11, 1 + n)).toISOString().slice(0, 10);
    const children = [
      { registeredOn: "2022-12-20", startDate: "2022-12-19" },
      ...[2, 5, 7, 7, 8, 9, 10, 11, 14, 14, 15, 30].map((n) => ({ registeredOn: reg, startDate: day(n) })),
    ];
    const { ids, enrolments } = await enrolAfter(children);
    // Outside the period: not counted.
    await enrolAfter([{ registeredOn: reg, startDate: "2023-01-02" }]);
    const expected = {
      children: { value: 13, suppressed: false },
      median: 9,
      medianSuppressed: false,
      buckets: [
        { label: "0-7", count: null, suppressed: true },
        { label: "8-14", count: 6, suppressed: false },
        { label: "15-30", count: null, suppressed: true },
        { label: "over 30", count: 0, suppressed: false },
      ],
    };
    const period = { from: "2022-12-03", to: "2022-12-31" };
    expect(ok(await graph.query(TIME_TO_SCHOOL, period, ANALYST, "REPORTING")).timeToSchool).toEqual(expected);
    expect(
      await count(`SELECT count(*)::int AS n FROM enrolment WHERE person_id = ANY($1::uuid[]) AND days_to_school = 0`, [
        ids,
      ]),
    ).toBe(1);

    // A child of the period leaves and is enrolled at another school in the period: the wait is the first enrolment's.
    ok(
      await graph.query(
        LEAVE,
        { input: { enrolmentId: enrolments[1], date: "2022-12-20" } },
        staffOf(school),
        "ENROLMENT",
      ),
    );
    await handOver(ids[1], other);
    ok(
      await graph.query(
        ENROL,
        { input: { personId: ids[1], schoolId: other, programme: "PRIMARY", startDate: "2022-12-28" } },
        staffOf(other),
        "ENROLMENT",
      ),
    );
    expect(ok(await graph.query(TIME_TO_SCHOOL, period, ANALYST, "REPORTING")).timeToSchool).toEqual(expected);
  });

  test("the wait counts from registration or arrival at a site, whichever is later (asked of social and housing, not kept)", async () => {
    // Registered 2022-04-20 and 2022-05-10; the household moved in at a site on 2022-05-02; first school day
    // 2022-05-16: 14 days (from the arrival) and 6 days (from the later registration).
    const { householdId, ids } = await registerFamily(["2014-02-02", "2013-03-03"]);
    const registered = ["2022-04-20", "2022-05-10"];
    for (const [i, id] of ids.entries()) {
      await graph.dataSources.social.query(
        `UPDATE person SET registered_at = ($2::date + time '10:00') AT TIME ZONE 'Europe/Brussels' WHERE id = $1`,
        [id, registered[i]],
      );
    }
    const site = await validatedSite(graph, "Arrival site", [4]);
    ok(await place(graph, householdId, site));
    for (const id of ids) {
      await handOver(id, school);
      ok(
        await graph.query(
          ENROL,
          { input: { personId: id, schoolId: school, programme: "PRIMARY", startDate: "2022-05-16" } },
          staffOf(school),
          "ENROLMENT",
        ),
      );
    }
    const rows = await graph.dataSources.education.query(
      `SELECT person_id, days_to_school FROM enrolment WHERE person_id = ANY($1::uuid[])`,
      [ids],
    );
    const days = new Map(
      rows.map((r: { person_id: string; days_to_school: number }) => [r.person_id, r.days_to_school]),
    );
    expect(ids.map((id) => days.get(id))).toEqual([14, 6]);

    // Housing tells the arrival day only to whoever may see the child: another school's staff are refused, audited.
    const otherSchool = await registerSchool("Not their school");
    const ARRIVED = `query A($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { arrivedOn } } }`;
    const reps = [{ __typename: "Person", id: ids[0] }];
    const ask = async (as: TokenClaims) =>
      postGraphql(
        graph.subgraphUrls.housing,
        ARRIVED,
        { reps },
        {
          authorization: `Bearer ${await internalToken(as, "ENROLMENT")}`,
        },
      );
    const refused = await ask(staffOf(otherSchool));
    expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
    const [line] = await graph.dataSources.housing.query(
      `SELECT count(*)::int AS n FROM ${AUDIT_LINES} WHERE person_id = $1 AND subject = $2 AND outcome = 'REFUSED'`,
      [ids[0], staffOf(otherSchool).sub],
    );
    expect(line.n).toBe(1);
    expect(ok(await ask(staffOf(school)))._entities).toEqual([{ arrivedOn: "2022-05-02" }]);
  });

  test("per site: only the children who arrived there, for callers who may read where people live; an analyst is refused", async () => {
    // Six children of one household, registered 2022-04-01, arrive at the site on 2022-05-02 (the later day) and
    // start school 49, 50, 51, 52, 53 and 63 days later: median (51 + 52) / 2 = 51.5, all over 30 days. Two more
    // children, registered 2022-06-01 and never placed, start on 2022-06-20: 19 days each.
    const { householdId, ids } = await registerFamily([
      "2012-01-01",
      "2012-06-06",
      "2013-01-01",
      "2014-01-01",
      "2015-01-01",
      "2013-08-08",
    ]);
    for (const id of ids) {
      await graph.dataSources.social.query(
        `UPDATE person SET registered_at = ($2::date + time '10:00') AT TIME ZONE 'Europe/Brussels' WHERE id = $1`,
        [id, "2022-04-01"],
      );
    }
    const site = await validatedSite(graph, "Site of arrivals", [8]);
    ok(await place(graph, householdId, site));
    const starts = ["2022-06-20", "2022-06-21", "2022-06-22", "2022-06-23", "2022-06-24", "2022-07-04"];
    for (const [i, id] of ids.entries()) {
      await handOver(id, school);
      ok(
        await graph.query(
          ENROL,
          { input: { personId: id, schoolId: school, programme: "PRIMARY", startDate: starts[i] } },
          staffOf(school),
          "ENROLMENT",
        ),
      );
    }
    await enrolAfter([
      { registeredOn: "2022-06-01", startDate: "2022-06-20" },
      { registeredOn: "2022-06-01", startDate: "2022-06-20" },
    ]);
    const period = { from: "2022-06-16", to: "2022-07-10" };
    const all = ok(await graph.query(TIME_TO_SCHOOL, period, ANALYST, "REPORTING")).timeToSchool;
    // 19, 19, 49, 50, 51, 52, 53, 63: median (50 + 51) / 2; the band of two is hidden with the over-30 band.
    expect(all).toEqual({
      children: { value: 8, suppressed: false },
      median: 50.5,
      medianSuppressed: false,
      buckets: [
        { label: "0-7", count: 0, suppressed: false },
        { label: "8-14", count: 0, suppressed: false },
        { label: "15-30", count: null, suppressed: true },
        { label: "over 30", count: null, suppressed: true },
      ],
    });
    const bySite = ok(await graph.query(TIME_TO_SCHOOL, { ...period, siteId: site }, HOUSING, "PLACEMENT"));
    expect(bySite.timeToSchool).toEqual({
      children: { value: 6, suppressed: false },
      median: 51.5,
      medianSuppressed: false,
      buckets: [
        { label: "0-7", count: 0, suppressed: false },
        { label: "8-14", count: 0, suppressed: false },
        { label: "15-30", count: 0, suppressed: false },
        { label: "over 30", count: 6, suppressed: false },
      ],
    });
    const analyst = await graph.query(TIME_TO_SCHOOL, { ...period, siteId: site }, ANALYST, "REPORTING");
    expect(errorCodes(analyst)).toEqual(["FORBIDDEN"]);
    const [line] = await graph.dataSources.housing.query(
      `SELECT count(*)::int AS n FROM ${AUDIT_LINES}
       WHERE subject = $1 AND outcome = 'REFUSED' AND 'Query.peopleArrivedAtSite' = ANY(fields)`,
      [ANALYST.sub],
    );
    expect(line.n).toBe(1);
  });

  test("a waiting-list entry's wait runs until it gets a place", async () => {
    // OKAN class of one place. Both registered 2022-08-01; both ask for 2022-09-01 (31 days); the second waits
    // until the first leaves on 2022-10-03, so its wait is 63 days, counted only once it has the place.
    const okan = ok(
      await graph.query(
        `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
        { input: { name: "Small OKAN", nisCode: "44021", offersOkan: true, okanCapacity: 1 } },
        ADMIN,
        null,
      ),
    ).registerSchool.id;
    const ids = await register(["2009-03-03", "2009-04-04"]);
    const enrolments: string[] = [];
    for (const id of ids) {
      await graph.dataSources.social.query(
        `UPDATE person SET registered_at = ('2022-08-01'::date + time '10:00') AT TIME ZONE 'Europe/Brussels' WHERE id = $1`,
        [id],
      );
      await handOver(id, okan);
      const e = ok(
        await graph.query(
          ENROL,
          { input: { personId: id, schoolId: okan, programme: "OKAN", startDate: "2022-09-01" } },
          staffOf(okan),
          "ENROLMENT",
        ),
      ).enrol;
      enrolments.push(e.id);
    }
    const waits = async () =>
      (
        await graph.dataSources.education.query(
          `SELECT days_to_school AS days, enrolled_at IS NOT NULL AS placed FROM enrolment WHERE id = ANY($1::uuid[])
           ORDER BY array_position($1::uuid[], id)`,
          [enrolments],
        )
      ).map((r: { days: number; placed: boolean }) => [r.days, r.placed]);
    expect(await waits()).toEqual([
      [31, true],
      [31, false],
    ]);
    ok(
      await graph.query(
        LEAVE,
        { input: { enrolmentId: enrolments[0], date: "2022-10-03" } },
        staffOf(okan),
        "ENROLMENT",
      ),
    );
    expect(await waits()).toEqual([
      [31, true],
      [63, true],
    ]);
  });

  test("fewer than five children: the count and the median are suppressed, and each band of 1-4", async () => {
    // Days 1, 20, 40 in March 2023: one child per band but 8-14.
    await enrolAfter([
      { registeredOn: "2023-02-28", startDate: "2023-03-01" },
      { registeredOn: "2023-02-28", startDate: "2023-03-20" },
      { registeredOn: "2023-02-10", startDate: "2023-03-22" },
    ]);
    const res = ok(await graph.query(TIME_TO_SCHOOL, { from: "2023-03-01", to: "2023-03-31" }, ANALYST, "REPORTING"));
    expect(res.timeToSchool).toEqual({
      children: { value: null, suppressed: true },
      median: null,
      medianSuppressed: true,
      buckets: [
        { label: "0-7", count: null, suppressed: true },
        { label: "8-14", count: 0, suppressed: false },
        { label: "15-30", count: null, suppressed: true },
        { label: "over 30", count: null, suppressed: true },
      ],
    });
  });
});

describe("adults: Dutch courses and integration programme", () => {
  let adult: string;
  let minor: string;
  let handedOver: string;
  let school: string;
  beforeAll(async () => {
    [adult, minor, handedOver] = await register(["1988-04-12", "2010-01-01", "1979-11-30"]);
    school = await registerSchool("Adults school");
    // Handed over to the school: school staff's own.
    await handOver(handedOver, school);
  });

  const course = (personId: string, extra: Record<string, unknown> = {}) => ({
    personId,
    level: "A1",
    provider: "Huis van het Nederlands",
    startDate: "2022-09-12",
    endDate: "2022-12-16",
    ...extra,
  });
  const courses = (personId: string) =>
    count(`SELECT count(*)::int AS n FROM dutch_course WHERE person_id = $1`, [personId]);

  test("a social worker enrols an adult in a course and follows it; impossible status changes are CONFLICT", async () => {
    const created = ok(
      await graph.query(
        COURSE,
        { input: course(adult, { idempotencyKey: "course-adult" }) },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    ).enrolInDutchCourse;
    expect(created).toMatchObject({ level: "A1", status: "PLANNED", startDate: "2022-09-12", person: { id: adult } });
    const again = ok(
      await graph.query(
        COURSE,
        { input: course(adult, { idempotencyKey: "course-adult" }) },
        SOCIAL,
        "CASE_MANAGEMENT",
      ),
    ).enrolInDutchCourse;
    expect(again.id).toBe(created.id);
    expect(await courses(adult)).toBe(1);

    const skip = await graph.query(UPDATE_COURSE, { input: { courseId: created.id, status: "COMPLETED" } }, SOCIAL);
    expect(errorCodes(skip)).toEqual(["CONFLICT"]);
    ok(await graph.query(UPDATE_COURSE, { input: { courseId: created.id, status: "ONGOING" } }, SOCIAL));
    const done = ok(
      await graph.query(
        UPDATE_COURSE,
        { input: { courseId: created.id, status: "COMPLETED", endDate: "2022-12-16" } },
        SOCIAL,
      ),
    ).updateDutchCourse;
    expect(done).toEqual({ id: created.id, status: "COMPLETED", endDate: "2022-12-16" });
    const back = await graph.query(UPDATE_COURSE, { input: { courseId: created.id, status: "ONGOING" } }, SOCIAL);
    expect(errorCodes(back)).toEqual(["CONFLICT"]);
    expect(
      await count(`SELECT count(*)::int AS n FROM dutch_course WHERE id = $1 AND status = 'COMPLETED'`, [created.id]),
    ).toBe(1);

    const bad = await graph.query(COURSE, { input: course(adult, { level: "C1" }) }, SOCIAL);
    expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
    const backwards = await graph.query(COURSE, { input: course(adult, { endDate: "2022-09-01" }) }, SOCIAL);
    expect(errorCodes(backwards)).toEqual(["BAD_USER_INPUT"]);
    expect((backwards.errors![0] as any).extensions.field).toBe("input.endDate");
    const child = await graph.query(COURSE, { input: course(minor) }, SOCIAL);
    expect(errorCodes(child)).toEqual(["BAD_USER_INPUT"]);
    expect(await courses(adult)).toBe(1);
    expect(await courses(minor)).toBe(0);

    ok(
      await graph.query(
        COURSE,
        { input: course(adult, { level: "A2", startDate: "2023-01-09", endDate: null }) },
        SOCIAL,
      ),
    );
    const read = ok(await graph.query(ADULT, { id: adult }, SOCIAL, "CASE_MANAGEMENT")).person;
    expect(read.dutchCourses).toEqual([
      expect.objectContaining({ level: "A2", status: "PLANNED", startDate: "2023-01-09", endDate: null }),
      expect.objectContaining({ id: created.id, level: "A1", status: "COMPLETED", endDate: "2022-12-16" }),
    ]);
  });

  test("the integration programme goes REFERRED → STARTED → COMPLETED with its history; other steps are CONFLICT", async () => {
    const first = await graph.query(
      STEP,
      { input: { personId: adult, status: "STARTED", date: "2022-09-01" } },
      SOCIAL,
    );
    expect(errorCodes(first)).toEqual(["CONFLICT"]);
    expect(await count(`SELECT count(*)::int AS n FROM integration_programme WHERE person_id = $1`, [adult])).toBe(0);
    ok(await graph.query(STEP, { input: { personId: adult, status: "REFERRED", date: "2022-09-01" } }, SOCIAL));
    ok(
      await graph.query(
        STEP,
        { input: { personId: adult, status: "STARTED", date: "2022-09-15", note: "Civic orientation" } },
        SOCIAL,
      ),
    );
    const early = await graph.query(
      STEP,
      { input: { personId: adult, status: "COMPLETED", date: "2022-09-10" } },
      SOCIAL,
    );
    expect(errorCodes(early)).toEqual(["BAD_USER_INPUT"]);
    const done = ok(
      await graph.query(STEP, { input: { personId: adult, status: "COMPLETED", date: "2023-02-01" } }, SOCIAL),
    ).recordIntegrationStep;
    expect(done).toMatchObject({ status: "COMPLETED", statusDate: "2023-02-01" });
    const exempt = await graph.query(
      STEP,
      { input: { personId: adult, status: "EXEMPT", date: "2023-02-02" } },
      SOCIAL,
    );
    expect(errorCodes(exempt)).toEqual(["CONFLICT"]);
    const read = ok(await graph.query(ADULT, { id: adult }, SOCIAL, "CASE_MANAGEMENT")).person;
    expect(read.integrationProgramme).toEqual({
      status: "COMPLETED",
      statusDate: "2023-02-01",
      history: [
        { status: "REFERRED", date: "2022-09-01" },
        { status: "STARTED", date: "2022-09-15" },
        { status: "COMPLETED", date: "2023-02-01" },
      ],
    });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM integration_programme_event e
         JOIN integration_programme p ON p.id = e.programme_id WHERE p.person_id = $1`,
        [adult],
      ),
    ).toBe(3);
  });

  test("housing coordinators, care workers, analysts and another school's staff are refused, audited, nothing written", async () => {
    const otherSchool = await registerSchool("Other adults school");
    const callers: [string, TokenClaims, Purpose][] = [
      ["housing", HOUSING, "PLACEMENT"],
      ["care", CARE, "CARE"],
      ["analyst", ANALYST, "REPORTING"],
      ["other school", staffOf(otherSchool), "ENROLMENT"],
    ];
    const [person] = await register(["1985-07-07"]);
    for (const [who, as, purpose] of callers) {
      const c = await graph.query(COURSE, { input: course(person) }, as, purpose);
      const s = await graph.query(
        STEP,
        { input: { personId: person, status: "REFERRED", date: "2022-09-01" } },
        as,
        purpose,
      );
      const r = await graph.query(ADULT, { id: person }, as, purpose);
      // The read fails on each field it asks for (or on the person, for callers who may not see them at all).
      expect({ who, codes: [...errorCodes(c), ...errorCodes(s), ...new Set(errorCodes(r))] }).toEqual({
        who,
        codes: ["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"],
      });
      expect(r.data?.person?.dutchCourses ?? null).toBeNull();
      expect(await refusals("Mutation.enrolInDutchCourse", as.sub!)).toBe(1);
      expect(await refusals("Mutation.recordIntegrationStep", as.sub!)).toBe(1);
    }
    expect(await courses(person)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM integration_programme WHERE person_id = $1`, [person])).toBe(0);
    // Changing a course someone else recorded: refused the same way, the course unchanged.
    const [{ id: courseId }] = await graph.dataSources.education.query(
      `SELECT id FROM dutch_course WHERE person_id = $1 AND status = 'PLANNED'`,
      [adult],
    );
    for (const [who, as, purpose] of callers) {
      const u = await graph.query(UPDATE_COURSE, { input: { courseId, status: "DROPPED" } }, as, purpose);
      expect({ who, codes: errorCodes(u) }).toEqual({ who, codes: ["FORBIDDEN"] });
      expect(await refusals("Mutation.updateDutchCourse", as.sub!)).toBe(1);
    }
    expect(
      await count(`SELECT count(*)::int AS n FROM dutch_course WHERE id = $1 AND status = 'PLANNED'`, [courseId]),
    ).toBe(1);
    // A social worker may not write education data for a purpose that does not cover it.
    const placement = await graph.query(COURSE, { input: course(person) }, SOCIAL, "PLACEMENT");
    expect(errorCodes(placement)).toEqual(["FORBIDDEN"]);
    expect(await courses(person)).toBe(0);
  });

  test("a site coordinator reads the courses of their own residents only, and writes none", async () => {
    const { householdId, ids } = await registerFamily(["1991-01-01"]);
    const [stranger] = await register(["1992-02-02"]);
    const site = await validatedSite(graph, "Adults site", [2]);
    ok(await place(graph, householdId, site));
    for (const id of [ids[0], stranger]) ok(await graph.query(COURSE, { input: course(id, { level: "A2" }) }, SOCIAL));
    const coordinator = siteCoordinator(site);
    const own = ok(await graph.query(ADULT, { id: ids[0] }, coordinator, "ENROLMENT")).person;
    expect(own.dutchCourses).toEqual([expect.objectContaining({ level: "A2", status: "PLANNED" })]);
    const other = await graph.query(ADULT, { id: stranger }, coordinator, "ENROLMENT");
    expect(new Set(errorCodes(other))).toEqual(new Set(["FORBIDDEN"]));
    const write = await graph.query(COURSE, { input: course(ids[0], { level: "B1" }) }, coordinator, "ENROLMENT");
    expect(errorCodes(write)).toEqual(["FORBIDDEN"]);
    expect(await courses(ids[0])).toBe(1);
    expect(await refusals("Mutation.enrolInDutchCourse", coordinator.sub!)).toBe(1);
  });

  test("school staff write and read only their own: an adult handed over to their school", async () => {
    const staff = staffOf(school);
    const own = ok(await graph.query(COURSE, { input: course(handedOver, { level: "B1" }) }, staff, "ENROLMENT"));
    expect(own.enrolInDutchCourse.status).toBe("PLANNED");
    const read = ok(await graph.query(ADULT, { id: handedOver }, staff, "ENROLMENT")).person;
    expect(read.dutchCourses).toHaveLength(1);
    const notOwn = await graph.query(COURSE, { input: course(adult) }, staff, "ENROLMENT");
    expect(errorCodes(notOwn)).toEqual(["FORBIDDEN"]);
    expect(await courses(adult)).toBe(2);
    expect(await refusals("Mutation.enrolInDutchCourse", staff.sub!)).toBe(1);
  });
});
