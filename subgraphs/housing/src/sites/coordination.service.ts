import { assertNisCode, assertUuid, badInput, CoordinationFilter, PROVINCES, Province } from "@reception-graph/kit";
import { DataSource } from "typeorm";

/**
 * The day a site is in the figures from: the day it was registered or, when a
 * status was recorded after the fact, the day its first status took effect
 * (as occupancySeries counts it). The filter's createdFrom/createdTo compare
 * with this day. Needs `s` (site) and `o` (its housing_offer) in scope.
 */
export const REGISTERED_ON_SQL = `LEAST((s.created_at AT TIME ZONE 'Europe/Brussels')::date,
  (SELECT MIN(c.effective_on) FROM offer_status_change c WHERE c.offer_id = o.id))`;

/**
 * The sites a coordination filter selects, as a SELECT of (id, nis_code,
 * capacity) taking its six parameters from `$first` on; append
 * `filterParams(filter)` to the query's parameters. The validation status is
 * the offer's current one: a status cannot take effect in the future, and each
 * change takes effect no earlier than the one before, so the last recorded is
 * the one in effect today.
 */
export function selectedSitesSql(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `SELECT s.id, s.nis_code, s.capacity FROM site s
          JOIN housing_offer o ON o.site_id = s.id
          JOIN municipality m ON m.nis_code = s.nis_code
          WHERE (${p(0)}::text IS NULL OR m.province = ${p(0)}::text)
            AND (${p(1)}::text IS NULL OR s.nis_code = ${p(1)}::text)
            AND (${p(2)}::uuid IS NULL OR s.id = ${p(2)}::uuid)
            AND (${p(3)}::text IS NULL OR o.status = ${p(3)}::text)
            AND (${p(4)}::date IS NULL OR ${REGISTERED_ON_SQL} >= ${p(4)}::date)
            AND (${p(5)}::date IS NULL OR ${REGISTERED_ON_SQL} <= ${p(5)}::date)`;
}

/** The six parameters of selectedSitesSql, in its order. */
export function filterParams(filter: CoordinationFilter | null | undefined): (string | null)[] {
  return [
    filter?.province ?? null,
    filter?.nisCode ?? null,
    filter?.siteId ?? null,
    filter?.validationStatus ?? null,
    filter?.createdFrom ?? null,
    filter?.createdTo ?? null,
  ];
}

/**
 * A filter checked against what housing knows: an unknown site or
 * municipality is BAD_USER_INPUT naming the filter's field (a series of zeros
 * would look like an empty site), and so is a creation range that ends before
 * it starts.
 */
export async function checkedFilter(
  dataSource: DataSource,
  filter: CoordinationFilter | null | undefined,
  argument = "filter",
): Promise<CoordinationFilter> {
  const out: CoordinationFilter = { ...(filter ?? {}) };
  if (out.siteId != null) {
    out.siteId = assertUuid(out.siteId, `${argument}.siteId`);
    const [row] = await dataSource.query(`SELECT 1 FROM site WHERE id = $1`, [out.siteId]);
    if (!row)
      throw badInput(
        `${argument}.siteId`,
        `Site ${JSON.stringify(out.siteId)} is not a site the housing service knows.`,
      );
  }
  if (out.nisCode != null) {
    out.nisCode = assertNisCode(out.nisCode, `${argument}.nisCode`);
    const [row] = await dataSource.query(`SELECT 1 FROM municipality WHERE nis_code = $1`, [out.nisCode]);
    if (!row) throw badInput(`${argument}.nisCode`, `NIS code ${out.nisCode} is not a known Flemish municipality.`);
  }
  if (out.createdFrom != null && out.createdTo != null && out.createdTo < out.createdFrom)
    throw badInput(`${argument}.createdTo`, `createdTo ${out.createdTo} is before createdFrom ${out.createdFrom}.`);
  return out;
}

export interface MunicipalitySitesRow {
  nisCode: string;
  province: Province;
  sites: number;
  places: number;
}

/** Sites and their beds per municipality with at least one selected site, by province then municipality name. */
export function sitesByMunicipality(
  dataSource: DataSource,
  filter: CoordinationFilter,
): Promise<MunicipalitySitesRow[]> {
  return dataSource.query(
    `WITH sel AS (${selectedSitesSql(1)})
     SELECT m.nis_code AS "nisCode", m.province, COUNT(*)::int AS sites, COALESCE(SUM(sel.capacity), 0)::int AS places
     FROM sel JOIN municipality m ON m.nis_code = sel.nis_code
     GROUP BY m.nis_code, m.province, m.name
     ORDER BY m.province, m.name`,
    filterParams(filter),
  );
}

export interface ProvinceSitesRow {
  province: Province;
  sites: number;
  places: number;
}

/** Sites and their beds per province: all five provinces, in enum order, 0 where none is selected. */
export async function sitesByProvince(dataSource: DataSource, filter: CoordinationFilter): Promise<ProvinceSitesRow[]> {
  const rows: ProvinceSitesRow[] = await dataSource.query(
    `WITH sel AS (${selectedSitesSql(1)})
     SELECT m.province, COUNT(*)::int AS sites, COALESCE(SUM(sel.capacity), 0)::int AS places
     FROM sel JOIN municipality m ON m.nis_code = sel.nis_code
     GROUP BY m.province`,
    filterParams(filter),
  );
  const byProvince = new Map(rows.map((r) => [r.province, r]));
  return PROVINCES.map((province) => byProvince.get(province) ?? { province, sites: 0, places: 0 });
}
