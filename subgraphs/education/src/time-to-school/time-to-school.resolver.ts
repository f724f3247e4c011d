import {
  assertUuid,
  badInput,
  CoordinationFilter,
  DateScalar,
  indicatorPeriod,
  isSiteFilter,
  Personal,
  statistic,
  SubgraphContext,
  suppressCount,
} from "@reception-graph/kit";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { timeToSchool, timeToSchoolByMonth } from "./time-to-school.service";
import { MonthlyTimeToSchool, TimeToSchool } from "./time-to-school.types";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => TimeToSchool)
export class TimeToSchoolResolver {
  @Personal("AGGREGATES")
  @Query(() => TimeToSchool, {
    description:
      "How long children waited for school: days from registration with the OCMW cell to the first school day, " +
      "for the children whose first school day fell between from and to (inclusive). Median and bands 0-7, " +
      "8-14, 15-30, over 30 days; counts of 1–4 (and one more band, when a single one is hidden) and a median " +
      "over fewer than 5 children are suppressed. With siteId, only the children who arrived at that site (first " +
      "placement there): which children those are is housing data, so housing answers only callers who may read " +
      "it (housing and site coordinators, social workers, OCMW administration, with a purpose covering housing).",
  })
  async timeToSchool(
    @Arg("from", () => DateScalar, { description: "First day of the period (included)." }) from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Arg("siteId", () => ID, { description: "Only children who arrived at this site; omit for all.", nullable: true })
    siteId: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<TimeToSchool> {
    if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
    if (siteId == null) return timeToSchool(ctx.dataSource, from, to, null);
    const site = assertUuid(siteId, "siteId");
    await ctx.loaders.housing.requireSite(site, "siteId");
    return timeToSchool(ctx.dataSource, from, to, (ids) => ctx.loaders.housing.arrivedAtSite(site, ids));
  }

  @Personal("AGGREGATES")
  @Query(() => [MonthlyTimeToSchool], {
    description:
      "Time to school per calendar month (coordination series): children whose first school day with a place fell " +
      "in the month (within from–to, at most 366 days) and their median days to school; counts of 1–4 and medians " +
      "over fewer than 5 children suppressed. With filter: the children placed at the selected sites in the period.",
  })
  async timeToSchoolSeries(
    @Arg("from", () => DateScalar, { description: "First day of the period (included); at most 366 days before to." })
    from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Ctx() ctx: Ctx,
    @Arg("filter", () => CoordinationFilter, {
      description: "Only children placed at the selected sites in the period; omit for all.",
      nullable: true,
    })
    filter?: CoordinationFilter | null,
  ): Promise<MonthlyTimeToSchool[]> {
    indicatorPeriod({ from, to });
    if (filter?.siteId != null) assertUuid(filter.siteId, "filter.siteId");
    // Narrowed to sites: housing says who lived there (its refusal of an unknown site keeps its code).
    const among = isSiteFilter(filter) ? [...(await ctx.loaders.housing.residents(filter, from, to))] : null;
    const rows = await timeToSchoolByMonth(ctx.dataSource, from, to, among);
    return rows.map((r) => ({
      month: r.month,
      enrolled: suppressCount(r.children),
      medianDays: statistic(r.median, r.children),
    }));
  }
}
