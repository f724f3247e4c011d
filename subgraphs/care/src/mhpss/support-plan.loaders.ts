import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { SupportPlan, SupportPlanChange, SupportSession } from "./support-plan.entity";

/** Support plan loaders of one request (per request). */
export function createSupportPlanLoaders(dataSource: DataSource) {
  return {
    supportPlanByPerson: new DataLoader<string, SupportPlan | null>(async (ids) => {
      const rows = await findIn(dataSource, SupportPlan, "personId", ids.filter(isUuid));
      return indexBy(ids, rows, (p) => p.personId);
    }),
    sessionsByPlan: new DataLoader<string, SupportSession[]>(async (ids) => {
      const rows = await findIn(dataSource, SupportSession, "planId", ids.filter(isUuid), {
        order: { date: "ASC", createdAt: "ASC", id: "ASC" },
      });
      return groupBy(ids, rows, (s) => s.planId);
    }),
    historyByPlan: new DataLoader<string, SupportPlanChange[]>(async (ids) => {
      const rows = await findIn(dataSource, SupportPlanChange, "planId", ids.filter(isUuid), { order: { id: "ASC" } });
      return groupBy(ids, rows, (c) => c.planId);
    }),
  };
}
