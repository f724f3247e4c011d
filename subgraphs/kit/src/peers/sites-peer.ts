import { PeerLink, peerQuery } from "../access/person-scope";
import { badInput } from "../errors";

/**
 * The one documented way a subgraph learns whether a site exists: housing
 * owns the sites; care and education store site IDs (a contact, an
 * incident, an activity) and ask housing, as the same caller, which IDs are
 * real sites (`_entities(Site) { id }`), one batched call per request.
 */
export class SitesPeer {
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
}
