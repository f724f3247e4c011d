import { Caller, domainError, ErrorCode, PeerConfig, peerQuery, Purpose } from "@reception-graph/kit";

/** What housing needs to know of a household to give it rooms: who is in it (keys and basic facts only). */
export interface HouseholdMembers {
  id: string;
  members: { id: string; sex: string | null; birthYear: number | null }[];
  composition: string | null;
}

/** Support facts social answers for rent (Person.rentFacts, @inaccessible). */
export interface RentFacts {
  category: string | null;
  livingWage: number | null;
  paidInOrBefore: boolean;
  firstPaidMonth: string | null;
}

/** Thrown when social cannot be asked; resolvers turn it into an INTERNAL error (logged, not shown). */
export class SocialUnavailableError extends Error {}

/**
 * The request's line to the social subgraph, which owns Person and Household.
 * Housing copies nothing from social: it asks, per request, on behalf of the
 * same caller and purpose, so social applies its own access rules to the answer.
 */
export class SocialPeer {
  private readonly link: {
    url: string;
    secret: string;
    caller: Caller;
    purpose: Purpose | null;
    requestId: string;
  } | null;

  constructor(peers: PeerConfig, caller: Caller, purpose: Purpose | null, requestId: string) {
    const url = peers.urls.social;
    this.link = url ? { url, secret: peers.internalTokenSecret, caller, purpose, requestId } : null;
  }

  private async ask<T>(operation: string, query: string, variables: Record<string, unknown>): Promise<T> {
    if (!this.link) throw new SocialUnavailableError("The social subgraph's URL is not configured for housing.");
    const { url, secret, caller, purpose, requestId } = this.link;
    return peerQuery<T>(url, secret, { caller, purpose, requestId, operation }, query, variables);
  }

  /**
   * A household's members. With `withFacts`, also sex, birth year and
   * composition (basic identity: social only answers roles allowed to read
   * it); without, only the member IDs, which every caller may learn.
   */
  async household(id: string, withFacts: boolean): Promise<HouseholdMembers | null> {
    const selection = withFacts ? "id members { id sex birthYear } composition" : "id members { id }";
    const data = await this.ask<{ _entities: (HouseholdMembers | null)[] }>(
      "placeHousehold",
      `query HouseholdForPlacement($reps: [_Any!]!) { _entities(representations: $reps) { ... on Household { ${selection} } } }`,
      { reps: [{ __typename: "Household", id }] },
    );
    const h = data._entities[0];
    if (!h) return null;
    return {
      id: h.id,
      composition: h.composition ?? null,
      members: h.members.map((m) => ({ id: m.id, sex: m.sex ?? null, birthYear: m.birthYear ?? null })),
    };
  }

  /** Support facts of many people for one month, in one call; null for people without support. */
  async rentFacts(personIds: readonly string[], month: string): Promise<Map<string, RentFacts | null>> {
    const result = new Map<string, RentFacts | null>();
    if (personIds.length === 0) return result;
    const data = await this.ask<{ _entities: ({ id: string; rentFacts: RentFacts | null } | null)[] }>(
      "chargeRent",
      `query RentFacts($reps: [_Any!]!, $month: String!) { _entities(representations: $reps) {
         ... on Person { id rentFacts(month: $month) { category livingWage paidInOrBefore firstPaidMonth } } } }`,
      { reps: personIds.map((id) => ({ __typename: "Person", id })), month },
    );
    personIds.forEach((id, i) => result.set(id, data._entities[i]?.rentFacts ?? null));
    return result;
  }
}

/**
 * Social's refusal of the caller (FORBIDDEN, PURPOSE_REQUIRED, NOT_FOUND…)
 * is passed on with its code; anything else stays an internal error.
 */
export function socialRefusal(e: unknown, what: string): Error {
  const m = /failed \(\d+\): ([A-Z_]+) (.*)$/s.exec((e as Error)?.message ?? "");
  if (m && ["FORBIDDEN", "PURPOSE_REQUIRED", "NOT_FOUND", "BAD_USER_INPUT", "UNAUTHENTICATED"].includes(m[1])) {
    return domainError(m[1] as ErrorCode, `OCMW's social subgraph refused ${what}: ${m[2]}`);
  }
  return e as Error;
}
