import { CoordinationFilter, IndicatorPeriod } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { filterParams, selectedSitesSql } from "../sites/coordination.service";

/** Housing's raw figures for one report, before the suppression rule. */
export interface HousingFigures {
  centresOperational: number;
  placesTotal: number;
  placesOccupied: number;
  moveOuts: number;
  averageStayDays: number | null;
}

/**
 * The sites in a report's scope with their offer's status in effect on `to`
 * (the latest change that took effect by then; none: still TO_VALIDATE).
 * `to` and the site ID (or null) are the parameters named.
 */
function scopeOnTo(to: string, siteId: string): string {
  return `SELECT s.id, s.kind, s.capacity,
         (SELECT c.status FROM offer_status_change c
          WHERE c.offer_id = o.id AND c.effective_on <= ${to}::date
          ORDER BY c.effective_on DESC, c.at DESC LIMIT 1) AS status_on_to
  FROM site s JOIN housing_offer o ON o.site_id = s.id
  WHERE (${siteId}::uuid IS NULL OR s.id = ${siteId}::uuid)`;
}

/**
 * Every housing figure of a report in one statement: sites and beds from the
 * status in effect on `to`; people from placements (end of `to`, or ended in
 * the period). One aggregate over the placement table, whatever its size.
 */
export async function housingFigures(dataSource: DataSource, period: IndicatorPeriod): Promise<HousingFigures> {
  const [row] = await dataSource.query(
    `WITH scope AS (${scopeOnTo("$2", "$3")}),
          stays AS (SELECT
              COUNT(*) FILTER (WHERE p.move_in_date <= $2::date
                                 AND (p.move_out_date IS NULL OR p.move_out_date > $2::date))::int AS occupied,
              COUNT(*) FILTER (WHERE p.move_out_date BETWEEN $1::date AND $2::date)::int AS ended,
              AVG(p.move_out_date - p.move_in_date) FILTER (WHERE p.move_out_date BETWEEN $1::date AND $2::date)::float8 AS stay
            FROM placement p
            WHERE ($3::uuid IS NULL OR p.site_id = $3::uuid) AND p.move_in_date <= $2::date)
     SELECT (SELECT COUNT(*) FROM scope WHERE kind = 'RECEPTION_CENTRE' AND status_on_to = 'VALIDATED')::int AS "centresOperational",
            (SELECT COALESCE(SUM(capacity), 0) FROM scope WHERE status_on_to = 'VALIDATED')::int AS "placesTotal",
            stays.occupied AS "placesOccupied", stays.ended AS "moveOuts", stays.stay AS "averageStayDays"
     FROM stays`,
    [period.from, period.to, period.siteId],
  );
  return row;
}

/** The reception centres centresOperational counts: IOM's centre kind, VALIDATED on `to`, in scope. */
export async function operationalCentres(dataSource: DataSource, period: IndicatorPeriod): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    `WITH scope AS (${scopeOnTo("$1", "$2")})
     SELECT id FROM scope WHERE kind = 'RECEPTION_CENTRE' AND status_on_to = 'VALIDATED' ORDER BY id`,
    [period.to, period.siteId],
  );
  return rows.map((r) => r.id);
}

/**
 * The people with a placement at a selected site at any time in [from, to]:
 * moved in on or before `to`, and not moved out before `from`.
 */
export async function siteResidents(
  dataSource: DataSource,
  filter: CoordinationFilter,
  from: string,
  to: string,
): Promise<string[]> {
  const rows: { person_id: string }[] = await dataSource.query(
    `SELECT DISTINCT p.person_id FROM placement p
     WHERE p.site_id IN (SELECT id FROM (${selectedSitesSql(3)}) sel)
       AND p.move_in_date <= $2::date AND (p.move_out_date IS NULL OR p.move_out_date >= $1::date)
     ORDER BY p.person_id`,
    [from, to, ...filterParams(filter)],
  );
  return rows.map((r) => r.person_id);
}
