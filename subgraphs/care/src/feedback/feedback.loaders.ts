import { indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Feedback, FeedbackChannel } from "./feedback.entity";

/** Feedback and channel loaders of one request (per request). */
export function createFeedbackLoaders(dataSource: DataSource) {
  return {
    feedbackById: new DataLoader<string, Feedback | null>(async (ids) => {
      const rows = await dataSource.getRepository(Feedback).findBy({ id: In(ids.filter(isUuid)) });
      return indexBy(ids, rows, (f) => f.id);
    }),
    feedbackChannelById: new DataLoader<string, FeedbackChannel | null>(async (ids) => {
      const rows = await dataSource.getRepository(FeedbackChannel).findBy({ id: In(ids.filter(isUuid)) });
      return indexBy(ids, rows, (c) => c.id);
    }),
  };
}
