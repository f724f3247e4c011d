import {
  buildFederatedSchema,
  isUuid,
  referenceResolvers,
  SubgraphContext,
  SubgraphModule,
} from "@reception-graph/kit";
import { AuditRecordsResolver } from "./audit/audit.resolver";
import { housingRetention } from "./retention";
import { AllocationResolver } from "./allocations/allocation.resolver";
import { SiteAssignment } from "./assignments/assignment.entity";
import { SiteAssignmentResolver } from "./assignments/assignment.resolver";
import { Allocation } from "./allocations/allocation.entity";
import { CommitteeMember, ResidentsCommittee } from "./committees/committee.entity";
import { CommitteeMemberResolver, CommitteeResolver } from "./committees/committee.resolver";
import { housingOwnScope } from "./access/own-scope";
import { ArrivalsResolver } from "./people/arrivals.resolver";
import { IndicatorReport } from "./indicators/indicators.entity";
import { loadIndicatorReport } from "./indicators/indicators.loaders";
import { IndicatorResolver } from "./indicators/indicators.resolver";
import { createHousingLoaders, HousingLoaders } from "./loaders";
import { Housing1763900200000 } from "./migrations/1763900200000-housing";
import { MunicipalitiesData1763900200001 } from "./migrations/1763900200001-municipalities-data";
import { RentLinesWithoutSupportFacts1763900200003 } from "./migrations/1763900200003-rent-lines-without-support-facts";
import { SiteAssignments1763900200004 } from "./migrations/1763900200004-site-assignments";
import { StatusEffectiveOn1763900200002 } from "./migrations/1763900200002-status-effective-on";
import { Municipality } from "./municipalities/municipality.entity";
import { MunicipalityResolver } from "./municipalities/municipality.resolver";
import { OccupancyResolver } from "./occupancy/occupancy.resolver";
import { HousingOffer, OfferStatusChange } from "./offers/housing-offer.entity";
import { HousingOfferResolver } from "./offers/offer.resolver";
import { Household } from "./people/household.entity";
import { Person } from "./people/person.entity";
import { PersonHousingResolver } from "./people/person.resolver";
import { MoveOut, Placement } from "./placements/placement.entity";
import { MoveOutResolver, PlacementResolver } from "./placements/placement.resolver";
import { MoveInResolver } from "./placements/move-in.resolver";
// After the placement resolver on purpose: type-graphql lists Query fields in the order their modules load,
// and the published SDL has _ownPeople after moveOuts.
import { OwnPeopleResolver } from "./people/own-people.resolver";
import { RentCharge } from "./rent/rent-charge.entity";
import { RentLineResolver, RentResolver } from "./rent/rent.resolver";
import { Room } from "./sites/room.entity";
import { Site } from "./sites/site.entity";
import { CoordinationResolver } from "./sites/coordination.resolver";
import { RoomResolver, SiteResolver } from "./sites/site.resolver";
import { StockLevel } from "./stock/stock-level.entity";
import { StockResolver } from "./stock/stock.resolver";

type Ctx = SubgraphContext<HousingLoaders>;

/**
 * IOM's centres and the city's housing coordination: sites and rooms, housing
 * offers and their validation, the spreading key, allocations, placements,
 * stock, rent and residents' committees. Builds without opening a port.
 */
export const housingSubgraph: SubgraphModule<HousingLoaders> = {
  name: "housing",
  entities: [
    Municipality,
    Site,
    Room,
    HousingOffer,
    OfferStatusChange,
    Placement,
    MoveOut,
    Allocation,
    StockLevel,
    RentCharge,
    ResidentsCommittee,
    CommitteeMember,
    SiteAssignment,
  ],
  retention: housingRetention,
  migrations: [
    Housing1763900200000,
    MunicipalitiesData1763900200001,
    StatusEffectiveOn1763900200002,
    RentLinesWithoutSupportFacts1763900200003,
    SiteAssignments1763900200004,
  ],
  loaders: createHousingLoaders,
  // "Own" for a SITE_COORDINATOR: an open placement at one of the caller's sites (local data); for school
  // staff, education's children (basic identity only).
  ownScope: ({ dataSource, caller, link }) => housingOwnScope(dataSource, caller, link),
  buildSchema: async () => {
    const references = referenceResolvers<Ctx>({
      Site: (ref: { id: string }, ctx: Ctx) => ctx.loaders.siteById.load(ref.id),
      Municipality: (ref: { nisCode: string }, ctx: Ctx) => ctx.loaders.municipalityByNis.load(String(ref.nisCode)),
      // Housing holds no person row: the reference is the key itself, once it is a well-formed ID.
      Person: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
      // A bad key is BAD_USER_INPUT here too, and an unknown site NOT_FOUND, as on the indicators query.
      IndicatorReport: (ref: Partial<IndicatorReport>, ctx: Ctx) => loadIndicatorReport(ctx.loaders, ref),
    });
    const schema = await buildFederatedSchema(
      {
        // Person and Household are only referenced here; list them so they are in the schema.
        orphanedTypes: [Person, Household],
        resolvers: [
          AuditRecordsResolver,
          MunicipalityResolver,
          SiteResolver,
          RoomResolver,
          HousingOfferResolver,
          AllocationResolver,
          OccupancyResolver,
          PlacementResolver,
          MoveOutResolver,
          MoveInResolver,
          PersonHousingResolver,
          ArrivalsResolver,
          OwnPeopleResolver,
          StockResolver,
          RentResolver,
          RentLineResolver,
          SiteAssignmentResolver,
          CommitteeResolver,
          CommitteeMemberResolver,
          CoordinationResolver,
          IndicatorResolver,
        ],
      },
      references,
    );
    return schema;
  },
};
