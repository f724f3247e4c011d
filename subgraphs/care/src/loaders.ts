import { Caller, RequestInfo, SitesPeer } from "@reception-graph/kit";
import { careOwnScope } from "./access/care-access";
import { DataSource } from "typeorm";
import { createReferralLoaders } from "./referrals/referral.loaders";
import { takenOnLoader } from "./access/health-access";
import { createCareContactLoaders } from "./health/care-contact.loaders";
import { createLegalSessionLoaders } from "./legal/legal-session.loaders";
import { createSupportPlanLoaders } from "./mhpss/support-plan.loaders";
import { SocialPeer } from "./peers/social-peer";
import { createIncidentLoaders } from "./incidents/incident.loaders";
import { createLivingConditionsLoaders } from "./living-conditions/living-conditions.loaders";
import { createFeedbackLoaders } from "./feedback/feedback.loaders";
import { createIndicatorLoaders } from "./indicators/indicators.loaders";

/** All DataLoaders of the care subgraph, built per request in the context factory. */
export function createCareLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  const referrals = createReferralLoaders(dataSource);
  const housing = new SitesPeer(request.link);
  return {
    ...referrals,
    ...createCareContactLoaders(dataSource),
    ...createSupportPlanLoaders(dataSource),
    ...createLegalSessionLoaders(dataSource),
    /** People for whom one of the caller's organisations holds a taken-on referral (health rule). */
    takenOn: takenOnLoader(dataSource, caller),
    /** Social, told of medical intakes (done and date only) as the same caller. */
    social: new SocialPeer(request.link),
    ...createIncidentLoaders(dataSource),
    ...createLivingConditionsLoaders(dataSource),
    ...createFeedbackLoaders(dataSource),
    /** Housing, asked as the same caller: which site IDs are real, who lived where, which centres operate. */
    housing,
    ...createIndicatorLoaders(dataSource, housing),
    /** Which people are the caller's own (lists filter with it too). */
    ownScope: careOwnScope(dataSource, caller, request),
  };
}

export type CareLoaders = ReturnType<typeof createCareLoaders>;
