import { Caller, hasRole, peerOwnPeople, RequestInfo } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { createOwnScopeLoaders } from "./access/own-scope";
import { createAssignmentLoaders } from "./assignments/assignment.loaders";
import { createCommitteeLoaders } from "./committees/committee.loaders";
import { createIndicatorLoaders } from "./indicators/indicators.loaders";
import { createMunicipalityLoaders } from "./municipalities/municipality.loaders";
import { createOfferLoaders } from "./offers/offer.loaders";
import { SocialPeer } from "./peers/social-peer";
import { createPlacementLoaders } from "./placements/placement.loaders";
import { createRentLoaders } from "./rent/rent.loaders";
import { createSiteLoaders } from "./sites/site.loaders";
import { createStockLoaders } from "./stock/stock.loaders";

/** All DataLoaders of the housing subgraph, built per request in the context factory. */
export function createHousingLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  const sites = createSiteLoaders(dataSource);
  return {
    /** Link to the social subgraph for this request, on behalf of the same caller and purpose. */
    social: new SocialPeer(request.link),
    ...sites,
    ...createMunicipalityLoaders(dataSource),
    ...createOfferLoaders(dataSource),
    ...createPlacementLoaders(dataSource, sites),
    ...createStockLoaders(dataSource),
    ...createCommitteeLoaders(dataSource),
    ...createRentLoaders(dataSource),
    ...createAssignmentLoaders(dataSource),
    ...createIndicatorLoaders(dataSource),
    ...createOwnScopeLoaders(dataSource, caller),
    /** School staff's pupils, asked of education (for education's own questions to housing, such as _moveIns). */
    educationPupils: hasRole(caller, "SCHOOL_STAFF")
      ? peerOwnPeople(request.link, "education", "which children belong to your school")
      : null,
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
