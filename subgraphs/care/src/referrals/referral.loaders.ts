import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Service } from "../services/service.entity";
import { Referral, ReferralTransition } from "./referral.entity";

/** Referral and service loaders of one request (per request). */
export function createReferralLoaders(dataSource: DataSource) {
  return {
    serviceById: new DataLoader<string, Service | null>(async (ids) => {
      const rows = await findIn(dataSource, Service, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (s) => s.id);
    }),
    referralById: new DataLoader<string, Referral | null>(async (ids) => {
      const rows = await findIn(dataSource, Referral, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (r) => r.id);
    }),
    referralsByPerson: new DataLoader<string, Referral[]>(async (ids) => {
      const rows = await findIn(dataSource, Referral, "personId", ids.filter(isUuid), {
        order: { createdAt: "DESC", id: "ASC" },
      });
      return groupBy(ids, rows, (r) => r.personId);
    }),
    historyByReferral: new DataLoader<string, ReferralTransition[]>(async (ids) => {
      const rows = await findIn(dataSource, ReferralTransition, "referralId", ids.filter(isUuid), {
        order: { id: "ASC" },
      });
      return groupBy(ids, rows, (t) => t.referralId);
    }),
  };
}
