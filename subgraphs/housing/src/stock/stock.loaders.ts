import { groupBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { StockLevel } from "./stock-level.entity";

/** Stock loaders of one request. */
export function createStockLoaders(dataSource: DataSource) {
  return {
    stockBySite: new DataLoader<string, StockLevel[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(StockLevel)
          .find({ where: { siteId: In(ids.filter(isUuid)) }, order: { item: "ASC" } }),
        (s) => s.siteId,
      ),
    ),
  };
}
