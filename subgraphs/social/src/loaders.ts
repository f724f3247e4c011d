import { Caller, RequestInfo } from "@reception-graph/kit";
import { socialOwnScope } from "./access/social-scope";
import { DataSource } from "typeorm";
import { createCaseFileLoaders } from "./casefiles/case-file.loaders";
import { createClaimLoaders } from "./claims/claim.loaders";
import { createInsuranceLoaders } from "./insurance/insurance.loaders";
import { createInterpreterLoaders } from "./interpreters/interpreter.loaders";
import { createPeopleLoaders } from "./people/person.loaders";
import { createStaffLoaders } from "./staff/staff.loaders";
import { createSupportLoaders } from "./support/support.loaders";

/** All DataLoaders of the social subgraph, built per request in the context factory. */
export function createSocialLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  return {
    ...createPeopleLoaders(dataSource),
    ...createStaffLoaders(dataSource),
    ...createCaseFileLoaders(dataSource),
    ...createSupportLoaders(dataSource),
    ...createInsuranceLoaders(dataSource),
    ...createInterpreterLoaders(dataSource),
    ...createClaimLoaders(dataSource),
    /** "Is this person the caller's own?" for scoped roles; the people list filters with it too. */
    ownScope: socialOwnScope(caller, request),
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
