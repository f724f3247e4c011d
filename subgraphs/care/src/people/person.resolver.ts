import { Personal, SubgraphContext, THE_PERSON } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { CareContact } from "../health/care-contact.entity";
import { careContactsOf } from "../health/care-contact.resolver";
import { LegalSession } from "../legal/legal-session.entity";
import { legalSessionsOf } from "../legal/legal-session.resolver";
import { CareLoaders } from "../loaders";
import { SupportPlan } from "../mhpss/support-plan.entity";
import { supportPlanOf } from "../mhpss/support-plan.resolver";
import { Referral } from "../referrals/referral.entity";
import { Person } from "./person.entity";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => Person)
export class PersonCareResolver {
  @FieldResolver(() => [Referral], {
    nullable: true,
    description: "Referrals of the person to partners' services, newest first.",
  })
  @Personal("REFERRAL", { person: THE_PERSON })
  referrals(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Referral[]> {
    return ctx.loaders.referralsByPerson.load(person.id);
  }

  // Health fields: the declaration binds purpose and role; the resolver applies the health rule per person.
  @FieldResolver(() => [CareContact], {
    nullable: true,
    description:
      "Health contacts, newest first (CARE_WORKER only: those your organisation recorded, or all once your " +
      "organisation has taken the person on through a referral).",
  })
  @Personal("HEALTH", { scopedBy: "resolver" })
  careContacts(@Root() person: Person, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<CareContact[]> {
    return careContactsOf(person, ctx, info);
  }

  @FieldResolver(() => SupportPlan, {
    nullable: true,
    description: "The MHPSS plan (CARE_WORKER only: the organisation holding it, or one that took the person on).",
  })
  @Personal("HEALTH", { scopedBy: "resolver" })
  supportPlan(@Root() person: Person, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<SupportPlan | null> {
    return supportPlanOf(person, ctx, info);
  }

  @FieldResolver(() => [LegalSession], {
    nullable: true,
    description: "Individual legal advice sessions given by your organisation, newest first (CARE_WORKER only).",
  })
  @Personal("HEALTH", { scopedBy: "resolver" })
  legalSessions(@Root() person: Person, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<LegalSession[]> {
    return legalSessionsOf(person, ctx, info);
  }
}
