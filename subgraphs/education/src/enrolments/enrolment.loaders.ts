import { groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Enrolment } from "./enrolment.entity";

/** Enrolment loaders of one request (per request). */
export function createEnrolmentLoaders(dataSource: DataSource) {
  return {
    enrolmentById: new DataLoader<string, Enrolment | null>(async (ids) => {
      const rows = await dataSource.getRepository(Enrolment).findBy({ id: In(ids.filter(isUuid)) });
      return indexBy(ids, rows, (e) => e.id);
    }),
    /** Every enrolment of each person, newest first. */
    enrolmentsByPerson: new DataLoader<string, Enrolment[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(Enrolment)
        .find({ where: { personId: In(ids.filter(isUuid)) }, order: { seq: "DESC" } });
      return groupBy(ids, rows, (e) => e.personId);
    }),
  };
}
