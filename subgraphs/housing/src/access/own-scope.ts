import {
  Caller,
  hasRole,
  isUuid,
  localOwnPeople,
  OwnPeopleSource,
  PeerLink,
  peerOwnPeople,
  PersonScope,
  personScope,
} from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";

/**
 * The "own" scope of access.md for a SITE_COORDINATOR: people with an open
 * placement at one of the caller's sites, and the members of households the
 * city or the OCMW assigned to one of them (handed over, not yet placed);
 * among `ids`, or all of them (null). Housing holds both, so this is local
 * data; peers ask it through `_ownPeople`.
 */
export async function residentsOfCallerSites(
  dataSource: DataSource,
  caller: Caller,
  ids: readonly string[] | null,
): Promise<string[]> {
  const sites = caller.sites.filter(isUuid);
  if (!hasRole(caller, "SITE_COORDINATOR") || sites.length === 0) return [];
  const rows: { person_id: string }[] = await dataSource.query(
    `SELECT person_id FROM placement
     WHERE ($1::uuid[] IS NULL OR person_id = ANY($1::uuid[])) AND site_id = ANY($2::uuid[]) AND move_out_date IS NULL
     UNION
     SELECT a.person_id FROM site_assignment s, unnest(s.person_ids) AS a(person_id)
     WHERE s.status = 'OPEN' AND s.site_id = ANY($2::uuid[])
       AND ($1::uuid[] IS NULL OR s.person_ids && $1::uuid[]) AND ($1::uuid[] IS NULL OR a.person_id = ANY($1::uuid[]))`,
    [ids === null ? null : ids.filter(isUuid), sites],
  );
  return rows.map((r) => r.person_id);
}

/**
 * The own scope in housing: a site coordinator's residents; and, for school
 * staff, the children enrolled at or handed over to their schools, which only
 * education knows (asked of its _ownPeople). School staff read no housing
 * data: their scope serves only basic-identity fields (Person.arrivedOn).
 */
export function housingOwnScope(dataSource: DataSource, caller: Caller, link?: PeerLink): PersonScope | null {
  const sources: OwnPeopleSource[] = [];
  if (hasRole(caller, "SITE_COORDINATOR")) {
    sources.push(localOwnPeople((ids) => residentsOfCallerSites(dataSource, caller, ids)));
  }
  if (link && hasRole(caller, "SCHOOL_STAFF")) {
    sources.push(peerOwnPeople(link, "education", "whose children your schools have"));
  }
  return personScope(sources);
}

export function createOwnScopeLoaders(dataSource: DataSource, caller: Caller) {
  return {
    /** "Own" people of a SITE_COORDINATOR, batched per request. */
    ownPerson: new DataLoader<string, boolean>(async (ids) => {
      const own = new Set(await residentsOfCallerSites(dataSource, caller, ids));
      return ids.map((id) => own.has(id));
    }),
  };
}

/** The IDs among `ids` that the loader says are the caller's own. */
export async function ownAmong(ownPerson: DataLoader<string, boolean>, ids: readonly string[]): Promise<string[]> {
  const own = await ownPerson.loadMany(ids);
  return ids.filter((_, i) => own[i] === true);
}
