import { groupBy, indexBy, isUuid, findInWith, ReadAlong } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { School } from "../schools/school.entity";
import { SchoolLoaders } from "../schools/school.loaders";
import { Enrolment } from "./enrolment.entity";

/**
 * Enrolment loaders of one request (per request). An enrolment is read with its school, primed into
 * schoolById: a page asks education the same statements whether or not anyone on it is enrolled.
 */
export function createEnrolmentLoaders(dataSource: DataSource, schools: SchoolLoaders) {
  const along: ReadAlong<Enrolment>[] = [{ via: "schoolId", target: School, loader: schools.schoolById }];
  return {
    enrolmentById: new DataLoader<string, Enrolment | null>(async (ids) => {
      const rows = await findInWith(dataSource, Enrolment, "id", ids.filter(isUuid), {}, along);
      return indexBy(ids, rows, (e) => e.id);
    }),
    /** Every enrolment of each person, newest first. */
    enrolmentsByPerson: new DataLoader<string, Enrolment[]>(async (ids) => {
      const rows = await findInWith(
        dataSource,
        Enrolment,
        "personId",
        ids.filter(isUuid),
        { order: { seq: "DESC" } },
        along,
      );
      return groupBy(ids, rows, (e) => e.personId);
    }),
  };
}
