import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Interpreter, InterpreterBooking } from "./interpreter.entity";

/** Interpreter loaders of one request (per request). */
export function createInterpreterLoaders(dataSource: DataSource) {
  return {
    interpreterById: new DataLoader<string, Interpreter | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, Interpreter, "id", ids.filter(isUuid)), (i) => i.id),
    ),
    bookingsByCaseFile: new DataLoader<string, InterpreterBooking[]>(async (ids) => {
      const rows = await findIn(dataSource, InterpreterBooking, "caseFileId", ids.filter(isUuid), {
        order: { startsAt: "ASC" },
      });
      return groupBy(ids, rows, (b) => b.caseFileId);
    }),
  };
}
