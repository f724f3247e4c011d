import { buildFederatedSchema, SubgraphContext, SubgraphModule } from "@reception-graph/kit";
import { People1763900100000 } from "./migrations/1763900100000-people";
import { Household } from "./people/household.entity";
import { HouseholdResolver } from "./people/household.resolver";
import { Person } from "./people/person.entity";
import { PersonResolver } from "./people/person.resolver";
import { createSocialLoaders, SocialLoaders } from "./loaders";

type Ctx = SubgraphContext<SocialLoaders>;

/** OCMW Ghent's Cell Ukraine: owns Person and Household. Builds without opening a port. */
export const socialSubgraph: SubgraphModule<SocialLoaders> = {
  name: "social",
  entities: [Person, Household],
  migrations: [People1763900100000],
  loaders: createSocialLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [PersonResolver, HouseholdResolver] },
      {
        Person: {
          __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.personById.load(ref.id),
        },
        Household: {
          __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.householdById.load(ref.id),
        },
      },
    ),
};
