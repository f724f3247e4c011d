import { assertUuid, PersonOf, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
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
  Field,
  ObjectType,
} from "type-graphql";
import { SocialLoaders } from "../loaders";
import { compositionOf } from "./composition";
import { Household, HouseholdType, householdMembers } from "./household.entity";

import { addHouseholdMember, recordDeparture, registerHousehold } from "./household.service";
import { HouseholdMembershipEvent } from "./household-membership.entity";
import { CaseFile } from "../casefiles/case-file.entity";
import { guardWrite, recordWrites } from "../shared/guard";
import { Person } from "./person.entity";
import { AddHouseholdMemberInput, RecordDepartureInput, RegisterHouseholdInput } from "./person.inputs";

/** Former members are the people the list is about. */
const formerMembers: PersonOf = async (household: { id: string }, ctx) =>
  (await ctx.loaders.formerMembersByHousehold.load(household.id)).map((m: { id: string }) => m.id);

type Ctx = SubgraphContext<SocialLoaders>;

@ObjectType({
  description: "A member who may already be registered: same name (spelling variants included) and birth date.",
})
@Personal("IDENTITY_FULL")
export class PossibleDuplicate {
  @Field(() => Person, { description: "The member of this household." })
  member: Person;

  @Field(() => Person, { description: "The person already registered in another household." })
  existing: Person;

  @Field({ description: "A sentence for the social worker naming both people, to check before going on." })
  message: string;
}

@Resolver(() => Household)
export class HouseholdResolver {
  @Personal("IDENTITY_BASIC", { scopedBy: "resolver" })
  @Query(() => Household, { nullable: true, description: "One household by ID; null when unknown." })
  @Authorized()
  household(
    @Arg("id", () => ID, { description: "The household's identifier." }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<Household | null> {
    return ctx.loaders.householdById.load(assertUuid(id, "id"));
  }

  @Personal("IDENTITY_FULL")
  @Mutation(() => Household, {
    description: "Registers a household and all its members together. All or nothing; repeat-safe with idempotencyKey.",
  })
  @Authorized("SOCIAL_WORKER", "OCMW_ADMIN")
  async registerHousehold(
    @Arg("input", () => RegisterHouseholdInput, { description: "The household's members." })
    input: RegisterHouseholdInput,
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
    const id = await ctx.access.transaction(async (m) => {
      const created = await registerHousehold(m, input, ctx.caller.sub);
      const members = await m.getRepository(Person).findBy({ householdId: created });
      for (const p of members) ctx.access.recordWrite("IDENTITY_FULL", p.id, "Mutation.registerHousehold", operation);
      return created;
    });
    return (await ctx.loaders.householdById.load(id))!;
  }

  @FieldResolver(() => [Person], { nullable: true, description: "Everyone in the household, eldest first." })
  members(@Root() household: Household, @Ctx() ctx: Ctx): Promise<Person[]> {
    return ctx.loaders.membersByHousehold.load(household.id);
  }

  @FieldResolver(() => HouseholdType, {
    nullable: true,
    description: "FAMILY, SINGLE_WOMAN, SINGLE_MAN or OTHER, derived from the members.",
  })
  async composition(@Root() household: Household, @Ctx() ctx: Ctx): Promise<HouseholdType> {
    return compositionOf(await ctx.loaders.membersByHousehold.load(household.id));
  }

  @FieldResolver(() => [Person], { nullable: true, description: "People who belonged to the household and left it." })
  @Personal("IDENTITY_BASIC", { person: formerMembers })
  formerMembers(@Root() household: Household, @Ctx() ctx: Ctx): Promise<Person[]> {
    return ctx.loaders.formerMembersByHousehold.load(household.id);
  }

  @FieldResolver(() => [HouseholdMembershipEvent], {
    nullable: true,
    description: "Who joined (registration, birth, arrival) and left, and when, oldest first.",
  })
  @Personal("IDENTITY_BASIC", { person: householdMembers })
  membershipHistory(@Root() household: Household, @Ctx() ctx: Ctx): Promise<HouseholdMembershipEvent[]> {
    return ctx.loaders.membershipEventsByHousehold.load(household.id);
  }

  @FieldResolver(() => [PossibleDuplicate], {
    nullable: true,
    description:
      "Warning: members whose name (spelling variants included) and birth date match a person in another household.",
  })
  @Personal("IDENTITY_FULL", { person: householdMembers })
  async possibleDuplicates(@Root() household: Household, @Ctx() ctx: Ctx): Promise<PossibleDuplicate[]> {
    const members = await ctx.loaders.membersByHousehold.load(household.id);
    const matches = await Promise.all(members.map((m) => ctx.loaders.duplicatesByPerson.load(m.id)));
    return members.flatMap((member, i) =>
      matches[i].map((existing) => ({
        member,
        existing,
        message:
          `${member.givenName} ${member.familyName}, born ${member.birthDate}, may already be registered ` +
          `as person ${existing.id} (${existing.givenName} ${existing.familyName}).`,
      })),
    );
  }

  @FieldResolver(() => CaseFile, {
    nullable: true,
    description: "The open case file, else the most recent one. Social services only.",
  })
  @Personal("SOCIAL_FINANCIAL", { person: householdMembers })
  async caseFile(@Root() household: Household, @Ctx() ctx: Ctx) {
    const files = await ctx.loaders.caseFilesByHousehold.load(household.id);
    return files.find((f) => f.status === "OPEN") ?? files[0] ?? null;
  }

  @FieldResolver(() => [CaseFile], { nullable: true, description: "All case files of the household, newest first." })
  @Personal("SOCIAL_FINANCIAL", { person: householdMembers })
  async caseFiles(@Root() household: Household, @Ctx() ctx: Ctx) {
    return ctx.loaders.caseFilesByHousehold.load(household.id);
  }

  @Personal("IDENTITY_FULL")
  @Mutation(() => Person, {
    description:
      "Adds a member to a household (BIRTH or ARRIVAL). CONFLICT when the certificate number is already registered.",
  })
  @Authorized("SOCIAL_WORKER", "OCMW_ADMIN")
  async addHouseholdMember(
    @Arg("input", () => AddHouseholdMemberInput, { description: "The household and the new member." })
    input: AddHouseholdMemberInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Person> {
    await guardWrite(ctx, info, "IDENTITY_FULL");
    const id = await ctx.access.transaction(async (m) => {
      const added = await addHouseholdMember(m, input, ctx.caller.sub);
      recordWrites(ctx, info, "IDENTITY_FULL", [added]);
      return added;
    });
    return (await ctx.loaders.personById.load(id))!;
  }

  @Personal("IDENTITY_BASIC")
  @Mutation(() => Household, {
    description: "Records that a member left the household; the household's composition follows.",
  })
  @Authorized("SOCIAL_WORKER", "OCMW_ADMIN")
  async recordHouseholdDeparture(
    @Arg("input", () => RecordDepartureInput, { description: "The person who left, and when." })
    input: RecordDepartureInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Household> {
    await guardWrite(ctx, info, "IDENTITY_BASIC");
    const householdId = await ctx.access.transaction(async (m) => {
      const left = await recordDeparture(m, input, ctx.caller.sub);
      recordWrites(ctx, info, "IDENTITY_BASIC", [input.personId.toLowerCase()]);
      return left;
    });
    return (await ctx.loaders.householdById.load(householdId))!;
  }
}
