import { indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { DutchCourse, IntegrationProgramme, IntegrationProgrammeEvent } from "./adult.entity";

/** Adults' courses and integration programme (per request). */
export function createAdultLoaders(dataSource: DataSource) {
  return {
    /** Each person's Dutch courses, latest start first. */
    dutchCoursesByPerson: new DataLoader<string, DutchCourse[]>(async (ids) => {
      const rows = await findIn(dataSource, DutchCourse, "personId", ids.filter(isUuid), {
        order: { startDate: "DESC", createdAt: "DESC" },
      });
      return ids.map((id) => rows.filter((c) => c.personId === id));
    }),
    dutchCourseById: new DataLoader<string, DutchCourse | null>(async (ids) => {
      const rows = await findIn(dataSource, DutchCourse, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (c) => c.id);
    }),
    integrationProgrammeByPerson: new DataLoader<string, IntegrationProgramme | null>(async (ids) => {
      const rows = await findIn(dataSource, IntegrationProgramme, "personId", ids.filter(isUuid));
      return indexBy(ids, rows, (p) => p.personId);
    }),
    /** Each programme's steps, oldest first; each carries the person it is about. */
    integrationHistoryByProgramme: new DataLoader<string, IntegrationProgrammeEvent[]>(async (ids) => {
      const programmes = await findIn(dataSource, IntegrationProgramme, "id", ids.filter(isUuid));
      const personOf = new Map(programmes.map((p) => [p.id, p.personId]));
      const rows = await findIn(dataSource, IntegrationProgrammeEvent, "programmeId", ids.filter(isUuid), {
        order: { date: "ASC", recordedAt: "ASC" },
      });
      for (const r of rows) r.personId = personOf.get(r.programmeId);
      return ids.map((id) => rows.filter((r) => r.programmeId === id));
    }),
  };
}
