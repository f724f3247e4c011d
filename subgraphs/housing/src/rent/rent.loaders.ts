import { groupBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { RentCharge } from "./rent-charge.entity";

/** Rent loaders of one request. */
export function createRentLoaders(dataSource: DataSource) {
  return {
    rentChargesByHousehold: new DataLoader<string, RentCharge[]>(async (ids) =>
      groupBy(
        ids,
        await findIn(dataSource, RentCharge, "householdId", ids.filter(isUuid), { order: { month: "DESC" } }),
        (c) => c.householdId,
      ),
    ),
  };
}
