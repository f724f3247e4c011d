import {
  CoordinationFilter,
  DateScalar,
  indicatorPeriod,
  isSiteFilter,
  percentage,
  Percentage,
  Personal,
  RESULTS_MATRIX,
  ResultIndicator,
  resultIndicator,
  statistic,
  SubgraphContext,
  suppressCount,
  SuppressedCount,
  SuppressedStatistic,
  badInput,
} from "@reception-graph/kit";
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { checkedFilter } from "../sites/coordination.service";
import { IndicatorReport } from "./indicators.entity";
import { loadIndicatorReport } from "./indicators.loaders";
import { operationalCentres, siteResidents } from "./indicators.service";

type Ctx = SubgraphContext<HousingLoaders>;

const figures = (report: IndicatorReport, ctx: Ctx) => ctx.loaders.housingFigures.load(report);

@Resolver(() => IndicatorReport)
export class IndicatorResolver {
  @Personal("AGGREGATES")
  @Query(() => IndicatorReport, {
    description:
      "The indicators for a period of at most 366 days (and optionally one site): the results matrix against its targets and the figures every partner contributes. Counts of people are suppressed when 1–4.",
  })
  @Authorized()
  indicators(
    @Arg("from", () => DateScalar, { description: "First day of the period (included); at most 366 days before to." })
    from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { description: "Only this site; omit for all sites.", nullable: true })
    siteId?: string | null,
  ): Promise<IndicatorReport> {
    return loadIndicatorReport(ctx.loaders, { from, to, siteId });
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => ResultIndicator, {
    description:
      "Output 1.1: reception centres (IOM's RECEPTION_CENTRE kind) whose offer is VALIDATED on `to` (status in effect), in scope; sites, not people: never suppressed.",
  })
  async centresOperational(@Root() report: IndicatorReport, @Ctx() ctx: Ctx): Promise<ResultIndicator> {
    const { centresOperational } = await figures(report, ctx);
    return resultIndicator(RESULTS_MATRIX.centresOperational, { value: centresOperational });
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Int, {
    description:
      "Beds of the sites in scope whose offer is VALIDATED on `to` (occupancySeries.validatedPlaces on `to`).",
  })
  async placesTotal(@Root() report: IndicatorReport, @Ctx() ctx: Ctx): Promise<number> {
    return (await figures(report, ctx)).placesTotal;
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    description: "People in an open placement at the end of `to` at the sites in scope.",
  })
  async placesOccupied(@Root() report: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await figures(report, ctx)).placesOccupied);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Percentage, {
    description: "placesOccupied out of placesTotal (places are not people: only the occupied count suppresses it).",
  })
  async occupancyRate(@Root() report: IndicatorReport, @Ctx() ctx: Ctx): Promise<Percentage> {
    const f = await figures(report, ctx);
    return percentage(f.placesOccupied, f.placesTotal, false);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    description: "Move-outs (placements ended) dated in [from, to] at the sites in scope.",
  })
  async moveOuts(@Root() report: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount((await figures(report, ctx)).moveOuts);
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedStatistic, {
    description:
      "Mean length of stay in days (move-out day minus move-in day) over the placements ended in [from, to] at the sites in scope; basis = their number.",
  })
  async averageStayDays(@Root() report: IndicatorReport, @Ctx() ctx: Ctx): Promise<SuppressedStatistic> {
    const f = await figures(report, ctx);
    return statistic(f.averageStayDays, f.moveOuts);
  }

  /**
   * For other subgraphs' indicators and series narrowed to sites (the kit's
   * SitesPeer.residents). Keys only: which person IDs lived at the selected
   * sites, nothing about them; the caller counts its own records of those
   * people, so the answer is as personal as the aggregate it feeds.
   */
  @Personal("AGGREGATES")
  @Directive("@inaccessible")
  @Query(() => [ID], {
    description:
      "Internal (SitesPeer.residents): IDs of the people with a placement at a site the filter selects at any time in [from, to] (moved in by `to`, not moved out before `from`). Keys only, for peers to count their own records of those people in an aggregate; never shown. The filter must select sites (unfiltered: count everyone, do not ask).",
  })
  @Authorized()
  async _siteResidents(
    @Arg("filter", () => CoordinationFilter) filter: CoordinationFilter,
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Ctx() ctx: Ctx,
  ): Promise<string[]> {
    const period = indicatorPeriod({ from, to });
    // Everyone's IDs would be an unbounded list: a peer counting everyone does not need housing.
    if (!isSiteFilter(filter))
      throw badInput("filter", "filter selects no sites: count everyone without asking housing.");
    return siteResidents(ctx.dataSource, await checkedFilter(ctx.dataSource, filter), period.from, period.to);
  }

  /** For the results matrix's "per centre" indicators (the kit's SitesPeer.operationalCentres). Keys only. */
  @Personal("AGGREGATES")
  @Directive("@inaccessible")
  @Query(() => [ID], {
    description:
      "Internal (SitesPeer.operationalCentres): IDs of the sites centresOperational counts for this period and scope. Keys of sites, no people.",
  })
  @Authorized()
  async _operationalCentres(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { nullable: true }) siteId?: string | null,
  ): Promise<string[]> {
    const report = await loadIndicatorReport(ctx.loaders, { from, to, siteId });
    return operationalCentres(ctx.dataSource, report);
  }
}
