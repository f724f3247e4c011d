import {
  IndicatorPeriod,
  indicatorPeriod,
  percentage,
  Percentage,
  Personal,
  SubgraphContext,
  suppressCount,
  SuppressedCount,
  suppressCounts,
} from "@reception-graph/kit";
import { Ctx, FieldResolver, Float, Int, Resolver, Root } from "type-graphql";
import { SocialLoaders } from "../loaders";
import { AgeSexCount, HouseholdComposition, HouseholdCompositionCount, IndicatorReport } from "./indicators.entity";

type Ctx = SubgraphContext<SocialLoaders>;

/** The report's key, checked again here: a representation may come from any client through `_entities`. */
export function resolveIndicatorReport(ref: Partial<IndicatorPeriod>, ctx: Ctx): Promise<IndicatorReport> {
  return ctx.loaders.indicatorReport.load(indicatorPeriod(ref));
}

const COMPOSITIONS = Object.values(HouseholdComposition);

/**
 * Social's fields of the report: the profile of the people served and the
 * cell's case files. Counts of people go through the kit's one rule; the
 * caseload counts case files per social worker (staff workload), not people.
 */
@Resolver(() => IndicatorReport)
export class IndicatorReportSocialResolver {
  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description:
      "Persons registered with the cell on or before `to` (with siteId: among the site's residents in the period).",
  })
  async personsServed(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorPeople.load(r)).total);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => [AgeSexCount], {
    nullable: true,
    description:
      "Persons served by age band on `to` (null: unknown) and sex: every band and sex, youngest first; counts of 1–4 " +
      "suppressed, and one more cell when a single one is (personsServed is their total).",
  })
  async personsByAgeAndSex(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<AgeSexCount[]> {
    const { cells } = await ctx.loaders.indicatorPeople.load(r);
    const counts = suppressCounts(cells.map((c) => c.count));
    return cells.map((c, i) => ({ ageBand: c.ageBand, sex: c.sex, count: counts[i] }));
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => [HouseholdCompositionCount], {
    nullable: true,
    description:
      "Households with at least one person served, by the composition of their members served on `to` (adult: 18+, " +
      "unknown age counts as adult); every composition; suppressed like personsByAgeAndSex.",
  })
  async householdsByComposition(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<HouseholdCompositionCount[]> {
    const byComposition = await ctx.loaders.indicatorHouseholds.load(r);
    const counts = suppressCounts(COMPOSITIONS.map((c) => byComposition.get(c) ?? 0));
    return COMPOSITIONS.map((composition, i) => ({ composition, count: counts[i] }));
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description: "Case files open at the end of `to` (with siteId: of households with a member among the residents).",
  })
  async openCaseFiles(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorCaseFiles.load(r)).open);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, { nullable: true, description: "Case files opened in the period." })
  async caseFilesOpened(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorCaseFiles.load(r)).opened);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description: "Case files closed in the period (status CLOSED; transfers to a welfare office are not closures).",
  })
  async caseFilesClosed(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorCaseFiles.load(r)).closed);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Int, {
    nullable: true,
    description: "Most open case files of one social worker at the end of `to` (staff workload, not suppressed).",
  })
  async maxCaseload(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<number> {
    return (await ctx.loaders.indicatorCaseFiles.load(r)).maxCaseload;
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      "Mean open case files per social worker holding at least one at the end of `to`, one decimal; null when none.",
  })
  async averageCaseload(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<number | null> {
    return (await ctx.loaders.indicatorCaseFiles.load(r)).averageCaseload;
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Percentage, {
    nullable: true,
    description: "Persons served whose health insurance is registered (in effect) on `to`, out of the persons served.",
  })
  async healthInsuredPct(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<Percentage> {
    const { insured, total } = await ctx.loaders.indicatorPeople.load(r);
    return percentage(insured, total, true);
  }
}
