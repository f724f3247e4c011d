import { PeerLink, peerQuery } from "@reception-graph/kit";

/** What housing needs to know of a household to give it rooms: who is in it (keys and basic facts only). */
export interface HouseholdMembers {
  id: string;
  members: { id: string; sex: string | null; birthYear: number | null }[];
  composition: string | null;
}

/** What social tells housing for rent (Person.rentDue, @inaccessible): paid yet, and the rent due. */
export interface RentDue {
  paid: boolean;
  amount: number | null;
}

/**
 * The request's line to the social subgraph, which owns Person and Household.
 * Housing copies nothing from social: it asks, per request, on behalf of the
 * same caller and purpose, so social applies its own access rules to the answer.
 */
export class SocialPeer {
  constructor(private readonly link: PeerLink) {}

  private ask<T>(what: string, query: string, variables: Record<string, unknown>): Promise<T> {
    return peerQuery<T>(this.link, "social", what, query, variables);
  }

  /**
   * A household's members. With `withFacts`, also sex, birth year and
   * composition (basic identity: social only answers roles allowed to read
   * it); without, only the member IDs, which every caller may learn.
   */
  async household(id: string, withFacts: boolean): Promise<HouseholdMembers | null> {
    const selection = withFacts ? "id members { id sex birthYear } composition" : "id members { id }";
    const data = await this.ask<{ _entities: (HouseholdMembers | null)[] }>(
      "who belongs to the household",
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

  /** Rent due by many people for one month, in one call; null for people without support. */
  async rentDue(personIds: readonly string[], month: string): Promise<Map<string, RentDue | null>> {
    const result = new Map<string, RentDue | null>();
    if (personIds.length === 0) return result;
    const data = await this.ask<{ _entities: ({ id: string; rentDue: RentDue | null } | null)[] }>(
      "the rent due by the household",
      `query RentDue($reps: [_Any!]!, $month: String!) { _entities(representations: $reps) {
         ... on Person { id rentDue(month: $month) { paid amount } } } }`,
      { reps: personIds.map((id) => ({ __typename: "Person", id })), month },
    );
    personIds.forEach((id, i) => result.set(id, data._entities[i]?.rentDue ?? null));
    return result;
  }
}

/**
 * Social's refusal of the caller (FORBIDDEN, PURPOSE_REQUIRED, NOT_FOUND…) and
 * social being unavailable already carry their code and name social; kept as
 * they are so the caller sees which partner said what.
 */
export function socialRefusal(e: unknown, _what: string): Error {
  return e as Error;
}
