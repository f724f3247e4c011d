import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Room } from "./room.entity";
import { Site } from "./site.entity";

/** Site and room loaders of one request. */
export function createSiteLoaders(dataSource: DataSource) {
  return {
    siteById: new DataLoader<string, Site | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, Site, "id", ids.filter(isUuid)), (s) => s.id),
    ),
    sitesByNis: new DataLoader<string, Site[]>(async (codes) =>
      groupBy(
        codes,
        await findIn(dataSource, Site, "nisCode", [...codes], { order: { name: "ASC" } }),
        (s) => s.nisCode,
      ),
    ),
    roomsBySite: new DataLoader<string, Room[]>(async (ids) =>
      groupBy(
        ids,
        await findIn(dataSource, Room, "siteId", ids.filter(isUuid), { order: { label: "ASC" } }),
        (r) => r.siteId,
      ),
    ),
    roomById: new DataLoader<string, Room | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, Room, "id", ids.filter(isUuid)), (r) => r.id),
    ),
  };
}

export type SiteLoaders = ReturnType<typeof createSiteLoaders>;
