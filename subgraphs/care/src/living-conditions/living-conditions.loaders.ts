import { groupBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { SurveyResponse } from "./living-conditions.entity";

/** Survey loaders of one request (per request). */
export function createLivingConditionsLoaders(dataSource: DataSource) {
  return {
    surveysByPerson: new DataLoader<string, SurveyResponse[]>(async (ids) => {
      const rows = await findIn(dataSource, SurveyResponse, "personId", ids.filter(isUuid), {
        order: { answeredOn: "DESC", id: "ASC" },
      });
      return groupBy(ids, rows, (r) => r.personId);
    }),
  };
}
