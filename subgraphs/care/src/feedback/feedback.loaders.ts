import { indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Feedback, FeedbackChannel } from "./feedback.entity";

/** Feedback and channel loaders of one request (per request). */
export function createFeedbackLoaders(dataSource: DataSource) {
  return {
    feedbackById: new DataLoader<string, Feedback | null>(async (ids) => {
      const rows = await findIn(dataSource, Feedback, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (f) => f.id);
    }),
    feedbackChannelById: new DataLoader<string, FeedbackChannel | null>(async (ids) => {
      const rows = await findIn(dataSource, FeedbackChannel, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (c) => c.id);
    }),
  };
}
