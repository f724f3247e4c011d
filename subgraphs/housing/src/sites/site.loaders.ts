import { groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Room } from "./room.entity";
import { Site } from "./site.entity";

/** Site and room loaders of one request. */
export function createSiteLoaders(dataSource: DataSource) {
  return {
    siteById: new DataLoader<string, Site | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(Site).findBy({ id: In(ids.filter(isUuid)) }), (s) => s.id),
    ),
    sitesByNis: new DataLoader<string, Site[]>(async (codes) =>
      groupBy(
        codes,
        await dataSource.getRepository(Site).find({ where: { nisCode: In([...codes]) }, order: { name: "ASC" } }),
        (s) => s.nisCode,
      ),
    ),
    roomsBySite: new DataLoader<string, Room[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(Room)
          .find({ where: { siteId: In(ids.filter(isUuid)) }, order: { label: "ASC" } }),
        (r) => r.siteId,
      ),
    ),
    roomById: new DataLoader<string, Room | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(Room).findBy({ id: In(ids.filter(isUuid)) }), (r) => r.id),
    ),
  };
}
