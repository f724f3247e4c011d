import {
  buildFederatedSchema,
  isUuid,
  referenceResolvers,
  SubgraphContext,
  SubgraphModule,
} from "@reception-graph/kit";
import { Feedback, FeedbackChannel } from "./feedback/feedback.entity";
import { FeedbackResolver } from "./feedback/feedback.resolver";
import { CareLoaders, createCareLoaders } from "./loaders";
import { ServicesReferrals1763900300000 } from "./migrations/1763900300000-services-referrals";
import { Feedback1764700200000 } from "./migrations/1764700200000-feedback";
import { OwnPeopleResolver } from "./people/own-people.resolver";
import { Person } from "./people/person.entity";
import { PersonCareResolver } from "./people/person.resolver";
import { Referral, ReferralTransition } from "./referrals/referral.entity";
import { ReferralResolver } from "./referrals/referral.resolver";
import { Service } from "./services/service.entity";
import { ServiceResolver } from "./services/service.resolver";

type Ctx = SubgraphContext<CareLoaders>;

/** Care and referral partners: directory and referrals. Builds without opening a port. */
export const careSubgraph: SubgraphModule<CareLoaders> = {
  name: "care",
  entities: [Service, Referral, ReferralTransition, FeedbackChannel, Feedback],
  migrations: [ServicesReferrals1763900300000, Feedback1764700200000],
  loaders: createCareLoaders,
  ownScope: ({ loaders }) => loaders.ownScope,
  buildSchema: () =>
    buildFederatedSchema(
      {
        // Person is only extended here; no root field returns it, so it must be listed to be in the schema.
        orphanedTypes: [Person],
        resolvers: [ServiceResolver, ReferralResolver, PersonCareResolver, OwnPeopleResolver, FeedbackResolver],
      },
      referenceResolvers<Ctx>({
        Service: (ref: { id: string }, ctx: Ctx) => ctx.loaders.serviceById.load(ref.id),
        // A referral is personal data: resolving one by key is a read like any other.
        Referral: async (ref: { id: string }, ctx: Ctx) => {
          const referral = await ctx.loaders.referralById.load(ref.id);
          if (!referral) return null;
          await ctx.access.authorize({
            category: "REFERRAL",
            action: "READ",
            personId: referral.personId,
            field: "Referral",
            operation: `${ctx.operation}/_entities`,
          });
          return referral;
        },
        // Care holds no person row: the reference is the key itself, once it is a well-formed ID.
        Person: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
      }),
    ),
};
