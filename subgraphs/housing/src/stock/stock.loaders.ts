import { groupBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { StockLevel } from "./stock-level.entity";

/** Stock loaders of one request. */
export function createStockLoaders(dataSource: DataSource) {
  return {
    stockBySite: new DataLoader<string, StockLevel[]>(async (ids) =>
      groupBy(
        ids,
        await findIn(dataSource, StockLevel, "siteId", ids.filter(isUuid), { order: { item: "ASC" } }),
        (s) => s.siteId,
      ),
    ),
  };
}
