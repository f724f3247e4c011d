import { RunningGraph } from "../support/graph";
import { TokenClaims } from "../support/tokens";

export const HOUSING: TokenClaims = { sub: "coordinator-ghent", org: "CITY_GHENT", roles: ["HOUSING_COORDINATOR"] };
export const SOCIAL: TokenClaims = { sub: "sw-1", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
export const siteCoordinator = (siteId: string): TokenClaims => ({
  sub: `iom-${siteId.slice(0, 8)}`,
  org: "IOM",
  roles: ["SITE_COORDINATOR"],
  sites: [siteId],
});

export function ok(res: { data?: any; errors?: unknown[] }) {
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** A validated site in Gent with rooms of the given bed counts, registered through the gateway. */
export async function validatedSite(
  graph: RunningGraph,
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
        { input: { offerId: site.offer.id, status: "VALIDATED", note: "inspected" } },
        HOUSING,
        "PLACEMENT",
      ),
    );
  }
  return site.id;
}

/** Registers a household with social through the gateway; members in input order (first: an adult woman). */
export async function registerHousehold(
  graph: RunningGraph,
  size: number,
  family: string,
): Promise<{ householdId: string; memberIds: string[] }> {
  const members = Array.from({ length: size }, (_, i) => ({
    givenName: `${family}${i}`,
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

export async function place(graph: RunningGraph, householdId: string, siteId: string, as: TokenClaims = HOUSING) {
  return graph.query(PLACE, { input: { householdId, siteId, moveInDate: "2022-05-02" } }, as, "PLACEMENT");
}
