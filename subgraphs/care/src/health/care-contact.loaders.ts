import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { CareContact } from "./care-contact.entity";

/** Care contact loaders of one request (per request). */
export function createCareContactLoaders(dataSource: DataSource) {
  return {
    careContactById: new DataLoader<string, CareContact | null>(async (ids) => {
      const rows = await findIn(dataSource, CareContact, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (c) => c.id);
    }),
    careContactsByPerson: new DataLoader<string, CareContact[]>(async (ids) => {
      const rows = await findIn(dataSource, CareContact, "personId", ids.filter(isUuid), {
        order: { date: "DESC", createdAt: "DESC", id: "ASC" },
      });
      return groupBy(ids, rows, (c) => c.personId);
    }),
  };
}
