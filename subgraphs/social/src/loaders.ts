import { Caller, RequestInfo, SitesPeer } from "@reception-graph/kit";
import { socialOwnScope } from "./access/social-scope";
import { DataSource } from "typeorm";
import { createCaseFileLoaders } from "./casefiles/case-file.loaders";
import { createClaimLoaders } from "./claims/claim.loaders";
import { createIndicatorLoaders } from "./indicators/indicators.loaders";
import { createInsuranceLoaders } from "./insurance/insurance.loaders";
import { createInterpreterLoaders } from "./interpreters/interpreter.loaders";
import { createPeopleLoaders } from "./people/person.loaders";
import { createStaffLoaders } from "./staff/staff.loaders";
import { createSupportLoaders } from "./support/support.loaders";

/** All DataLoaders of the social subgraph, built per request in the context factory. */
export function createSocialLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  /** Housing, asked as the same caller: who lived at the sites a report or series is narrowed to. */
  const sites = new SitesPeer(request.link);
  return {
    ...createPeopleLoaders(dataSource),
    ...createStaffLoaders(dataSource),
    ...createCaseFileLoaders(dataSource),
    ...createSupportLoaders(dataSource),
    ...createInsuranceLoaders(dataSource),
    ...createInterpreterLoaders(dataSource),
    ...createClaimLoaders(dataSource),
    ...createIndicatorLoaders(dataSource, sites),
    sites,
    /** "Is this person the caller's own?" for scoped roles; the people list filters with it too. */
    ownScope: socialOwnScope(caller, request),
  };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
