import { badInput, PeerLink, peerQuery } from "@reception-graph/kit";

/**
 * The request's line to housing, which owns the sites. Education stores site
 * IDs (where an activity took place) but no site: it asks housing, as the
 * same caller, which IDs are real sites.
 */
export class HousingPeer {
  private readonly known = new Map<string, Promise<boolean>>();

  constructor(private readonly link: PeerLink) {}

  /** Whether each of these IDs is a site housing knows; one call for all of them. */
  async sitesExist(siteIds: readonly string[]): Promise<Map<string, boolean>> {
    const missing = [...new Set(siteIds)].filter((id) => !this.known.has(id));
    if (missing.length) {
      const answer = peerQuery<{ _entities: ({ id: string } | null)[] }>(
        this.link,
        "housing",
        "whether the site exists",
        `query Sites($reps: [_Any!]!) { _entities(representations: $reps) { ... on Site { id } } }`,
        { reps: missing.map((id) => ({ __typename: "Site", id })) },
      );
      missing.forEach((id, i) =>
        this.known.set(
          id,
          answer.then((d) => d._entities[i] !== null),
        ),
      );
    }
    const out = new Map<string, boolean>();
    for (const id of siteIds) out.set(id, await this.known.get(id)!);
    return out;
  }

  /** BAD_USER_INPUT on `field` unless housing knows the site. */
  async requireSite(siteId: string, field: string): Promise<void> {
    if (!(await this.sitesExist([siteId])).get(siteId)) {
      throw badInput(field, `Site ${JSON.stringify(siteId)} is not a site the housing service knows.`);
    }
  }

  /**
   * The first day the person moved in at a reception site (null when never
   * placed), for the days a child waited for school. Housing answers only the
   * day (Person.arrivedOn, @inaccessible, basic identity), as the caller;
   * education does not keep it.
   */
  async arrivedOn(personId: string): Promise<string | null> {
    const data = await peerQuery<{ _entities: ({ arrivedOn: string | null } | null)[] }>(
      this.link,
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
      this.link,
      "housing",
      "who arrived at the site",
      `query Arrivals($siteId: ID!, $ids: [ID!]!) { peopleArrivedAtSite(siteId: $siteId, personIds: $ids) }`,
      { siteId, ids: personIds },
    );
    return data.peopleArrivedAtSite;
  }
}
