import { fieldName, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { authorizeHealthRead } from "../access/health-access";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { SupportPlan, SupportPlanChange, SupportSession } from "./support-plan.entity";
import { UpdateSupportPlanInput } from "./support-plan.inputs";
import {
  PlanHeldElsewhere,
  planHeldElsewhereError,
  updateSupportPlan,
  validateSupportPlan,
} from "./support-plan.service";

type Ctx = SubgraphContext<CareLoaders>;

/** Person.supportPlan: the health rule (the plan's organisation, or one that took the person on). */
export async function supportPlanOf(person: Person, ctx: Ctx, info: GraphQLResolveInfo): Promise<SupportPlan | null> {
  const plan = await ctx.loaders.supportPlanByPerson.load(person.id);
  await authorizeHealthRead(
    ctx,
    { personId: person.id, field: fieldName(info), operation: operationName(ctx, info) },
    (orgs) => !!plan && orgs.includes(plan.organisation),
  );
  return plan;
}

@Resolver(() => SupportPlan)
export class SupportPlanResolver {
  @Personal("HEALTH", { person: (_r, _c, args) => args.input.personId })
  @Mutation(() => SupportPlan, {
    description:
      "Creates or changes the MHPSS plan of a person referred to your organisation (one plan per person, changed " +
      "only by the organisation that holds it; CLOSED is final, CONFLICT otherwise). Every change is kept.",
  })
  @Authorized("CARE_WORKER")
  async updateSupportPlan(
    @Arg("input", () => UpdateSupportPlanInput, { description: "The person and the changes to their plan." })
    input: UpdateSupportPlanInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SupportPlan> {
    const operation = operationName(ctx, info);
    const field = fieldName(info);
    const { personId } = validateSupportPlan(input);
    await ctx.access.transaction(async (m) => {
      try {
        await updateSupportPlan(m, input, ctx.caller);
      } catch (e) {
        if (!(e instanceof PlanHeldElsewhere)) throw e;
        ctx.audit.record({
          category: "HEALTH",
          action: "WRITE",
          personId,
          field,
          operation,
          outcome: "REFUSED",
          reason: "FORBIDDEN",
        });
        throw planHeldElsewhereError(personId, e.organisation);
      }
      ctx.access.recordWrite("HEALTH", personId, field, operation);
    });
    ctx.loaders.supportPlanByPerson.clear(personId);
    return (await ctx.loaders.supportPlanByPerson.load(personId))!;
  }

  @FieldResolver(() => Person, { description: "The person the plan is for." })
  person(@Root() plan: SupportPlan): Person {
    return { id: plan.personId };
  }

  @FieldResolver(() => [SupportSession], { description: "Sessions, oldest first." })
  sessions(@Root() plan: SupportPlan, @Ctx() ctx: Ctx): Promise<SupportSession[]> {
    return ctx.loaders.sessionsByPlan.load(plan.id);
  }

  @FieldResolver(() => [SupportPlanChange], { description: "Every change of the plan, oldest first." })
  history(@Root() plan: SupportPlan, @Ctx() ctx: Ctx): Promise<SupportPlanChange[]> {
    return ctx.loaders.historyByPlan.load(plan.id);
  }
}
