import { assertUuid, PersonalData, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { Service } from "../services/service.entity";
import { Referral } from "./referral.entity";

type Ctx = SubgraphContext<CareLoaders>;
const referredPerson = (r: Referral) => r.personId;

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { nullable: true, description: "One referral by ID; null when unknown." })
  @Authorized()
  async referral(@Arg("id", () => ID) id: string, @Ctx() ctx: Ctx): Promise<Referral | null> {
    const referral = await ctx.loaders.referralById.load(assertUuid(id, "id"));
    if (referral) {
      await ctx.access.authorize({
        category: "REFERRAL",
        action: "READ",
        personId: referral.personId,
        field: "Query.referral",
        operation: `${ctx.operation}/referral`,
      });
    }
    return referral;
  }

  @FieldResolver(() => Person, { description: "The person referred." })
  @UseMiddleware(PersonalData("REFERRAL", referredPerson))
  person(@Root() referral: Referral): Person {
    return { id: referral.personId };
  }

  @FieldResolver(() => Service, { description: "The service the person is referred to." })
  async service(@Root() referral: Referral, @Ctx() ctx: Ctx): Promise<Service> {
    return (await ctx.loaders.serviceById.load(referral.serviceId))!;
  }
}

@Resolver(() => Person)
export class PersonCareResolver {
  @FieldResolver(() => [Referral], { description: "Referrals of the person to partners' services, newest first." })
  @UseMiddleware(PersonalData("REFERRAL"))
  referrals(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Referral[]> {
    return ctx.loaders.referralsByPerson.load(person.id);
  }
}
