import { ageOn, todayInBrussels } from "@reception-graph/kit";
import { DemoCaller, DemoClient, DemoPart, DemoState } from "./demo-client";

/** The city's administrator enters the schools (reference data, no purpose needed). */
const SCHOOLS_ADMIN: DemoCaller = { sub: "demo-education-admin", org: "STAD_GENT", roles: ["ADMIN"] };
/** Reads household members' birth years to know which children to hand over to a school, and makes the requests. */
const SOCIAL_WORKER: DemoCaller = { sub: "demo-sw-education", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };

/** NIS code of Gent. */
const GENT = "44021";

interface DemoSchool {
  key: string;
  name: string;
  offersOkan: boolean;
  okanCapacity: number;
}

export const DEMO_SCHOOLS: DemoSchool[] = [
  { key: "okanCentrum", name: "Secondary school Gent-Centrum (OKAN)", offersOkan: true, okanCapacity: 24 },
  { key: "okanGentbrugge", name: "Secondary school Gentbrugge (OKAN)", offersOkan: true, okanCapacity: 12 },
  { key: "primaryVlieger", name: "Primary school De Vlieger", offersOkan: false, okanCapacity: 0 },
  { key: "primaryKompas", name: "Primary school Het Kompas", offersOkan: false, okanCapacity: 0 },
  // A small OKAN class, full in the demo: its waiting list shows first come, first served.
  { key: "okanSintAmandsberg", name: "Secondary school Sint-Amandsberg (OKAN)", offersOkan: true, okanCapacity: 2 },
];

/** Staff of one school (scoped to it). */
function staffOf(key: string, schoolId: string): DemoCaller {
  return { sub: `demo-staff-${key}`, org: "STAD_GENT_ONDERWIJS", roles: ["SCHOOL_STAFF"], schools: [schoolId] };
}

/** Where a child of this age starts: kindergarten, primary school or OKAN (secondary age). */
function placeFor(age: number): { programme: string; school: string } | null {
  if (age < 5 || age > 17) return null;
  if (age < 6) return { programme: "KINDERGARTEN", school: "primaryKompas" };
  if (age < 12) return { programme: "PRIMARY", school: "primaryVlieger" };
  return { programme: "OKAN", school: "okanCentrum" };
}

