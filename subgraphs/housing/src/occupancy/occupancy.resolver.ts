import {
  assertNisCode,
  assertUuid,
  badInput,
  CoordinationFilter,
  DateScalar,
  notFound,
  Personal,
  SubgraphContext,
} from "@reception-graph/kit";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { OccupancyPoint } from "../sites/occupancy";
import { checkedFilter } from "../sites/coordination.service";
import { occupancySeries } from "./occupancy.service";

type Ctx = SubgraphContext<HousingLoaders>;

const MAX_PERIOD_DAYS = 366;

@Resolver()
export class OccupancyResolver {
  @Personal("AGGREGATES")
  @Query(() => [OccupancyPoint], {
    description:
      "Occupancy per day (end of day) between two days, for all sites, one site or one municipality: places, validated places (by the offer's status in effect that day, see effectiveOn in the offer's history), occupied (people: suppressed when 1–4) and available (null when occupied is suppressed). Places are the sites' current beds. filter narrows the sites further (as for sitesByMunicipality).",
  })
  @Authorized()
  async occupancySeries(
    @Arg("from", () => DateScalar, { description: "First day of the series (included)." }) from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the series (included)." }) to: string,
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { description: "Only this site.", nullable: true }) siteId?: string | null,
    @Arg("nisCode", () => ID, { description: "Only the sites of the municipality with this NIS code.", nullable: true })
    nisCode?: string | null,
    @Arg("filter", () => CoordinationFilter, {
      description: "Narrows the sites further; omit for no narrowing.",
      nullable: true,
    })
    filter?: CoordinationFilter | null,
  ): Promise<OccupancyPoint[]> {
    if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS)
      throw badInput("to", `The period ${from}..${to} is longer than ${MAX_PERIOD_DAYS} days.`);
    // An unknown site or municipality is an error, not a series of zeros that looks like an empty site.
    const site = siteId != null ? assertUuid(siteId, "siteId") : null;
    if (site && !(await ctx.loaders.siteById.load(site))) throw notFound("Site", siteId!);
    let nis: string | null = null;
    if (nisCode != null) {
      nis = assertNisCode(nisCode, "nisCode");
      if (!(await ctx.loaders.municipalityByNis.load(nis)))
        throw badInput("nisCode", `NIS code ${nis} is not a known Flemish municipality.`);
    }
    return occupancySeries(ctx.dataSource, from, to, site, nis, await checkedFilter(ctx.dataSource, filter));
  }
}
