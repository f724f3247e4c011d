import {
  assertUuid,
  DateScalar,
  forbidden,
  hasRole,
  operationName,
  Personal,
  SubgraphContext,
  THE_PERSON,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { LivingConditionsIndicator, SurveyResponse } from "./living-conditions.entity";
import { LivingConditionsSurveyInput } from "./living-conditions.inputs";
import { livingConditionsImproved, recordSurvey, validateSurvey } from "./living-conditions.service";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => SurveyResponse)
export class LivingConditionsResolver {
  @Personal("PROTECTION")
  @Mutation(() => SurveyResponse, {
    description:
      "Records a resident's answer to the living-conditions survey: a site coordinator for a resident of their " +
      "site, a care worker for a person referred to their organisation. One answer per person per day (CONFLICT " +
      "otherwise); earlier answers are kept.",
  })
  @Authorized()
  async recordLivingConditionsSurvey(
    @Arg("input", () => LivingConditionsSurveyInput, { description: "The person and their answer." })
    input: LivingConditionsSurveyInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SurveyResponse> {
    const operation = operationName(ctx, info);
    const field = "Mutation.recordLivingConditionsSurvey";
    const v = validateSurvey(input);
    await ctx.loaders.housing.requireSite(v.siteId, "input.siteId");
    const check = { category: "PROTECTION", action: "WRITE", personId: v.personId, field, operation } as const;
    // A site coordinator asks the residents of their own sites; a care worker the people referred to them, wherever they live.
    if (!hasRole(ctx.caller, "CARE_WORKER") && !ctx.caller.sites.includes(v.siteId)) {
      ctx.audit.record({ ...check, outcome: "REFUSED", reason: "FORBIDDEN" });
      throw forbidden(`Site ${v.siteId} is not one of your sites; survey its residents there.`);
    }
    await ctx.access.authorize(check);
    const id = await ctx.access.transaction(async (m) => {
      const recorded = await recordSurvey(m, input, v, ctx.caller);
      ctx.access.recordWrite("PROTECTION", v.personId, field, operation);
      return recorded;
    });
    return (await ctx.dataSource.getRepository(SurveyResponse).findOneBy({ id }))!;
  }

  @Personal("AGGREGATES")
  @Query(() => LivingConditionsIndicator, {
    description:
      "% of residents reporting improved living conditions (results matrix, outcome 1): each person's latest " +
      "answer between from and to (inclusive), at one site or all.",
  })
  @Authorized()
  async livingConditionsImproved(
    @Ctx() ctx: Ctx,
    @Arg("from", () => DateScalar, { description: "First day of the period (included)." }) from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Arg("siteId", () => ID, { description: "Only people surveyed at this site; omit for all sites.", nullable: true })
    siteId?: string,
  ): Promise<LivingConditionsIndicator> {
    const site = siteId == null ? null : assertUuid(siteId, "siteId");
    if (site) await ctx.loaders.housing.requireSite(site, "siteId");
    return livingConditionsImproved(ctx.dataSource, site, from, to);
  }

  @FieldResolver(() => Person, { description: "The person who answered." })
  person(@Root() response: SurveyResponse): Person {
    return { id: response.personId };
  }
}

@Resolver(() => Person)
export class PersonLivingConditionsResolver {
  @FieldResolver(() => SurveyResponse, {
    nullable: true,
    description: "The person's latest answer to the living-conditions survey (protection monitoring).",
  })
  @Personal("PROTECTION", { person: THE_PERSON })
  async livingConditions(@Root() person: Person, @Ctx() ctx: Ctx): Promise<SurveyResponse | null> {
    return (await ctx.loaders.surveysByPerson.load(person.id))[0] ?? null;
  }

  @FieldResolver(() => [SurveyResponse], { nullable: true, description: "Every answer of the person, latest first." })
  @Personal("PROTECTION", { person: THE_PERSON })
  livingConditionsHistory(@Root() person: Person, @Ctx() ctx: Ctx): Promise<SurveyResponse[]> {
    return ctx.loaders.surveysByPerson.load(person.id);
  }
}
