import { assertMonth, assertUuid, NotPersonal, Personal, SubgraphContext, THE_PERSON } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, Directive, FieldResolver, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { SocialLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { guardWrite, recordWrites } from "../shared/guard";
import { LivingWageRate, RentDue, SupportCategory, SupportDecision, SupportPayment } from "./support.entity";
import { AddLivingWageRateInput, DecideSupportInput, RecordSupportPaymentInput } from "./support.inputs";
import { addLivingWageRate, decideSupport, recordSupportPayment } from "./support.service";

type Ctx = SubgraphContext<SocialLoaders>;
const SOCIAL = ["SOCIAL_WORKER", "OCMW_ADMIN"] as const;

@Resolver(() => Person)
export class PersonSupportResolver {
  @FieldResolver(() => SupportDecision, {
    nullable: true,
    description:
      "Current living-wage-equivalent support: the decision with the latest start date. Social services only.",
  })
  @Personal("SOCIAL_FINANCIAL", { person: THE_PERSON })
  async support(@Root() person: Person, @Ctx() ctx: Ctx): Promise<SupportDecision | null> {
    return (await ctx.loaders.supportDecisionsByPerson.load(person.id))[0] ?? null;
  }

  @FieldResolver(() => [SupportDecision], { nullable: true, description: "All support decisions, latest start first." })
  @Personal("SOCIAL_FINANCIAL", { person: THE_PERSON })
  supportHistory(@Root() person: Person, @Ctx() ctx: Ctx): Promise<SupportDecision[]> {
    return ctx.loaders.supportDecisionsByPerson.load(person.id);
  }

  @FieldResolver(() => RentDue, {
    nullable: true,
    description: "For housing's rent: whether support is paid for the month, and the rent due. Null without support.",
  })
  @Directive("@inaccessible")
  @Personal("HOUSING", { person: THE_PERSON })
  rentDue(@Root() person: Person, @Arg("month") month: string, @Ctx() ctx: Ctx): Promise<RentDue | null> {
    return ctx.loaders.rentDue.load(`${person.id}|${assertMonth(month, "month")}`);
  }
}

@Resolver(() => SupportDecision)
export class SupportDecisionResolver {
  @FieldResolver(() => String, { nullable: true, description: 'First month paid, "YYYY-MM"; null until paid.' })
  async firstPaidMonth(@Root() decision: SupportDecision, @Ctx() ctx: Ctx): Promise<string | null> {
    return (await ctx.loaders.paymentsByDecision.load(decision.id))[0]?.month ?? null;
  }

  @FieldResolver(() => [SupportPayment], { description: "Payments, oldest month first." })
  payments(@Root() decision: SupportDecision, @Ctx() ctx: Ctx): Promise<SupportPayment[]> {
    return ctx.loaders.paymentsByDecision.load(decision.id);
  }

  @FieldResolver(() => Person, { description: "The person granted support." })
  async person(@Root() decision: SupportDecision, @Ctx() ctx: Ctx): Promise<Person> {
    return (await ctx.loaders.personById.load(decision.personId))!;
  }

  @NotPersonal("reference data: the living-wage rate table")
  @Query(() => [LivingWageRate], {
    description: "The effective-dated table of living-wage amounts (reference data), latest first.",
  })
  @Authorized()
  livingWageRates(
    @Ctx() ctx: Ctx,
    @Arg("category", () => SupportCategory, {
      description: "Only the rates of this category; omit for all.",
      nullable: true,
    })
    category?: SupportCategory,
  ): Promise<LivingWageRate[]> {
    return ctx.dataSource.getRepository(LivingWageRate).find({
      where: category ? { category } : {},
      order: { effectiveFrom: "DESC", category: "ASC" },
    });
  }

  @NotPersonal("reference data: the living-wage rate table")
  @Mutation(() => LivingWageRate, {
    description: "Adds an amount after an indexation. Earlier decisions keep the amount they were made with.",
  })
  @Authorized("OCMW_ADMIN", "ADMIN")
  async addLivingWageRate(
    @Arg("input", () => AddLivingWageRateInput, { description: "The category, amount and first day it applies." })
    input: AddLivingWageRateInput,
    @Ctx() ctx: Ctx,
  ): Promise<LivingWageRate> {
    await addLivingWageRate(ctx.dataSource, input);
    return (await ctx.dataSource
      .getRepository(LivingWageRate)
      .findOneBy({ category: input.category, effectiveFrom: input.effectiveFrom }))!;
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => SupportDecision, {
    description:
      "Decides support for a person with a category and start date; the amount is the rate in force on that date.",
  })
  @Authorized(...SOCIAL)
  async decideSupport(
    @Arg("input", () => DecideSupportInput, { description: "The person, category and start of the support." })
    input: DecideSupportInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SupportDecision> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    const id = await ctx.access.transaction(async (m) => {
      const created = await decideSupport(m, input, ctx.caller.sub);
      const decision = (await m.getRepository(SupportDecision).findOneBy({ id: created }))!;
      recordWrites(ctx, info, "SOCIAL_FINANCIAL", [decision.personId]);
      return created;
    });
    return (await ctx.loaders.supportDecisionById.load(id))!;
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => SupportPayment, { description: "Records the support paid for one month (CONFLICT if already paid)." })
  @Authorized(...SOCIAL)
  async recordSupportPayment(
    @Arg("input", () => RecordSupportPaymentInput, {
      description:
        "The support decision, the month paid for, and the amount and day when they differ from the defaults.",
    })
    input: RecordSupportPaymentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SupportPayment> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return ctx.access.transaction(async (m) => {
      const id = await recordSupportPayment(m, input, ctx.caller.sub);
      const payment = (await m.getRepository(SupportPayment).findOneBy({ id: assertUuid(id, "id") }))!;
      const decision = (await ctx.loaders.supportDecisionById.load(payment.supportDecisionId))!;
      recordWrites(ctx, info, "SOCIAL_FINANCIAL", [decision.personId]);
      return payment;
    });
  }
}

@Resolver(() => SupportPayment)
export class SupportPaymentResolver {
  @FieldResolver(() => SupportDecision, { description: "The support decision the payment was made under." })
  async supportDecision(@Root() payment: SupportPayment, @Ctx() ctx: Ctx): Promise<SupportDecision> {
    return (await ctx.loaders.supportDecisionById.load(payment.supportDecisionId))!;
  }
}
