import { PeerLink, peerQuery } from "@reception-graph/kit";

export interface SchoolAgeRegistration {
  personId: string;
  registeredOn: string;
  cursor: string;
}

export interface MoveIn {
  personId: string;
  moveInDate: string;
  siteId?: string;
}

/**
 * Social's school-age registrations (IDs and registration days only: no
 * name, no birth date), in registration order, one page per call. Asked as
 * the caller: social applies its own scope and audits each row.
 */
export async function schoolAgeRegistrations(
  link: PeerLink,
  args: {
    ageFrom: number;
    ageTo: number;
    registeredOnOrBefore: string;
    first: number;
    after: string | null;
    personIds: readonly string[] | null;
    /** Comma-separated (see social's _schoolAgeRegistrations). */
    excludeIds: string | null;
  },
): Promise<SchoolAgeRegistration[]> {
  const data = await peerQuery<{ _schoolAgeRegistrations: SchoolAgeRegistration[] }>(
    link,
    "social",
    "which children are of school age",
    `query SchoolAgeRegistrations($ageFrom: Int!, $ageTo: Int!, $before: Date!, $first: Int!, $after: String,
       $personIds: [ID!], $excludeIds: String) {
       _schoolAgeRegistrations(ageFrom: $ageFrom, ageTo: $ageTo, registeredOnOrBefore: $before, first: $first,
         after: $after, personIds: $personIds, excludeIds: $excludeIds) { personId registeredOn cursor } }`,
    { ...args, before: args.registeredOnOrBefore },
  );
  return data._schoolAgeRegistrations;
}

/**
 * Housing's move-in days of these people's open placements, asked as the
 * caller (checked there under EDUCATION); with `withSite`, also the site,
 * which housing checks and audits as housing data.
 */
export async function moveIns(link: PeerLink, personIds: readonly string[], withSite: boolean): Promise<MoveIn[]> {
  if (personIds.length === 0) return [];
  const data = await peerQuery<{ _moveIns: MoveIn[] }>(
    link,
    "housing",
    "when the children moved in",
    `query MoveIns($personIds: [ID!]!) { _moveIns(personIds: $personIds) { personId moveInDate${withSite ? " siteId" : ""} } }`,
    { personIds },
  );
  return data._moveIns;
}

/** The request's lines to social and housing for the alert (built per request, as the same caller). */
export function createAwaitingLoaders(link: PeerLink) {
  return {
    awaitingPeers: {
      schoolAgeRegistrations: (args: Parameters<typeof schoolAgeRegistrations>[1]) =>
        schoolAgeRegistrations(link, args),
      moveIns: (personIds: readonly string[], withSite: boolean) => moveIns(link, personIds, withSite),
    },
  };
}
