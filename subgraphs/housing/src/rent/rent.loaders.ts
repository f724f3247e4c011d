import { groupBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { RentCharge } from "./rent-charge.entity";

/** Rent loaders of one request. */
export function createRentLoaders(dataSource: DataSource) {
  return {
    rentChargesByHousehold: new DataLoader<string, RentCharge[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(RentCharge)
          .find({ where: { householdId: In(ids.filter(isUuid)) }, order: { month: "DESC" } }),
        (c) => c.householdId,
      ),
    ),
  };
}
