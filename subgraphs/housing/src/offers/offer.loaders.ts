import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { HousingOffer, OfferStatusChange } from "./housing-offer.entity";

/** Housing offer loaders of one request. */
export function createOfferLoaders(dataSource: DataSource) {
  return {
    offerById: new DataLoader<string, HousingOffer | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, HousingOffer, "id", ids.filter(isUuid)), (o) => o.id),
    ),
    offerBySite: new DataLoader<string, HousingOffer | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, HousingOffer, "siteId", ids.filter(isUuid)), (o) => o.siteId ?? ""),
    ),
    historyByOffer: new DataLoader<string, OfferStatusChange[]>(async (ids) =>
      groupBy(
        ids,
        await findIn(dataSource, OfferStatusChange, "offerId", ids.filter(isUuid), { order: { at: "ASC" } }),
        (c) => c.offerId,
      ),
    ),
  };
}
