import { RunningGraph } from "./graph";
import { TokenClaims } from "./tokens";

export const SOCIAL_WORKER: TokenClaims = { sub: "sw-fixture", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
export const HOUSING_COORDINATOR: TokenClaims = { sub: "hc-fixture", org: "CITY_GENT", roles: ["HOUSING_COORDINATOR"] };
const ADMIN: TokenClaims = { sub: "admin-fixture", org: "CITY_GENT", roles: ["ADMIN"] };

/** The data of a successful response; throws with the errors otherwise. */
export function ok(res: { data?: any; errors?: unknown[] }): any {
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

export interface SeededGraph {
  siteId: string;
  serviceId: string;
  schoolId: string;
  personIds: string[];
}

/**
 * `count` children, each registered (social), placed in a one-bed room of one
 * validated site (housing), referred to one service (care) and enrolled in one
 * school (education), all through the gateway.
 */
export async function seedPeopleAcrossGraph(graph: RunningGraph, count: number): Promise<SeededGraph> {
  const personIds: string[] = [];
  const site = ok(
    await graph.query(
      `mutation S($input: RegisterSiteInput!) { registerSite(input: $input) { id offer { id } } }`,
      {
        input: {
          name: "Loader centre",
          kind: "RECEPTION_CENTRE",
          operator: "IOM",
          nisCode: "44021",
          address: "Gent",
          sustainable: true,
        },
      },
      HOUSING_COORDINATOR,
      "PLACEMENT",
    ),
  ).registerSite;
  for (let i = 0; i < count; i++) {
    ok(
      await graph.query(
        `mutation R($input: AddRoomInput!) { addRoom(input: $input) { id } }`,
        { input: { siteId: site.id, label: `R${i}`, beds: 1, floorAreaM2: 9 } },
        HOUSING_COORDINATOR,
        "PLACEMENT",
      ),
    );
  }
  ok(
    await graph.query(
      `mutation V($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`,
      { input: { offerId: site.offer.id, status: "VALIDATED" } },
      HOUSING_COORDINATOR,
      "PLACEMENT",
    ),
  );
  const service = ok(
    await graph.query(
      `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
      {
        input: {
          name: "Psychosocial programme",
          organisation: "CAW_OOST_VLAANDEREN",
          type: "MENTAL_HEALTH",
          languages: ["uk"],
          contact: "09 000 00 00",
          openingHours: "Mon-Fri 9-17",
        },
      },
      { sub: "caw-admin", org: "CAW_OOST_VLAANDEREN", roles: ["ADMIN"] },
      "CARE",
    ),
  ).registerService;
  const school = ok(
    await graph.query(
      `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
      { input: { name: "Basisschool Loader", nisCode: "44021", offersOkan: false, okanCapacity: 0 } },
      ADMIN,
      "ENROLMENT",
    ),
  ).registerSchool;
  for (let i = 0; i < count; i++) {
    const h = ok(
      await graph.query(
        `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id } } }`,
        {
          input: {
            members: [
              { givenName: `Child${i}`, familyName: "Loader", birthDate: "2016-04-01", sex: i % 2 ? "MALE" : "FEMALE" },
            ],
          },
        },
      ),
    ).registerHousehold;
    const personId = h.members[0].id;
    personIds.push(personId);
    ok(
      await graph.query(
        `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`,
        { input: { householdId: h.id, siteId: site.id, moveInDate: "2022-05-02" } },
        HOUSING_COORDINATOR,
        "PLACEMENT",
      ),
    );
    ok(
      await graph.query(`mutation C($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, {
        input: { personId, serviceId: service.id, reason: "MENTAL_HEALTH", consent: true },
      }),
    );
    ok(
      await graph.query(
        `mutation E($input: EnrolInput!) { enrol(input: $input) { id } }`,
        { input: { personId, schoolId: school.id, programme: "PRIMARY", startDate: "2022-05-09" } },
        { sub: "school-n1", org: "BASISSCHOOL_LOADER", roles: ["SCHOOL_STAFF"], schools: [school.id] },
        "ENROLMENT",
      ),
    );
  }
  return { siteId: site.id, serviceId: service.id, schoolId: school.id, personIds };
}
