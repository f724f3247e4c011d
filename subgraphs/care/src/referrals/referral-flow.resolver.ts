import {
  assertUuid,
  CoordinationFilter,
  DateScalar,
  indicatorPeriod,
  isSiteFilter,
  Personal,
  SubgraphContext,
} from "@reception-graph/kit";
import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { CareLoaders } from "../loaders";
import { WeeklyReferrals } from "./referral-flow.entity";
import { referralFlow } from "./referral-flow.service";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => WeeklyReferrals)
export class ReferralFlowResolver {
  @Personal("AGGREGATES")
  @Query(() => [WeeklyReferrals], {
    description:
      "Referrals per ISO week (coordination series): made, and per status those that entered it. With a filter, " +
      "only referrals of people who lived at the selected sites during the period (asked of housing).",
  })
  @Authorized()
  async referralFlow(
    @Ctx() ctx: Ctx,
    @Arg("from", () => DateScalar, { description: "First day of the period (included)." }) from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Arg("filter", () => CoordinationFilter, {
      description: "Only referrals of people placed at the selected sites; omit for all.",
      nullable: true,
    })
    filter?: CoordinationFilter | null,
  ): Promise<WeeklyReferrals[]> {
    const period = indicatorPeriod({ from, to });
    if (!isSiteFilter(filter)) return referralFlow(ctx.dataSource, period.from, period.to, null);
    if (filter.siteId != null) {
      await ctx.loaders.housing.requireSite(assertUuid(filter.siteId, "filter.siteId"), "filter.siteId");
    }
    // Housing checks the rest of the filter (an unknown nisCode is its BAD_USER_INPUT, passed on).
    const residents = await ctx.loaders.housing.residents(filter, period.from, period.to);
    return referralFlow(ctx.dataSource, period.from, period.to, [...residents]);
  }
}
