import { groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Incident, IncidentAction, IncidentTransition } from "./incident.entity";

/** Incident loaders of one request (per request). */
export function createIncidentLoaders(dataSource: DataSource) {
  return {
    incidentById: new DataLoader<string, Incident | null>(async (ids) => {
      const rows = await dataSource.getRepository(Incident).findBy({ id: In(ids.filter(isUuid)) });
      return indexBy(ids, rows, (r) => r.id);
    }),
    incidentActionById: new DataLoader<string, IncidentAction | null>(async (ids) => {
      const rows = await dataSource.getRepository(IncidentAction).findBy({ id: In(ids.filter(isUuid)) });
      return indexBy(ids, rows, (r) => r.id);
    }),
    actionsByIncident: new DataLoader<string, IncidentAction[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(IncidentAction)
        .find({ where: { incidentId: In(ids.filter(isUuid)) }, order: { createdAt: "ASC", id: "ASC" } });
      return groupBy(ids, rows, (a) => a.incidentId);
    }),
    historyByIncident: new DataLoader<string, IncidentTransition[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(IncidentTransition)
        .find({ where: { incidentId: In(ids.filter(isUuid)) }, order: { id: "ASC" } });
      return groupBy(ids, rows, (t) => t.incidentId);
    }),
  };
}
