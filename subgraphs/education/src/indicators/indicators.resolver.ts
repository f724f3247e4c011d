import {
  IndicatorPeriod,
  indicatorPeriod,
  percentage,
  Percentage,
  Personal,
  statistic,
  SubgraphContext,
  suppressCount,
  SuppressedCount,
  SuppressedStatistic,
} from "@reception-graph/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { IndicatorReport } from "./indicators.entity";

type Ctx = SubgraphContext<EducationLoaders>;

/** The report's key, checked again here: a representation may come from any client through `_entities`. */
export function resolveIndicatorReport(ref: Partial<IndicatorPeriod>, ctx: Ctx): Promise<IndicatorReport> {
  return ctx.loaders.indicatorReport.load(indicatorPeriod(ref));
}

/** Education's fields of the report; every count of children goes through the kit's one rule. */
@Resolver(() => IndicatorReport)
export class IndicatorReportEducationResolver {
  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description:
      "Distinct children with an education assessment dated in the period (with siteId: among the site's residents).",
  })
  async childrenAssessed(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorAssessedWaiting.load(r)).assessed);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description: "Persons served (social's definition) aged 5–17 on `to`.",
  })
  async schoolAgeChildren(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    const { schoolAge } = await ctx.loaders.indicatorSchoolAge.load(r);
    // Null: social counted among 1–4 residents, which is suppressed whatever the count.
    return schoolAge == null ? { value: null, suppressed: true } : suppressCount(schoolAge);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Percentage, {
    nullable: true,
    description: "Of the school-age children, those with a school place on `to` (a waiting list is no place).",
  })
  async childrenEnrolledPct(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<Percentage> {
    const { schoolAge, schoolAgeAmongGiven } = await ctx.loaders.indicatorSchoolAge.load(r);
    if (schoolAge == null || schoolAgeAmongGiven == null)
      return { value: null, numerator: null, denominator: null, suppressed: true };
    return percentage(schoolAgeAmongGiven, schoolAge, true);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedStatistic, {
    nullable: true,
    description:
      "Median days from arrival (registration or first move-in, the later) to the first school day, over the children " +
      "whose first school day with a place fell in the period; basis = those children.",
  })
  async medianDaysToEnrolment(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedStatistic> {
    const { median, children } = await ctx.loaders.indicatorDaysToSchool.load(r);
    return statistic(median, children);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description: "Children on an OKAN waiting list at the end of `to` (asked for a place by then, none yet then).",
  })
  async okanWaitingList(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorAssessedWaiting.load(r)).waiting);
  }
}
