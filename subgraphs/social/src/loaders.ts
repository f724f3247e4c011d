import { Caller, peerOwnScopeLoader, RequestInfo, Role } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { createCaseFileLoaders } from "./casefiles/case-file.loaders";
import { createClaimLoaders } from "./claims/claim.loaders";
import { createInsuranceLoaders } from "./insurance/insurance.loaders";
import { createInterpreterLoaders } from "./interpreters/interpreter.loaders";
import { createPeopleLoaders } from "./people/person.loaders";
import { createStaffLoaders } from "./staff/staff.loaders";
import { createSupportLoaders } from "./support/support.loaders";

/** Which peer knows whether a person is the caller's own, per scoped role (access.md "own"). */
const SCOPE_PEERS: Partial<Record<Role, string>> = {
  SITE_COORDINATOR: "housing",
  CARE_WORKER: "care",
  SCHOOL_STAFF: "education",
};

/** All DataLoaders of the social subgraph, built per request in the context factory. */
export function createSocialLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  // Social holds the identity of people who are placed, referred or enrolled elsewhere: only the peer
  // that holds the caller's scope can say whether a person is theirs. Only the caller's scoped roles are asked.
  const peers = caller.roles.map((role) => SCOPE_PEERS[role]).filter((p): p is string => !!p);
  return {
    ...createPeopleLoaders(dataSource),
    ...createStaffLoaders(dataSource),
    ...createCaseFileLoaders(dataSource),
    ...createSupportLoaders(dataSource),
    ...createInsuranceLoaders(dataSource),
    ...createInterpreterLoaders(dataSource),
    ...createClaimLoaders(dataSource),
    /** "Is this person the caller's own?" for scoped roles; the people list filters with it too. */
    ownScope: peers.length
      ? peerOwnScopeLoader(caller, request.purpose, request.requestId, request.peers, [...new Set(peers)])
      : null,
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
