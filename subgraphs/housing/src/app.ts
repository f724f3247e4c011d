import { Person } from "./people/person.entity";
import { buildFederatedSchema, isUuid, SubgraphContext, SubgraphModule } from "@reception-graph/kit";
import { createHousingLoaders, HousingLoaders } from "./loaders";
import { SitesPlacements1763900200000 } from "./migrations/1763900200000-sites-placements";
import { Placement } from "./placements/placement.entity";
import { PersonHousingResolver, PlacementResolver } from "./placements/placement.resolver";
import { Site } from "./sites/site.entity";
import { SiteResolver } from "./sites/site.resolver";

type Ctx = SubgraphContext<HousingLoaders>;

/** IOM's centres and the city's housing coordination: sites, offers, placements. Builds without opening a port. */
export const housingSubgraph: SubgraphModule<HousingLoaders> = {
  name: "housing",
  entities: [Site, Placement],
  migrations: [SitesPlacements1763900200000],
  loaders: createHousingLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      {
        // Person is only extended here; no root field returns it, so it must be listed to be in the schema.
        orphanedTypes: [Person],
        resolvers: [SiteResolver, PlacementResolver, PersonHousingResolver],
      },
      {
        Site: {
          __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.siteById.load(ref.id),
        },
        // Housing holds no person row: the reference is the key itself, once it is a well-formed ID.
        Person: {
          __resolveReference: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
        },
      },
    ),
};
