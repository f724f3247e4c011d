import { createModuleServer, Purpose, SubgraphServer } from "@reception-graph/kit";
import { housingSubgraph } from "@reception-graph/housing";
import { socialSubgraph } from "@reception-graph/social";
import { migratedDatabase, TestDatabase } from "../../support/db";
import { GqlResponse, postGraphql } from "../../support/graphql";
import { internalToken, testInternalVerifier, TokenClaims } from "../../support/tokens";
import { letters } from "../../support/names";

export const HOUSING_COORDINATOR: TokenClaims = {
  sub: "coordinator-ghent",
  org: "CITY_GHENT",
  roles: ["HOUSING_COORDINATOR"],
};
export const ADMIN: TokenClaims = { sub: "admin", org: "CITY_GHENT", roles: ["ADMIN"] };
export const SOCIAL_WORKER: TokenClaims = { sub: "sw-1", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
export function siteCoordinator(...sites: string[]): TokenClaims {
  return { sub: `site-coord-${sites[0] ?? "none"}`, org: "IOM", roles: ["SITE_COORDINATOR"], sites };
}

export interface Sub {
  url: string;
  db: TestDatabase;
  server: SubgraphServer;
}

/** The housing subgraph, with or without the real social subgraph beside it (peers), each on its own fresh database. */
export interface HousingWorld {
  housing: Sub;
  social: Sub | null;
  /** Calls housing as the gateway would (default: HOUSING_COORDINATOR, purpose PLACEMENT). */
  query<T = any>(
    q: string,
    v?: Record<string, unknown>,
    as?: TokenClaims,
    purpose?: Purpose | null,
  ): Promise<GqlResponse<T>>;
  /** Calls social directly as the gateway would (default: SOCIAL_WORKER, CASE_MANAGEMENT). */
  socialQuery<T = any>(
    q: string,
    v?: Record<string, unknown>,
    as?: TokenClaims,
    purpose?: Purpose | null,
  ): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

export async function startHousing(withSocial = false): Promise<HousingWorld> {
  const peers: Record<string, string> = {};
  const start = async (module: typeof housingSubgraph | typeof socialSubgraph): Promise<Sub> => {
    const db = await migratedDatabase(module);
    const server = await createModuleServer(module, db.dataSource, await testInternalVerifier(), peers);
    const url = await server.listen(0);
    peers[module.name] = url;
    return { url, db, server };
  };
  const social = withSocial ? await start(socialSubgraph) : null;
  const housing = await start(housingSubgraph);
  const call = async (url: string, q: string, v: Record<string, unknown>, as: TokenClaims, purpose: Purpose | null) =>
    postGraphql(url, q, v, { authorization: `Bearer ${await internalToken(as, purpose)}` });
  return {
    housing,
    social,
    query: (q, v = {}, as = HOUSING_COORDINATOR, purpose = "PLACEMENT") => call(housing.url, q, v, as, purpose),
    socialQuery: (q, v = {}, as = SOCIAL_WORKER, purpose = "CASE_MANAGEMENT") => {
      if (!social) throw new Error("started without social");
      return call(social.url, q, v, as, purpose);
    },
    async stop() {
      for (const s of [housing, social]) {
        if (!s) continue;
        await s.server.stop();
        await s.db.close();
      }
    },
  };
}

/** Expects no errors and returns data, with the errors in the failure message. */
export function ok<T = any>(res: GqlResponse<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export const REGISTER_SITE = `mutation RS($input: RegisterSiteInput!) { registerSite(input: $input) { id name capacity validationStatus offer { id status } } }`;
export const ADD_ROOM = `mutation AR($input: AddRoomInput!) { addRoom(input: $input) { id label beds floorAreaM2 } }`;
export const CHANGE_STATUS = `mutation CS($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { id status history { status at by note effectiveOn } } }`;

/** The day test sites are validated from: before every move-in date the tests use. */
export const VALIDATED_FROM = "2022-01-01";

/** A site in Gent with rooms of the given bed counts, validated (from VALIDATED_FROM) unless told otherwise. */
export async function siteWithRooms(
  world: Pick<HousingWorld, "query">,
  name: string,
  beds: number[],
  validate = true,
): Promise<{ siteId: string; offerId: string; roomIds: string[] }> {
  const site = ok(
    await world.query(REGISTER_SITE, {
      input: {
        name,
        kind: "RECEPTION_CENTRE",
        operator: "IOM",
        nisCode: "44021",
        address: `${name} 1, Gent`,
        sustainable: true,
      },
    }),
  ).registerSite;
  const roomIds: string[] = [];
  for (const [i, b] of beds.entries()) {
    roomIds.push(
      ok(await world.query(ADD_ROOM, { input: { siteId: site.id, label: `R${i + 1}`, beds: b, floorAreaM2: b * 5 } }))
        .addRoom.id,
    );
  }
  if (validate)
    ok(
      await world.query(CHANGE_STATUS, {
        input: { offerId: site.offer.id, status: "VALIDATED", note: "ok", effectiveOn: VALIDATED_FROM },
      }),
    );
  return { siteId: site.id, offerId: site.offer.id, roomIds };
}

export const REGISTER_HOUSEHOLD = `mutation RH($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`;

/** Registers a household in social: first member an adult woman, then children, then an adult man. */
export async function household(
  world: Pick<HousingWorld, "socialQuery">,
  size: number,
  family = "Shevchenko",
): Promise<{ householdId: string; memberIds: string[] }> {
  // memberIds come back in input order (social lists members eldest first).
  const members = Array.from({ length: size }, (_, i) => ({
    givenName: `Member${letters(i + 1)}`,
    familyName: family,
    birthDate: i === 0 ? "1988-03-01" : i === size - 1 && size > 2 ? "1986-07-09" : `20${12 + i}-01-15`,
    sex: i === size - 1 && size > 2 ? "MALE" : i === 0 ? "FEMALE" : i % 2 ? "MALE" : "FEMALE",
  }));
  const h = ok(await world.socialQuery(REGISTER_HOUSEHOLD, { input: { members } })).registerHousehold;
  const byName = new Map(h.members.map((m: { id: string; givenName: string }) => [m.givenName, m.id]));
  return { householdId: h.id, memberIds: members.map((m) => byName.get(m.givenName) as string) };
}
