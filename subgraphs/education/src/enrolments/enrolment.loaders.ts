import { isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { School } from "../schools/school.entity";
import { Enrolment } from "./enrolment.entity";

/** School and enrolment loaders of one request (per request). */
export function createEnrolmentLoaders(dataSource: DataSource) {
  return {
    schoolById: new DataLoader<string, School | null>(async (ids) => {
      const rows = await dataSource.getRepository(School).findBy({ id: In(ids.filter(isUuid)) });
      const byId = new Map(rows.map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    enrolmentById: new DataLoader<string, Enrolment | null>(async (ids) => {
      const rows = await dataSource.getRepository(Enrolment).findBy({ id: In(ids.filter(isUuid)) });
      const byId = new Map(rows.map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    enrolmentsByPerson: new DataLoader<string, Enrolment[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(Enrolment)
        .find({ where: { personId: In(ids.filter(isUuid)) }, order: { createdAt: "DESC" } });
      const byPerson = new Map<string, Enrolment[]>(ids.map((id) => [id, []]));
      for (const e of rows) byPerson.get(e.personId)?.push(e);
      return ids.map((id) => byPerson.get(id) ?? []);
    }),
  };
}
