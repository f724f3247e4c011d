import { groupBy, indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { HousingOffer, OfferStatusChange } from "./housing-offer.entity";

/** Housing offer loaders of one request. */
export function createOfferLoaders(dataSource: DataSource) {
  return {
    offerById: new DataLoader<string, HousingOffer | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(HousingOffer).findBy({ id: In(ids.filter(isUuid)) }), (o) => o.id),
    ),
    offerBySite: new DataLoader<string, HousingOffer | null>(async (ids) =>
      indexBy(
        ids,
        await dataSource.getRepository(HousingOffer).findBy({ siteId: In(ids.filter(isUuid)) }),
        (o) => o.siteId ?? "",
      ),
    ),
    historyByOffer: new DataLoader<string, OfferStatusChange[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(OfferStatusChange)
          .find({ where: { offerId: In(ids.filter(isUuid)) }, order: { at: "ASC" } }),
        (c) => c.offerId,
      ),
    ),
  };
}
