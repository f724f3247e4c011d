import { groupBy, indexBy, isUuid, findInWith, ReadAlong } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Room } from "../sites/room.entity";
import { Site } from "../sites/site.entity";
import { SiteLoaders } from "../sites/site.loaders";
import { Placement } from "./placement.entity";

/** One page of a site's residents (open placements). */
export interface ResidentsPageKey {
  siteId: string;
  limit: number;
  /** Sort key of the last resident seen (move-in date, household, placement), or null for the first page. */
  after: string[] | null;
}

/** Residents in move-in order; the keyset cursors of Site.residents follow it. */
export const RESIDENT_ORDER_LENGTH = 3;

/**
 * Placement loaders of one request. A placement is read with its site and room, primed into the site
 * loaders: a page asks housing the same statements whether or not anyone on it is placed.
 */
export function createPlacementLoaders(dataSource: DataSource, sites: SiteLoaders) {
  const along: ReadAlong<Placement>[] = [
    { via: "siteId", target: Site, loader: sites.siteById },
    { via: "roomId", target: Room, loader: sites.roomById },
  ];
  return {
    placementById: new DataLoader<string, Placement | null>(async (ids) =>
      indexBy(ids, await findInWith(dataSource, Placement, "id", ids.filter(isUuid), {}, along), (p) => p.id),
    ),
    placementsByPerson: new DataLoader<string, Placement[]>(async (ids) =>
      groupBy(
        ids,
        await findInWith(
          dataSource,
          Placement,
          "personId",
          ids.filter(isUuid),
          { order: { moveInDate: "DESC", createdAt: "DESC" } },
          along,
        ),
        (p) => p.personId,
      ),
    ),
    /**
     * One keyset page of each asked site's residents (open placements), in move-in order, with the site's
     * total: one statement for all sites of the request, each page cut after its own cursor.
     */
    residentsPage: new DataLoader<
      ResidentsPageKey,
      { rows: { key: string[]; node: Placement }[]; total: number },
      string
    >(
      async (keys) => {
        const after = (k: ResidentsPageKey, i: number) => k.after?.[i] ?? null;
        const rows: { idx: number; id: string; k0: string; k1: string; k2: string }[] = await dataSource.query(
          `SELECT k.idx::int AS idx, p.id, p.move_in_date::text AS k0, p.household_id::text AS k1, p.id::text AS k2
           FROM unnest($1::uuid[], $2::date[], $3::uuid[], $4::uuid[], $5::int[])
                WITH ORDINALITY AS k(site_id, a0, a1, a2, lim, idx)
           CROSS JOIN LATERAL (
             SELECT q.id, q.move_in_date, q.household_id FROM placement q
             WHERE q.site_id = k.site_id AND q.move_out_date IS NULL
               AND (k.a0 IS NULL OR (q.move_in_date, q.household_id, q.id) > (k.a0, k.a1, k.a2))
             ORDER BY q.move_in_date, q.household_id, q.id LIMIT k.lim + 1) p
           ORDER BY k.idx, p.move_in_date, p.household_id, p.id`,
          [
            keys.map((k) => k.siteId),
            keys.map((k) => after(k, 0)),
            keys.map((k) => after(k, 1)),
            keys.map((k) => after(k, 2)),
            keys.map((k) => k.limit),
          ],
        );
        const totals: { site_id: string; n: number }[] = await dataSource.query(
          `SELECT site_id, count(*)::int AS n FROM placement WHERE site_id = ANY($1::uuid[]) AND move_out_date IS NULL
           GROUP BY site_id`,
          [[...new Set(keys.map((k) => k.siteId))]],
        );
        const full = await findInWith(
          dataSource,
          Placement,
          "id",
          rows.map((r) => r.id),
          {},
          along,
        );
        const byId = new Map(full.map((p) => [p.id, p]));
        return keys.map((k, i) => ({
          rows: rows
            .filter((r) => r.idx === i + 1 && byId.has(r.id))
            .map((r) => ({ key: [r.k0, r.k1, r.k2], node: byId.get(r.id)! })),
          total: totals.find((t) => t.site_id === k.siteId)?.n ?? 0,
        }));
      },
      { cacheKeyFn: (k) => `${k.siteId}|${k.limit}|${(k.after ?? []).join(",")}` },
    ),
  };
}
