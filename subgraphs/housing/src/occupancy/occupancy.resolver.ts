import { assertNisCode, assertUuid, badInput, DateScalar, notFound, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { OccupancyPoint } from "../sites/occupancy";

type Ctx = SubgraphContext<HousingLoaders>;

const MAX_PERIOD_DAYS = 366;

@Resolver()
export class OccupancyResolver {
  @Query(() => [OccupancyPoint], {
    description:
      "Occupancy per day (end of day) between two days, for all sites, one site or one municipality: places, validated places (by the offer's status in effect that day, see effectiveOn in the offer's history), occupied and available. Places are the sites' current beds.",
  })
  @Authorized()
  async occupancySeries(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { nullable: true }) siteId?: string | null,
    @Arg("nisCode", () => ID, { nullable: true }) nisCode?: string | null,
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
    // A site is in the figures from the day it was registered or, when a status was recorded after the fact,
    // from the day its first status took effect; its beds are validated capacity on the days its VALIDATED
    // status is in effect (effective_on), which is also the first day a household can move in.
    return ctx.dataSource.query(
      `WITH days AS (SELECT d::date AS date FROM generate_series($1::date, $2::date, interval '1 day') AS d),
            sel AS (SELECT s.id, s.capacity, o.id AS offer_id,
                           LEAST((s.created_at AT TIME ZONE 'Europe/Brussels')::date,
                                 (SELECT MIN(c.effective_on) FROM offer_status_change c WHERE c.offer_id = o.id)) AS since
                    FROM site s JOIN housing_offer o ON o.site_id = s.id
                    WHERE ($3::uuid IS NULL OR s.id = $3::uuid) AND ($4::text IS NULL OR s.nis_code = $4::text)),
            per AS (
              SELECT d.date, s.id, s.capacity, s.since <= d.date AS registered,
                     COALESCE(st.status = 'VALIDATED', false) AS validated, COALESCE(occ.n, 0) AS occupied
              FROM days d CROSS JOIN sel s
              LEFT JOIN LATERAL (SELECT c.status FROM offer_status_change c
                                 WHERE c.offer_id = s.offer_id AND c.effective_on <= d.date
                                 ORDER BY c.effective_on DESC, c.at DESC LIMIT 1) st ON true
              LEFT JOIN LATERAL (SELECT COUNT(*)::int AS n FROM placement p
                                 WHERE p.site_id = s.id AND p.move_in_date <= d.date
                                   AND (p.move_out_date IS NULL OR p.move_out_date > d.date)) occ ON true)
       SELECT to_char(d.date, 'YYYY-MM-DD') AS date,
              COALESCE(SUM(p.capacity) FILTER (WHERE p.registered), 0)::int AS places,
              COALESCE(SUM(p.capacity) FILTER (WHERE p.validated), 0)::int AS "validatedPlaces",
              COALESCE(SUM(p.occupied), 0)::int AS occupied,
              COALESCE(SUM(GREATEST(p.capacity - p.occupied, 0)) FILTER (WHERE p.validated), 0)::int AS available,
              COUNT(p.id) FILTER (WHERE p.registered)::int AS sites
       FROM days d LEFT JOIN per p ON p.date = d.date
       GROUP BY d.date ORDER BY d.date`,
      [from, to, site, nis],
    );
  }
}