const REGISTER_SCHOOL = `mutation DemoRegisterSchool($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`;
const HOUSEHOLD = `query DemoHouseholdAges($id: ID!) { household(id: $id) { members { id birthDate birthYear languages } } }`;
const REQUEST = `mutation DemoRequestEnrolment($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`;
const ASSESS = `mutation DemoAssess($input: RecordEducationAssessmentInput!) { recordEducationAssessment(input: $input) { id } }`;
const ENROL = `mutation DemoEnrol($input: EnrolInput!) { enrol(input: $input) { id status } }`;
const REGISTER_HOUSEHOLD = `mutation DemoRegisterHousehold($input: RegisterHouseholdInput!) {
  registerHousehold(input: $input) { id members { id givenName } }
}`;
const RECORD_ACTIVITY = `mutation DemoRecordActivity($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;

/** A birth date that makes a child `age` on `today` (and for the rest of the year but its last day). */
function bornAged(today: string, age: number): string {
  return `${Number(today.slice(0, 4)) - age - 1}-12-31`;
}

/** A day `days` before today (YYYY-MM-DD). */
function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Registers a household of the demo's own (not in the social part's state, so the loop above never sees it). */
async function demoHousehold(
  client: DemoClient,
  key: string,
  members: { givenName: string; familyName: string; birthDate: string; sex: string }[],
  registeredOn?: string,
): Promise<Map<string, string>> {
  const data = await client.run<{ registerHousehold: { members: { id: string; givenName: string }[] } }>(
    SOCIAL_WORKER,
    "CASE_MANAGEMENT",
    REGISTER_HOUSEHOLD,
    {
      input: {
        members: members.map((m) => ({ ...m, languages: ["uk"] })),
        idempotencyKey: `demo-household-${key}`,
        ...(registeredOn ? { registeredOn } : {}),
      },
    },
  );
  return new Map(data.registerHousehold.members.map((m) => [m.givenName, m.id]));
}

/**
 * Four teenagers arrive together and are handed over to the small OKAN class
 * of Sint-Amandsberg (two places): the first two get a place, the other two
 * wait, in the order they were enrolled.
 */
async function seedWaitingList(client: DemoClient, state: DemoState, today: string) {
  const teens = [
    { givenName: "Oleksandr", age: 16, sex: "MALE" },
    { givenName: "Kateryna", age: 15, sex: "FEMALE" },
    { givenName: "Bohdan", age: 14, sex: "MALE" },
    { givenName: "Yuliia", age: 13, sex: "FEMALE" },
  ];
  const ids = await demoHousehold(client, "hrytsenko", [
    { givenName: "Svitlana", familyName: "Hrytsenko", birthDate: "1981-05-19", sex: "FEMALE" },
    ...teens.map((t) => ({
      givenName: t.givenName,
      familyName: "Hrytsenko",
      birthDate: bornAged(today, t.age),
      sex: t.sex,
    })),
  ]);
  const schoolId = state.schools.okanSintAmandsberg;
  const staff = staffOf("okanSintAmandsberg", schoolId);
  for (const teen of teens) {
    const personId = ids.get(teen.givenName)!;
    await client.run(SOCIAL_WORKER, "CASE_MANAGEMENT", REQUEST, {
      input: { personId, schoolId, programme: "OKAN", idempotencyKey: `demo-request-${personId}` },
    });
    await client.run(staff, "ENROLMENT", ASSESS, {
      input: {
        personId,
        schoolId,
        priorSchoolingYears: teen.age - 6,
        lastGrade: `Grade ${teen.age - 6} in Ukraine`,
        languages: ["uk", "ru"],
        recommendedLevel: "OKAN",
        date: today,
        idempotencyKey: `demo-assessment-${personId}`,
      },
    });
    await client.run(staff, "ENROLMENT", ENROL, {
      input: { personId, schoolId, programme: "OKAN", startDate: today, idempotencyKey: `demo-enrolment-${personId}` },
    });
  }
}

/**
 * Two children of school age who have no school yet: registered three weeks
 * ago (entered from the desk's paper form with its day), but not handed over
 * to any school, so the compulsory-schooling follow-up finds them past 14 days.
 */
async function seedChildrenWithoutSchool(client: DemoClient, today: string) {
  await demoHousehold(
    client,
    "bondar",
    [
      { givenName: "Iryna", familyName: "Bondar", birthDate: "1988-09-03", sex: "FEMALE" },
      { givenName: "Matvii", familyName: "Bondar", birthDate: bornAged(today, 10), sex: "MALE" },
      { givenName: "Zlata", familyName: "Bondar", birthDate: bornAged(today, 7), sex: "FEMALE" },
    ],
    daysBefore(today, 21),
  );
}

interface DemoActivity {
  key: string;
  site: "schoonmeersen" | "terRive";
  daysAgo: number;
  kind: string;
  title: string;
  organiser: string;
  attendance: [string, string, number][];
}

/** Activities at both centres, attendance by age band and sex (no names). */
const DEMO_ACTIVITIES: DemoActivity[] = [
  {
    key: "schoonmeersen-football",
    site: "schoonmeersen",
    daysAgo: 12,
    kind: "SPORT",
    title: "Football with KAA Gent youth coaches",
    organiser: "IOM site team Schoonmeersen",
    attendance: [
      ["AGE_5_11", "MALE", 6],
      ["AGE_5_11", "FEMALE", 4],
      ["AGE_12_17", "MALE", 7],
      ["AGE_12_17", "FEMALE", 3],
    ],
  },
  {
    key: "schoonmeersen-language-cafe",
    site: "schoonmeersen",
    daysAgo: 5,
    kind: "LANGUAGE_CAFE",
    title: "Dutch language café",
    organiser: "Agentschap Integratie en Inburgering",
    attendance: [
      ["AGE_18_59", "FEMALE", 11],
      ["AGE_18_59", "MALE", 4],
      ["AGE_60_PLUS", "FEMALE", 3],
    ],
  },
  {
    key: "terrive-art",
    site: "terRive",
    daysAgo: 9,
    kind: "ART",
    title: "Painting workshop",
    organiser: "IOM site team Ter Rive",
    attendance: [
      ["AGE_0_4", "FEMALE", 2],
      ["AGE_5_11", "FEMALE", 5],
      ["AGE_5_11", "MALE", 5],
      ["AGE_18_59", "FEMALE", 6],
    ],
  },
  {
    key: "terrive-culture",
    site: "terRive",
    daysAgo: 2,
    kind: "CULTURE",
    title: "Visit to the Gravensteen",
    organiser: "IOM site team Ter Rive",
    attendance: [
      ["AGE_12_17", "FEMALE", 4],
      ["AGE_18_59", "FEMALE", 8],
      ["AGE_18_59", "MALE", 2],
      ["AGE_60_PLUS", "MALE", 1],
    ],
  },
];

/** Each site's coordinator records the activities at their centre (skipped when the housing part made no sites). */
async function seedActivities(client: DemoClient, state: DemoState, today: string) {
  for (const a of DEMO_ACTIVITIES) {
    const siteId = state.sites[a.site];
    if (!siteId) continue;
    const coordinator: DemoCaller = {
      sub: `demo-iom-${a.site}`,
      org: "IOM",
      roles: ["SITE_COORDINATOR"],
      sites: [siteId],
    };
    await client.run(coordinator, null, RECORD_ACTIVITY, {
      input: {
        siteId,
        date: daysBefore(today, a.daysAgo),
        kind: a.kind,
        title: a.title,
        organiser: a.organiser,
        attendance: a.attendance.map(([ageBand, sex, count]) => ({ ageBand, sex, count })),
        idempotencyKey: `demo-activity-${a.key}`,
      },
    });
  }
}

/**
 * Ghent's schools enter the graph; every demo child of school age is handed
 * over to a school by a social worker (an enrolment request: school staff
 * never take a child themselves), then assessed and enrolled (kindergarten,
 * primary or OKAN) by the staff of that school. Then a family of four
 * teenagers fills the small OKAN class of Sint-Amandsberg (two wait), two
 * children are registered without a school yet, and the site coordinators
 * record activities at both centres.
 */
export const seedEducation: DemoPart = async (client, state) => {
  for (const s of DEMO_SCHOOLS) {
    const { key, ...input } = s;
    const data = await client.run<{ registerSchool: { id: string } }>(SCHOOLS_ADMIN, null, REGISTER_SCHOOL, {
      input: { ...input, nisCode: GENT, idempotencyKey: `demo-school-${key}` },
    });
    state.schools[key] = data.registerSchool.id;
  }

  const today = todayInBrussels();
  const thisYear = Number(today.slice(0, 4));
  for (const household of Object.values(state.households)) {
    const data = await client.run<{
      household: {
        members: { id: string; birthDate: string | null; birthYear: number | null; languages: string[] }[];
      } | null;
    }>(SOCIAL_WORKER, "CASE_MANAGEMENT", HOUSEHOLD, { id: household.householdId });
    for (const member of data.household?.members ?? []) {
      if (member.birthYear == null) continue;
      // The age education checks on the start day (today): exact from the birth date when known.
      const age = member.birthDate ? ageOn(member.birthDate, today) : thisYear - member.birthYear;
      const place = placeFor(age);
      if (!place) continue;
      const schoolId = state.schools[place.school];
      const staff = staffOf(place.school, schoolId);
      await client.run(SOCIAL_WORKER, "CASE_MANAGEMENT", REQUEST, {
        input: {
          personId: member.id,
          schoolId,
          programme: place.programme,
          idempotencyKey: `demo-request-${member.id}`,
        },
      });
      const priorSchoolingYears = Math.max(0, Math.min(15, age - 6));
      await client.run(staff, "ENROLMENT", ASSESS, {
        input: {
          personId: member.id,
          schoolId,
          priorSchoolingYears,
          lastGrade: priorSchoolingYears > 0 ? `Grade ${priorSchoolingYears} in Ukraine` : null,
          languages: member.languages.length ? member.languages : ["uk"],
          recommendedLevel: place.programme,
          date: today,
          idempotencyKey: `demo-assessment-${member.id}`,
        },
      });
      await client.run(staff, "ENROLMENT", ENROL, {
        input: {
          personId: member.id,
          schoolId,
          programme: place.programme,
          startDate: today,
          idempotencyKey: `demo-enrolment-${member.id}`,
        },
      });
    }
  }

  await seedWaitingList(client, state, today);
  await seedChildrenWithoutSchool(client, today);
  await seedActivities(client, state, today);
};
