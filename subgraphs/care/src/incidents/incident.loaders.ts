import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Incident, IncidentAction, IncidentTransition } from "./incident.entity";

/** Incident loaders of one request (per request). */
export function createIncidentLoaders(dataSource: DataSource) {
  return {
    incidentById: new DataLoader<string, Incident | null>(async (ids) => {
      const rows = await findIn(dataSource, Incident, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (r) => r.id);
    }),
    incidentActionById: new DataLoader<string, IncidentAction | null>(async (ids) => {
      const rows = await findIn(dataSource, IncidentAction, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (r) => r.id);
    }),
    actionsByIncident: new DataLoader<string, IncidentAction[]>(async (ids) => {
      const rows = await findIn(dataSource, IncidentAction, "incidentId", ids.filter(isUuid), {
        order: { createdAt: "ASC", id: "ASC" },
      });
      return groupBy(ids, rows, (a) => a.incidentId);
    }),
    historyByIncident: new DataLoader<string, IncidentTransition[]>(async (ids) => {
      const rows = await findIn(dataSource, IncidentTransition, "incidentId", ids.filter(isUuid), {
        order: { id: "ASC" },
      });
      return groupBy(ids, rows, (t) => t.incidentId);
    }),
  };
}
