import { groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Placement } from "./placement.entity";

/** One page of a site's residents (open placements). */
export interface ResidentsPageKey {
  siteId: string;
  limit: number;
  offset: number;
}

/** Placement loaders of one request. */
export function createPlacementLoaders(dataSource: DataSource) {
  return {
    placementById: new DataLoader<string, Placement | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(Placement).findBy({ id: In(ids.filter(isUuid)) }), (p) => p.id),
    ),
    placementsByPerson: new DataLoader<string, Placement[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(Placement)
          .find({ where: { personId: In(ids.filter(isUuid)) }, order: { moveInDate: "DESC", createdAt: "DESC" } }),
        (p) => p.personId,
      ),
    ),
    residentsPage: new DataLoader<ResidentsPageKey, { items: Placement[]; total: number }, string>(
      async (keys) => {
        const siteIds = [...new Set(keys.map((k) => k.siteId))];
        const rows: { id: string; site_id: string; rn: number; total: number }[] = await dataSource.query(
          `SELECT id, site_id, ROW_NUMBER() OVER w - 1 AS rn, COUNT(*) OVER (PARTITION BY site_id) AS total
           FROM placement WHERE site_id = ANY($1::uuid[]) AND move_out_date IS NULL
           WINDOW w AS (PARTITION BY site_id ORDER BY move_in_date, household_id, id)`,
          [siteIds],
        );
        const wanted = rows.filter((r) =>
          keys.some((k) => k.siteId === r.site_id && r.rn >= k.offset && r.rn < k.offset + k.limit),
        );
        const full = await dataSource.getRepository(Placement).findBy({ id: In(wanted.map((r) => r.id)) });
        const byId = new Map(full.map((p) => [p.id, p]));
        return keys.map((k) => {
          const site = rows.filter((r) => r.site_id === k.siteId);
          const items = site
            .filter((r) => r.rn >= k.offset && r.rn < k.offset + k.limit)
            .sort((a, b) => a.rn - b.rn)
            .map((r) => byId.get(r.id)!);
          return { items, total: site[0]?.total ?? 0 };
        });
      },
      { cacheKeyFn: (k) => `${k.siteId}|${k.limit}|${k.offset}` },
    ),
  };
}
