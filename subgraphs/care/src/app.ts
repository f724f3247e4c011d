import { Person } from "./people/person.entity";
import { buildFederatedSchema, isUuid, SubgraphContext, SubgraphModule } from "@reception-graph/kit";
import { createCareLoaders, CareLoaders } from "./loaders";
import { ServicesReferrals1763900300000 } from "./migrations/1763900300000-services-referrals";
import { Referral } from "./referrals/referral.entity";
import { PersonCareResolver, ReferralResolver } from "./referrals/referral.resolver";
import { Service } from "./services/service.entity";
import { ServiceResolver } from "./services/service.resolver";

type Ctx = SubgraphContext<CareLoaders>;

/** Care and referral partners: directory, referrals, care, feedback, protection. Builds without opening a port. */
export const careSubgraph: SubgraphModule<CareLoaders> = {
  name: "care",
  entities: [Service, Referral],
  migrations: [ServicesReferrals1763900300000],
  loaders: createCareLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      {
        // Person is only extended here; no root field returns it, so it must be listed to be in the schema.
        orphanedTypes: [Person],
        resolvers: [ServiceResolver, ReferralResolver, PersonCareResolver],
      },
      {
        Service: {
          __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.serviceById.load(ref.id),
        },
        Referral: {
          __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.referralById.load(ref.id),
        },
        // Care holds no person row: the reference is the key itself, once it is a well-formed ID.
        Person: {
          __resolveReference: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
        },
      },
    ),
};
