import { Caller, OwnScopeLoader } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { createReferralLoaders } from "./referrals/referral.loaders";

/** All DataLoaders of the care subgraph, built per request in the context factory. */
export function createCareLoaders(dataSource: DataSource, caller: Caller) {
  return {
    ...createReferralLoaders(dataSource, caller),
    /** The request's own-scope loader, set by careOwnScope (lists filter with it). */
    ownScope: { current: null as OwnScopeLoader | null },
  };
}

export type CareLoaders = ReturnType<typeof createCareLoaders>;
