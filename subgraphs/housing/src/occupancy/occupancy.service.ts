import { CoordinationFilter, suppressCount } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { OccupancyPoint } from "../sites/occupancy";
import { filterParams, REGISTERED_ON_SQL, selectedSitesSql } from "../sites/coordination.service";

interface OccupancyRow {
  date: string;
  places: number;
  validatedPlaces: number;
  occupied: number;
  available: number;
  sites: number;
}

/**
 * Occupancy per day (end of day) between two checked days, for all sites or
 * only `siteId` or the sites of `nisCode`, among the sites `filter` selects.
 * Occupied is a count of people: suppressed when 1–4, and then available
 * (validated places minus occupied) is withheld too.
 */
export async function occupancySeries(
  dataSource: DataSource,
  from: string,
  to: string,
  siteId: string | null,
  nisCode: string | null,
  filter: CoordinationFilter | null = null,
): Promise<OccupancyPoint[]> {
  // A site is in the figures from the day it was registered or, when a status was recorded after the fact,
  // from the day its first status took effect; its beds are validated capacity on the days its VALIDATED
  // status is in effect (effective_on), which is also the first day a household can move in.
  const rows: OccupancyRow[] = await dataSource.query(
    `WITH days AS (SELECT d::date AS date FROM generate_series($1::date, $2::date, interval '1 day') AS d),
            filtered AS (${selectedSitesSql(5)}),
            sel AS (SELECT s.id, s.capacity, o.id AS offer_id, ${REGISTERED_ON_SQL} AS since
                    FROM site s JOIN housing_offer o ON o.site_id = s.id
                    WHERE ($3::uuid IS NULL OR s.id = $3::uuid) AND ($4::text IS NULL OR s.nis_code = $4::text)
                      AND s.id IN (SELECT id FROM filtered)),
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
    [from, to, siteId, nisCode, ...filterParams(filter)],
  );
  return rows.map((r) => {
    const occupied = suppressCount(r.occupied);
    return { ...r, occupied, available: occupied.suppressed ? null : r.available };
  });
}
