import { PeerLink, peerQuery } from "@reception-graph/kit";

/**
 * The request's line to the social subgraph, which owns Person. Education
 * stores no birth date: for the school-age check it asks social, on behalf of
 * the same caller and purpose, for the child's age on one day
 * (`Person.ageOn`, @inaccessible), so social applies its own access rules.
 */
export class SocialPeer {
  constructor(private readonly link: PeerLink) {}

  /**
   * The person's age in whole years on `date`; null when social knows no
   * such person or neither birth date nor year. Social's refusals keep their
   * code; social not answering is UNAVAILABLE naming it.
   */
  async ageOn(personId: string, date: string): Promise<number | null> {
    const data = await peerQuery<{ _entities: ({ ageOn: number | null } | null)[] }>(
      this.link,
      "social",
      "the child's age",
      `query AgeForSchool($reps: [_Any!]!, $date: Date!) { _entities(representations: $reps) { ... on Person { ageOn(date: $date) } } }`,
      { reps: [{ __typename: "Person", id: personId }], date },
    );
    return data._entities[0]?.ageOn ?? null;
  }
}
