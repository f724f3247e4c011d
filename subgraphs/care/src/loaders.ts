import { Caller, RequestInfo } from "@reception-graph/kit";
import { careOwnScope } from "./access/care-access";
import { HousingPeer } from "./peers/housing-peer";
import { DataSource } from "typeorm";
import { createReferralLoaders } from "./referrals/referral.loaders";
import { createFeedbackLoaders } from "./feedback/feedback.loaders";

/** All DataLoaders of the care subgraph, built per request in the context factory. */
export function createCareLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  const referrals = createReferralLoaders(dataSource);
  return {
    ...referrals,
    ...createFeedbackLoaders(dataSource),
    /** Housing, asked as the same caller: which site IDs are real. */
    housing: new HousingPeer(request.link),
    /** Which people are the caller's own (lists filter with it too). */
    ownScope: careOwnScope(dataSource, caller, request),
  };
}

export type CareLoaders = ReturnType<typeof createCareLoaders>;
