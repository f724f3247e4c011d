import { DataSource } from "typeorm";
import { createReferralLoaders } from "./referrals/referral.loaders";

/** All DataLoaders of the care subgraph, built per request in the context factory. */
export function createCareLoaders(dataSource: DataSource) {
  return { ...createReferralLoaders(dataSource) };
}

export type CareLoaders = ReturnType<typeof createCareLoaders>;
