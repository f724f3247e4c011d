import { groupBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { CommitteeMember, ResidentsCommittee } from "./committee.entity";

/** Residents' committee loaders of one request. */
export function createCommitteeLoaders(dataSource: DataSource) {
  return {
    currentCommitteeBySite: new DataLoader<string, ResidentsCommittee | null>(async (ids) => {
      const rows = await findIn(dataSource, ResidentsCommittee, "siteId", ids.filter(isUuid), {
        order: { termStart: "DESC", createdAt: "DESC" },
      });
      // The latest term started is the committee in office.
      return groupBy(ids, rows, (c) => c.siteId).map((list) => list[0] ?? null);
    }),
    committeeMembers: new DataLoader<string, CommitteeMember[]>(async (ids) =>
      groupBy(ids, await findIn(dataSource, CommitteeMember, "committeeId", ids.filter(isUuid)), (m) => m.committeeId),
    ),
  };
}
