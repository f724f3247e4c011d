import { assertUuid, operationName, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
  UseMiddleware,
} from "type-graphql";
import { PersonalData } from "@reception-graph/kit";
import { SocialLoaders } from "../loaders";
import { compositionOf } from "./composition";
import { Household, HouseholdComposition } from "./household.entity";
import { registerHousehold } from "./household.service";
import { Person } from "./person.entity";
import { RegisterHouseholdInput } from "./person.inputs";

type Ctx = SubgraphContext<SocialLoaders>;

/** Audit lines of a household are about each member: the household's ID stands for no person. */
const anyMember = () => null;

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: "One household by ID; null when unknown." })
  @Authorized()
  household(@Arg("id", () => ID) id: string, @Ctx() ctx: Ctx): Promise<Household | null> {
    return ctx.loaders.householdById.load(assertUuid(id, "id"));
  }

  @Mutation(() => Household, {
    description: "Registers a household and all its members together. All or nothing; repeat-safe with idempotencyKey.",
  })
  @Authorized("SOCIAL_WORKER", "OCMW_ADMIN")
  async registerHousehold(
    @Arg("input", () => RegisterHouseholdInput) input: RegisterHouseholdInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Household> {
    const operation = operationName(ctx, info);
    await ctx.access.authorize({
      category: "IDENTITY_FULL",
      action: "WRITE",
      personId: null,
      field: "Mutation.registerHousehold",
      operation,
    });
    const id = await registerHousehold(ctx.dataSource, input);
    const members = await ctx.loaders.membersByHousehold.load(id);
    for (const m of members) ctx.access.recordWrite("IDENTITY_FULL", m.id, "Mutation.registerHousehold", operation);
    return (await ctx.loaders.householdById.load(id))!;
  }

  @FieldResolver(() => [Person], { description: "Everyone in the household, eldest first." })
  members(@Root() household: Household, @Ctx() ctx: Ctx): Promise<Person[]> {
    return ctx.loaders.membersByHousehold.load(household.id);
  }

  @FieldResolver(() => HouseholdComposition, {
    description: "FAMILY, SINGLE_WOMAN, SINGLE_MAN or OTHER, derived from the members.",
  })
  @UseMiddleware(PersonalData("IDENTITY_BASIC", anyMember))
  async composition(@Root() household: Household, @Ctx() ctx: Ctx): Promise<HouseholdComposition> {
    return compositionOf(await ctx.loaders.membersByHousehold.load(household.id));
  }
}
