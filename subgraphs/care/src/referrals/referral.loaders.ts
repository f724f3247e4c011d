import { isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Service } from "../services/service.entity";
import { Referral } from "./referral.entity";

/** Referral and service loaders of one request (per request). */
export function createReferralLoaders(dataSource: DataSource) {
  return {
    serviceById: new DataLoader<string, Service | null>(async (ids) => {
      const rows = await dataSource.getRepository(Service).findBy({ id: In(ids.filter(isUuid)) });
      const byId = new Map(rows.map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    referralById: new DataLoader<string, Referral | null>(async (ids) => {
      const rows = await dataSource.getRepository(Referral).findBy({ id: In(ids.filter(isUuid)) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    referralsByPerson: new DataLoader<string, Referral[]>(async (ids) => {
      const rows = await dataSource
        .getRepository(Referral)
        .find({ where: { personId: In(ids.filter(isUuid)) }, order: { createdAt: "DESC" } });
      const byPerson = new Map<string, Referral[]>(ids.map((id) => [id, []]));
      for (const r of rows) byPerson.get(r.personId)?.push(r);
      return ids.map((id) => byPerson.get(id) ?? []);
    }),
  };
}
