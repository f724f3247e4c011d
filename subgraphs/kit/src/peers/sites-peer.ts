import { PeerLink, peerQuery } from "../access/person-scope";
import { CoordinationFilter, siteFilterVariables } from "../coordination";
import { badInput } from "../errors";
import type { IndicatorPeriod } from "../indicators";

/**
 * The one documented way a subgraph learns whether a site exists: housing
 * owns the sites; care and education store site IDs (a contact, an
 * incident, an activity) and ask housing, as the same caller, which IDs are
 * real sites (`_entities(Site) { id }`), one batched call per request.
 */
export class SitesPeer {
  private readonly known = new Map<string, Promise<boolean>>();
  private readonly residentSets = new Map<string, Promise<Set<string>>>();
  private readonly centreLists = new Map<string, Promise<string[]>>();

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
   * The people placed at the sites a coordination filter selects at any time
   * between two days (housing's `_siteResidents`, hidden from the public
   * graph): what a series or an indicator of another subgraph counts when it
   * is narrowed to sites. Asked once per request and filter. Keys only.
   */
  residents(filter: CoordinationFilter, from: string, to: string): Promise<Set<string>> {
    const variables = { filter: siteFilterVariables(filter), from, to };
    const key = JSON.stringify(variables);
    let answer = this.residentSets.get(key);
    if (!answer) {
      answer = peerQuery<{ _siteResidents: string[] }>(
        this.link,
        "housing",
        "who lived at the selected sites",
        `query Residents($filter: CoordinationFilter!, $from: Date!, $to: Date!) { _siteResidents(filter: $filter, from: $from, to: $to) }`,
        variables,
      ).then((d) => new Set(d._siteResidents));
      this.residentSets.set(key, answer);
    }
    return answer;
  }

  /**
   * The people a report's figures count: the site's residents in the period
   * when it names a site, else null (everyone: housing is not asked and no
   * list of IDs is built).
   */
  async periodResidents(p: IndicatorPeriod): Promise<string[] | null> {
    return p.siteId == null ? null : [...(await this.residents({ siteId: p.siteId }, p.from, p.to))];
  }

  /**
   * The reception centres operational during a period (all of them, or the
   * one site when it is one): housing's `_operationalCentres`, for the
   * results matrix's "per centre" indicators.
   */
  operationalCentres(from: string, to: string, siteId: string | null): Promise<string[]> {
    const variables = { from, to, siteId };
    const key = JSON.stringify(variables);
    let answer = this.centreLists.get(key);
    if (!answer) {
      answer = peerQuery<{ _operationalCentres: string[] }>(
        this.link,
        "housing",
        "which reception centres were operational",
        `query Centres($from: Date!, $to: Date!, $siteId: ID) { _operationalCentres(from: $from, to: $to, siteId: $siteId) }`,
        variables,
      ).then((d) => d._operationalCentres);
      this.centreLists.set(key, answer);
    }
    return answer;
  }
}
