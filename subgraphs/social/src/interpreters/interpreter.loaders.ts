import { groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Interpreter, InterpreterBooking } from "./interpreter.entity";

/** Interpreter loaders of one request (per request). */
export function createInterpreterLoaders(dataSource: DataSource) {
  return {
    interpreterById: new DataLoader<string, Interpreter | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(Interpreter).findBy({ id: In(ids.filter(isUuid)) }), (i) => i.id),
    ),
    bookingsByCaseFile: new DataLoader<string, InterpreterBooking[]>(async (ids) => {
      const rows = await dataSource.getRepository(InterpreterBooking).find({
        where: { caseFileId: In(ids.filter(isUuid)) },
        order: { startsAt: "ASC" },
      });
      return groupBy(ids, rows, (b) => b.caseFileId);
    }),
  };
}
