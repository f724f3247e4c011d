// Fixtures built through the gateway, as partner apps would enter the data.
import { RunningGraph } from "./graph";
import { TokenClaims } from "./tokens";
import { letters } from "./names";

/** What the fixtures need of a running graph: sending operations through its gateway (startGraph's or a fault test's). */
export type GraphClient = Pick<RunningGraph, "query">;

export const HOUSING: TokenClaims = { sub: "coordinator-ghent", org: "CITY_GHENT", roles: ["HOUSING_COORDINATOR"] };
export const SOCIAL: TokenClaims = { sub: "sw-1", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
export const siteCoordinator = (siteId: string): TokenClaims => ({
  sub: `iom-${siteId.slice(0, 8)}`,
  org: "IOM",
  roles: ["SITE_COORDINATOR"],
  sites: [siteId],
});

/** The day the fixtures' sites are validated from: before every move-in date the tests use. */
export const VALIDATED_FROM = "2022-01-01";

export function ok(res: { data?: any; errors?: unknown[] }) {
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/**
 * A site in Gent with rooms of the given bed counts, registered through the gateway and (unless told otherwise)
 * validated with effect from 1 January 2022, before the move-in dates the tests use.
 */
export async function validatedSite(
  graph: GraphClient,
  name: string,
  beds: number[],
  validate = true,
): Promise<string> {
  const site = ok(
    await graph.query(
      `mutation S($input: RegisterSiteInput!) { registerSite(input: $input) { id offer { id } } }`,
      {
        input: {
          name,
          kind: "RECEPTION_CENTRE",
          operator: "IOM",
          nisCode: "44021",
          address: `${name}, Gent`,
          sustainable: true,
        },
      },
      HOUSING,
      "PLACEMENT",
    ),
  ).registerSite;
  for (const [i, b] of beds.entries()) {
    ok(
      await graph.query(
        `mutation R($input: AddRoomInput!) { addRoom(input: $input) { id } }`,
        { input: { siteId: site.id, label: `K${i + 1}`, beds: b, floorAreaM2: 4 * b + 2 } },
        HOUSING,
        "PLACEMENT",
      ),
    );
  }
  if (validate) {
    ok(
      await graph.query(
        `mutation V($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`,
        { input: { offerId: site.offer.id, status: "VALIDATED", note: "inspected", effectiveOn: VALIDATED_FROM } },
        HOUSING,
        "PLACEMENT",
      ),
    );
  }
  return site.id;
}

/** Registers a household with social through the gateway; members in input order (first: an adult woman). */
export async function registerHousehold(
  graph: GraphClient,
  size: number,
  family: string,
): Promise<{ householdId: string; memberIds: string[] }> {
  const members = Array.from({ length: size }, (_, i) => ({
    givenName: `${family}${letters(i)}`,
    familyName: family,
    birthDate: i === 0 ? "1985-02-02" : `20${10 + i}-06-01`,
    sex: i % 2 ? "MALE" : "FEMALE",
  }));
  const h = ok(
    await graph.query(
      `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      { input: { members } },
      SOCIAL,
      "CASE_MANAGEMENT",
    ),
  ).registerHousehold;
  const byName = new Map<string, string>(h.members.map((m: any) => [m.givenName, m.id]));
  return { householdId: h.id, memberIds: members.map((m) => byName.get(m.givenName)!) };
}

export const PLACE = `mutation Place($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id person { id } room { id label } } }`;

export async function place(graph: GraphClient, householdId: string, siteId: string, as: TokenClaims = HOUSING) {
  return graph.query(PLACE, { input: { householdId, siteId, moveInDate: "2022-05-02" } }, as, "PLACEMENT");
}

const SCHOOL_ADMIN: TokenClaims = { sub: "admin-fixture", org: "CITY_GENT", roles: ["ADMIN"] };

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
export async function seedPeopleAcrossGraph(graph: GraphClient, count: number): Promise<SeededGraph> {
  const personIds: string[] = [];
  const siteId = await validatedSite(
    graph,
    "Loader centre",
    Array.from({ length: count }, () => 1),
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
      SCHOOL_ADMIN,
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
              {
                givenName: `Child${letters(i)}`,
                familyName: "Loader",
                birthDate: "2016-04-01",
                sex: i % 2 ? "MALE" : "FEMALE",
              },
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
        { input: { householdId: h.id, siteId, moveInDate: "2022-05-02" } },
        HOUSING,
        "PLACEMENT",
      ),
    );
    ok(
      await graph.query(`mutation C($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, {
        input: { personId, serviceId: service.id, reason: "MENTAL_HEALTH", consent: true },
      }),
    );
    // The hand-over first: a social worker asks the school to enrol the child.
    ok(
      await graph.query(`mutation R($input: RequestEnrolmentInput!) { requestEnrolment(input: $input) { id } }`, {
        input: { personId, schoolId: school.id },
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
  return { siteId, serviceId: service.id, schoolId: school.id, personIds };
}
