import { isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Site } from "../sites/site.entity";
import { Placement } from "./placement.entity";

/** Placement and site loaders of one request (per request). */
export function createPlacementLoaders(dataSource: DataSource) {
  return {
    siteById: new DataLoader<string, Site | null>(async (ids) => {
      const rows = await dataSource.getRepository(Site).findBy({ id: In(ids.filter(isUuid)) });
      const byId = new Map(rows.map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    placementsByPerson: new DataLoader<string, Placement[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(Placement)
        .find({ where: { personId: In(ids.filter(isUuid)) }, order: { moveInDate: "DESC" } });
      const byPerson = new Map<string, Placement[]>(ids.map((id) => [id, []]));
      for (const p of rows) byPerson.get(p.personId)?.push(p);
      return ids.map((id) => byPerson.get(id) ?? []);
    }),
  };
}
