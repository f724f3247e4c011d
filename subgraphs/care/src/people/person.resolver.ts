import { PersonalData, SubgraphContext } from "@reception-graph/kit";
import { Ctx, FieldResolver, Resolver, Root, UseMiddleware } from "type-graphql";
import { CareLoaders } from "../loaders";
import { Referral } from "../referrals/referral.entity";
import { Person } from "./person.entity";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => Person)
export class PersonCareResolver {
  @FieldResolver(() => [Referral], { description: "Referrals of the person to partners' services, newest first." })
  @UseMiddleware(PersonalData("REFERRAL"))
  referrals(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Referral[]> {
    return ctx.loaders.referralsByPerson.load(person.id);
  }
}
