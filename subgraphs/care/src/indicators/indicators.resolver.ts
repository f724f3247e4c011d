import {
  indicatorPeriod,
  Personal,
  RESULTS_MATRIX,
  ResultIndicator,
  resultIndicator,
  statistic,
  SubgraphContext,
  SuppressedCount,
  suppressCount,
  suppressCounts,
  SuppressedStatistic,
} from "@reception-graph/kit";
import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { CareLoaders } from "../loaders";
import { ReferralStatusCount } from "../referrals/referral-flow.entity";
import { STATUSES } from "../referrals/referral-flow.service";
import { IndicatorReport } from "./indicators.entity";

type Ctx = SubgraphContext<CareLoaders>;

/** The gateway's `_entities` call for a report: the key is checked like the `indicators` query checks it. */
export function resolveIndicatorReport(ref: unknown, ctx: Ctx): Promise<IndicatorReport> {
  return ctx.loaders.indicatorReport.load(indicatorPeriod(ref as Record<string, unknown>));
}

@Resolver(() => IndicatorReport)
export class IndicatorReportResolver {
  @Personal("AGGREGATES")
  @FieldResolver(() => ResultIndicator, {
    nullable: true,
    description:
      "Outcome 1: % of residents whose latest living-conditions answer in the period is IMPROVED, of those who " +
      "answered (at the site when siteId). Suppressed when improved, answered or not improved is 1–4.",
  })
  @Authorized()
  async livingConditionsImprovedPct(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<ResultIndicator> {
    const lc = await ctx.loaders.indicatorLivingConditions.load(r);
    return resultIndicator(RESULTS_MATRIX.livingConditionsImproved, {
      value: lc.percentage,
      numerator: lc.improved,
      denominator: lc.answered,
      suppressed: lc.suppressed,
    });
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => ResultIndicator, {
    nullable: true,
    description:
      "Output 1.2: distinct staff (organisation and name) trained in PSEA on or before `to` (at the site when " +
      "siteId). Staff are not people served: never suppressed.",
  })
  @Authorized()
  async staffTrainedPsea(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<ResultIndicator> {
    const { psea } = await ctx.loaders.indicatorTrained.load(r);
    return resultIndicator(RESULTS_MATRIX.staffTrainedPsea, { value: psea });
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => ResultIndicator, {
    nullable: true,
    description:
      "Output 1.2: distinct staff trained in MHPSS or psychological first aid on or before `to` (at the site " +
      "when siteId). Not suppressed.",
  })
  @Authorized()
  async staffTrainedMhpss(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<ResultIndicator> {
    const { mhpss } = await ctx.loaders.indicatorTrained.load(r);
    return resultIndicator(RESULTS_MATRIX.staffTrainedMhpss, { value: mhpss });
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => ResultIndicator, {
    nullable: true,
    description:
      "Output 1.2: the fewest feedback channels of any reception centre operational in the period (housing says " +
      "which; null when none); numerator: centres with at least one channel; denominator: centres. Not suppressed.",
  })
  @Authorized()
  async feedbackChannelsPerCentre(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<ResultIndicator> {
    const channels = await ctx.loaders.indicatorCentreChannels.load(r);
    return resultIndicator(RESULTS_MATRIX.feedbackChannelsPerCentre, {
      value: channels.length ? Math.min(...channels) : null,
      numerator: channels.filter((n) => n >= 1).length,
      denominator: channels.length,
    });
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description: "Feedback received in the period (at the site when siteId); suppressed when 1–4.",
  })
  @Authorized()
  async feedbackReceived(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorFeedback.load(r)).received);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description: "Feedback answered (closed) in the period, whenever received; suppressed when 1–4.",
  })
  @Authorized()
  async feedbackClosed(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorFeedback.load(r)).closed);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedStatistic, {
    nullable: true,
    description:
      "Median days from receipt to answer of the feedback closed in the period; basis: those closed. " +
      "Suppressed when 1–4 were closed.",
  })
  @Authorized()
  async medianFeedbackResponseDays(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedStatistic> {
    const f = await ctx.loaders.indicatorFeedback.load(r);
    return statistic(f.medianDays, f.closed);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => [ReferralStatusCount], {
    nullable: true,
    description:
      "Referrals made (sent) in the period, by their status at the end of `to`, every status in lifecycle order " +
      "(DRAFT is always 0: a draft is not made yet). With siteId, referrals of the site's residents in the period. " +
      "Counts of 1–4 are suppressed, with complementary suppression (their total is the referrals made).",
  })
  @Authorized()
  async referralsByStatus(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<ReferralStatusCount[]> {
    const { byStatus } = await ctx.loaders.indicatorReferrals.load(r);
    const shown = suppressCounts(byStatus);
    return STATUSES.map((status, i) => ({ status, count: shown[i] }));
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    nullable: true,
    description:
      "Referrals sent by the end of `to` and still open then (not COMPLETED, DECLINED or CANCELLED) whose due " +
      "date is before `to` (care's overdue), whenever made. With siteId, of the site's residents. Suppressed when 1–4.",
  })
  @Authorized()
  async overdueReferrals(@Root() r: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await ctx.loaders.indicatorReferrals.load(r)).overdue);
  }
}
