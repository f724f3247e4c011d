import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Enrolment } from "./enrolment.entity";

/** Enrolment loaders of one request (per request). */
export function createEnrolmentLoaders(dataSource: DataSource) {
  return {
    enrolmentById: new DataLoader<string, Enrolment | null>(async (ids) => {
      const rows = await findIn(dataSource, Enrolment, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (e) => e.id);
    }),
    /** Every enrolment of each person, newest first. */
    enrolmentsByPerson: new DataLoader<string, Enrolment[]>(async (ids) => {
      const rows = await findIn(dataSource, Enrolment, "personId", ids.filter(isUuid), { order: { seq: "DESC" } });
      return groupBy(ids, rows, (e) => e.personId);
    }),
  };
}
