import { Caller, hasRole, OwnScopeArgs, OwnScopeLoader, peerOwnScopeLoader } from "@reception-graph/kit";
import DataLoader from "dataloader";
import type { CareLoaders } from "../loaders";

/** The organisations a caller acts for: their own and any further ones in their token. */
export function callerOrganisations(caller: Caller): string[] {
  return [...new Set([caller.org, ...caller.organisations].filter(Boolean))];
}

/**
 * "Own" people for care data (access.md): care workers see people referred to
 * their organisation (local data); site coordinators the residents of their
 * sites (housing knows); school staff the children of their schools
 * (education knows). Kept on the loaders too, so lists can filter without
 * recording a refusal per person.
 */
export function careOwnScope(args: OwnScopeArgs<CareLoaders>): OwnScopeLoader | null {
  const { caller, purpose, requestId, loaders, peers } = args;
  const sources: DataLoader<string, boolean>[] = [];
  if (hasRole(caller, "CARE_WORKER")) sources.push(loaders.referredToCallerOrganisation);
  const peerNames = [
    ...(hasRole(caller, "SITE_COORDINATOR") ? ["housing"] : []),
    ...(hasRole(caller, "SCHOOL_STAFF") ? ["education"] : []),
  ];
  if (peerNames.length) sources.push(peerOwnScopeLoader(caller, purpose, requestId, peers, peerNames));
  let own: OwnScopeLoader | null = null;
  if (sources.length === 1) own = sources[0];
  if (sources.length > 1) {
    own = new DataLoader<string, boolean>(async (ids) => {
      const answers = await Promise.all(sources.map((s) => s.loadMany(ids)));
      return ids.map((_, i) => answers.some((a) => a[i] === true));
    });
  }
  loaders.ownScope.current = own;
  return own;
}
