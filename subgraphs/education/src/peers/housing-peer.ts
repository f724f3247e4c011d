import { PeerLink, peerQuery, SitesPeer } from "@reception-graph/kit";

/**
 * The request's line to housing, which owns the sites and placements: which
 * site IDs are real (the kit's SitesPeer), and the arrival days education
 * needs for time to school, asked as the same caller.
 */
export class HousingPeer extends SitesPeer {
  constructor(private readonly housingLink: PeerLink) {
    super(housingLink);
  }

  /**
   * The first day the person moved in at a reception site (null when never
   * placed), for the days a child waited for school. Housing answers only the
   * day (Person.arrivedOn, @inaccessible, basic identity), as the caller;
   * education does not keep it.
   */
  async arrivedOn(personId: string): Promise<string | null> {
    const data = await peerQuery<{ _entities: ({ arrivedOn: string | null } | null)[] }>(
      this.housingLink,
      "housing",
      "the child's arrival at a site",
      `query ArrivalForSchool($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { arrivedOn } } }`,
      { reps: [{ __typename: "Person", id: personId }] },
    );
    return data._entities[0]?.arrivedOn ?? null;
  }

  /**
   * Which of these people arrived at the site (their first placement was
   * there), for time to school per site. Housing answers only callers who may
   * read the site's housing data; its refusal keeps its code.
   */
  async arrivedAtSite(siteId: string, personIds: readonly string[]): Promise<string[]> {
    if (!personIds.length) return [];
    const data = await peerQuery<{ peopleArrivedAtSite: string[] }>(
      this.housingLink,
      "housing",
      "who arrived at the site",
      `query Arrivals($siteId: ID!, $ids: [ID!]!) { peopleArrivedAtSite(siteId: $siteId, personIds: $ids) }`,
      { siteId, ids: personIds },
    );
    return data.peopleArrivedAtSite;
  }
}
