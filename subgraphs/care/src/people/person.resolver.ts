import { Personal, SubgraphContext, THE_PERSON } from "@reception-graph/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { CareLoaders } from "../loaders";
import { Referral } from "../referrals/referral.entity";
import { Person } from "./person.entity";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => Person)
export class PersonCareResolver {
  @FieldResolver(() => [Referral], { description: "Referrals of the person to partners' services, newest first." })
  @Personal("REFERRAL", { person: THE_PERSON })
  referrals(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Referral[]> {
    return ctx.loaders.referralsByPerson.load(person.id);
  }
}
