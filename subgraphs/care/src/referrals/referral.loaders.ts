import { groupBy, indexBy, isUuid, findIn, findInWith, ReadAlong } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Service } from "../services/service.entity";
import { Referral, ReferralTransition } from "./referral.entity";

/**
 * Referral and service loaders of one request (per request). A referral is read with its service, primed
 * into serviceById: a page asks care the same statements whether or not anyone on it was referred.
 */
export function createReferralLoaders(dataSource: DataSource) {
  const serviceById = new DataLoader<string, Service | null>(async (ids) => {
    const rows = await findIn(dataSource, Service, "id", ids.filter(isUuid));
    return indexBy(ids, rows, (s) => s.id);
  });
  const along: ReadAlong<Referral>[] = [{ via: "serviceId", target: Service, loader: serviceById }];
  return {
    serviceById,
    referralById: new DataLoader<string, Referral | null>(async (ids) => {
      const rows = await findInWith(dataSource, Referral, "id", ids.filter(isUuid), {}, along);
      return indexBy(ids, rows, (r) => r.id);
    }),
    referralsByPerson: new DataLoader<string, Referral[]>(async (ids) => {
      const rows = await findInWith(
        dataSource,
        Referral,
        "personId",
        ids.filter(isUuid),
        { order: { createdAt: "DESC", id: "ASC" } },
        along,
      );
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
