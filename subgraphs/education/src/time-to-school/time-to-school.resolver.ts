import { assertUuid, badInput, DateScalar, Personal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { timeToSchool } from "./time-to-school.service";
import { TimeToSchool } from "./time-to-school.types";

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
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Arg("siteId", () => ID, { nullable: true }) siteId: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<TimeToSchool> {
    if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
    if (siteId == null) return timeToSchool(ctx.dataSource, from, to, null);
    const site = assertUuid(siteId, "siteId");
    await ctx.loaders.housing.requireSite(site, "siteId");
    return timeToSchool(ctx.dataSource, from, to, (ids) => ctx.loaders.housing.arrivedAtSite(site, ids));
  }
}
