import {
  Caller,
  hasRole,
  isUuid,
  localOwnPeople,
  OwnPeopleSource,
  peerOwnPeople,
  PersonScope,
  personScope,
  RequestInfo,
} from "@reception-graph/kit";
import { DataSource } from "typeorm";

/** The organisations a caller acts for: their own and any further ones in their token. */
export function callerOrganisations(caller: Caller): string[] {
  return [...new Set([caller.org, ...caller.organisations].filter(Boolean))];
}

/**
 * "Own" for care workers: people referred (sent at least) to a service of the
 * caller's organisation; a DRAFT has not reached the partner yet. Among `ids`,
 * or all of them (null). The scope is handed over by whoever sends the referral.
 */
export async function referredToCallerOrganisation(
  dataSource: DataSource,
  caller: Caller,
  ids: readonly string[] | null,
): Promise<string[]> {
  if (!hasRole(caller, "CARE_WORKER")) return [];
  const rows: { person_id: string }[] = await dataSource.query(
    `SELECT DISTINCT r.person_id FROM referral r JOIN service s ON s.id = r.service_id
     WHERE ($1::uuid[] IS NULL OR r.person_id = ANY($1::uuid[])) AND s.organisation = ANY($2::text[])
       AND r.status <> 'DRAFT'`,
    [ids === null ? null : ids.filter(isUuid), callerOrganisations(caller)],
  );
  return rows.map((r) => r.person_id);
}

/**
 * "Own" people for care data (access.md): care workers see people referred to
 * their organisation (local data); site coordinators the residents of their
 * sites (housing knows); school staff the children of their schools
 * (education knows).
 */
export function careOwnScope(dataSource: DataSource, caller: Caller, request: RequestInfo): PersonScope | null {
  const sources: OwnPeopleSource[] = [];
  if (hasRole(caller, "CARE_WORKER")) {
    sources.push(localOwnPeople((ids) => referredToCallerOrganisation(dataSource, caller, ids)));
  }
  if (hasRole(caller, "SITE_COORDINATOR")) {
    sources.push(peerOwnPeople(request.link, "housing", "who lives at your sites"));
  }
  if (hasRole(caller, "SCHOOL_STAFF")) {
    sources.push(peerOwnPeople(request.link, "education", "which children belong to your school"));
  }
  return personScope(sources);
}
