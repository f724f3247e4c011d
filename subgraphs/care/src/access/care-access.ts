import { anyOwnScope, Caller, hasRole, OwnScopeLoader, peerOwnScopeLoader, RequestInfo } from "@reception-graph/kit";
import DataLoader from "dataloader";

/** The organisations a caller acts for: their own and any further ones in their token. */
export function callerOrganisations(caller: Caller): string[] {
  return [...new Set([caller.org, ...caller.organisations].filter(Boolean))];
}

/**
 * "Own" people for care data (access.md): care workers see people referred to
 * their organisation (local data); site coordinators the residents of their
 * sites (housing knows); school staff the children of their schools
 * (education knows). Built with the request's loaders, so lists can filter
 * with it without recording a refusal per person.
 */
export function careOwnScope(
  caller: Caller,
  request: RequestInfo,
  referredToCallerOrganisation: DataLoader<string, boolean>,
): OwnScopeLoader | null {
  const sources: DataLoader<string, boolean>[] = [];
  if (hasRole(caller, "CARE_WORKER")) sources.push(referredToCallerOrganisation);
  const peerNames = [
    ...(hasRole(caller, "SITE_COORDINATOR") ? ["housing"] : []),
    ...(hasRole(caller, "SCHOOL_STAFF") ? ["education"] : []),
  ];
  if (peerNames.length) {
    sources.push(peerOwnScopeLoader(caller, request.purpose, request.requestId, request.peers, peerNames));
  }
  return anyOwnScope(sources);
}
