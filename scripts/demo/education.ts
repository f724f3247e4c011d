import { ageOn, todayInBrussels } from "@reception-graph/kit";
import { DemoCaller, DemoPart } from "./demo-client";

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

/**
 * Ghent's schools enter the graph; every demo child of school age is handed
 * over to a school by a social worker (an enrolment request: school staff
 * never take a child themselves), then assessed and enrolled (kindergarten,
 * primary or OKAN) by the staff of that school.
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
};
